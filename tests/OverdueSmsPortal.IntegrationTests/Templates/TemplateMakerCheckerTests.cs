using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.StudioSetup;

namespace OverdueSmsPortal.IntegrationTests.Templates;

/// <summary>
/// Ways around maker-checker on templates, tried on real SQLite through the studio: editing after
/// approval, a second account, a renamed account, an approver who wrote part of the text, and two
/// approvals at the same moment.
/// </summary>
public sealed class TemplateMakerCheckerTests : DatabaseTest
{
    private Segment segment = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        segment = await Portal.GivenSegmentAsync();
    }

    private TemplateStudio Studio => Portal.Service<TemplateStudio>();

    private Task<TemplateVersion> DraftAsync(Actor author, string body = CleanBody) =>
        Studio.SaveDraftAsync(segment.Id, Tone.Standard, body, author);

    private static async Task<TemplateReviewError> RefusalAsync(Func<Task> act) =>
        (await Assert.ThrowsAsync<TemplateReviewException>(act)).Error;

    private Task<int> ApprovalsAsync(long versionId) =>
        Portal.QueryAsync(db => db.AuditEntries.CountAsync(e =>
            e.EntityType == AuditNames.TemplateVersion && e.EntityId == versionId.ToString() && e.Action == AuditNames.Approved));

    [Fact]
    public async Task An_edit_after_approval_is_a_new_draft_that_no_campaign_can_use_until_it_is_approved_itself()
    {
        var approved = await DraftAsync(Author);
        await Studio.SubmitAsync(approved.Id, Author);
        await Studio.ApproveAsync(approved.Id, Approver, true, null);

        var edited = await DraftAsync(Author, CleanBody + "祝您顺利。");

        var stored = await Portal.VersionAsync(edited.Id);
        Assert.Equal((TemplateVersionStatus.Draft, null, null), (stored.Status, stored.ReviewerId, stored.ReviewedAt));
        Assert.Equal(CleanBody, (await Portal.VersionAsync(approved.Id)).Body);
        var refusal = await Assert.ThrowsAsync<CampaignException>(() => Portal.Service<CampaignDesk>().CreateAsync(
            CampaignSetup.PlanFor(new CampaignSegmentPlan(segment.Id, edited.Id)), Author));
        Assert.Equal(CampaignError.VersionNotApproved, refusal.Error);
        Assert.Equal(0, await ApprovalsAsync(edited.Id));
    }

    [Fact]
    public async Task The_same_account_under_a_new_name_is_refused_and_another_account_with_the_same_name_is_not()
    {
        var author = new Actor("u-li-na", "li.na") { Roles = [PortalRoles.Author, PortalRoles.Approver] };
        var version = await DraftAsync(author);
        await Studio.SubmitAsync(version.Id, author);

        var renamed = author with { Name = "li.na.renamed" };
        Assert.Equal(TemplateReviewError.OwnVersion, await RefusalAsync(() => Studio.ApproveAsync(version.Id, renamed, true, null)));

        var namesake = new Actor("u-li-na-2", "li.na") { Roles = [PortalRoles.Approver] };
        await Studio.ApproveAsync(version.Id, namesake, true, null);
        Assert.Equal(("u-li-na-2", TemplateVersionStatus.Approved), ((await Portal.VersionAsync(version.Id)).ReviewerId, (await Portal.VersionAsync(version.Id)).Status));
    }

    [Fact]
    public async Task An_approver_who_wrote_an_unapproved_draft_the_version_grew_from_cannot_approve_it()
    {
        // The author's draft, changed by someone who also approves, then saved again by the author.
        await DraftAsync(Author);
        await DraftAsync(AuthorAndApprover, CleanBody + "祝您顺利。");
        var last = await DraftAsync(Author, CleanBody + "祝您一切顺利。");
        await Studio.SubmitAsync(last.Id, Author);

        Assert.Equal(TemplateReviewError.OwnVersion,
            await RefusalAsync(() => Studio.ApproveAsync(last.Id, AuthorAndApprover, true, null)));
        Assert.Equal(TemplateReviewError.OwnVersion, await RefusalAsync(() => Studio.RejectAsync(last.Id, AuthorAndApprover, "不行")));
        Assert.Equal(TemplateVersionStatus.InReview, (await Portal.VersionAsync(last.Id)).Status);
        await Studio.ApproveAsync(last.Id, Approver, true, null);
    }

    [Fact]
    public async Task Text_someone_else_already_approved_does_not_make_its_writer_a_maker_of_the_next_version()
    {
        var first = await DraftAsync(AuthorAndApprover);
        await Studio.SubmitAsync(first.Id, AuthorAndApprover);
        await Studio.ApproveAsync(first.Id, Approver, true, null);
        var next = await DraftAsync(Author, CleanBody + "祝您顺利。");
        await Studio.SubmitAsync(next.Id, Author);

        await Studio.ApproveAsync(next.Id, AuthorAndApprover, true, null);

        Assert.Equal(TemplateVersionStatus.Approved, (await Portal.VersionAsync(next.Id)).Status);
    }

    [Fact]
    public async Task Two_approvals_at_the_same_moment_leave_one_approval_and_a_clear_refusal()
    {
        var version = await DraftAsync(Author);
        await Studio.SubmitAsync(version.Id, Author);
        var first = Portal.Service<TemplateStudio>();
        var second = Portal.Service<TemplateStudio>();

        var outcomes = await Task.WhenAll(
            Attempt(() => first.ApproveAsync(version.Id, Approver, true, "A")),
            Attempt(() => second.ApproveAsync(version.Id, SecondApprover, true, "B")));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is TemplateReviewError.AlreadyReviewed or TemplateReviewError.NotInReview);
        Assert.Equal(1, await ApprovalsAsync(version.Id));
        var decided = await Portal.VersionAsync(version.Id);
        Assert.Equal(TemplateVersionStatus.Approved, decided.Status);
        Assert.Contains(decided.ReviewerId, new[] { Approver.Id, SecondApprover.Id });

        static async Task<TemplateReviewError?> Attempt(Func<Task> act)
        {
            try
            {
                await act();
                return null;
            }
            catch (TemplateReviewException refusal)
            {
                return refusal.Error;
            }
        }
    }
}
