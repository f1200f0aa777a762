using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>What the template studio's tests start from: the ladder, the word lists, a segment.</summary>
public static class StudioSetup
{
    /// <summary>Keeps segments, the ladder and the word lists.</summary>
    public static readonly Actor Admin = new("u-admin", "admin") { Roles = [PortalRoles.Admin] };

    public static readonly Actor Author = new("u-author", "author") { Roles = [PortalRoles.Author] };
    public static readonly Actor OtherAuthor = new("u-author-2", "author2") { Roles = [PortalRoles.Author] };
    public static readonly Actor Approver = new("u-approver", "approver") { Roles = [PortalRoles.Approver] };
    public static readonly Actor SecondApprover = new("u-approver-2", "approver2") { Roles = [PortalRoles.Approver] };

    /// <summary>Someone who holds both roles: they may write and review, never what they wrote.</summary>
    public static readonly Actor AuthorAndApprover = new("u-author-approver", "author-approver")
    {
        Roles = [PortalRoles.Author, PortalRoles.Approver],
    };

    /// <summary>Passes every lint rule at 8–15 days overdue.</summary>
    public const string CleanBody =
        "【{{ lender.name }}】尊敬的{{ customer.name }}{{ customer.title }}，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" +
        "请通过 {{ lender.payment_link }} 还款，如有困难请致电{{ lender.hotline }}。如您已还款，请忽略本短信。谢谢！";

    public static async Task SeedLadderAndWordListsAsync(this PortalDatabase portal)
    {
        await portal.Service<SegmentCatalog>().SeedLadderAsync();
        await portal.Service<LintVocabularyStore>().SeedAsync("pay.example.cn");
    }

    public static Task<Segment> GivenSegmentAsync(this PortalDatabase portal, string name = "逾期8–15天客户",
        string stage = "overdue_8_15", params Tone[] tones) =>
        portal.Service<SegmentCatalog>().CreateAsync(new SegmentRules
        {
            Name = name, StageKey = stage, Tones = tones.Length == 0 ? [Tone.Standard, Tone.Firm] : tones,
        }, Admin);

    public static Task<TemplateVersion> VersionAsync(this PortalDatabase portal, long id) =>
        portal.QueryAsync(db => db.TemplateVersions.AsNoTracking().Include(v => v.Template).SingleAsync(v => v.Id == id));
}
