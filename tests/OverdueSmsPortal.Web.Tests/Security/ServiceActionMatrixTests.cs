using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.Infrastructure.Reviews;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>
/// The page actions a Blazor handler runs call these services; each asks the acting user's roles
/// itself, so a page that shows a button by mistake, or a circuit that outlived a role, still
/// cannot do the work. Every role calls every action of the real portal's services: a refused
/// one throws <see cref="AccessRefusedException"/> and writes nothing; an allowed one gets past
/// the check (to success, or to the action's own refusal of the sample input).
/// </summary>
public sealed class ServiceActionMatrixTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const long Missing = 987_654;

    private static readonly string[] Roles = [PortalRoles.Admin, PortalRoles.Author, PortalRoles.Approver, PortalRoles.Viewer];

    /// <summary>Y: allowed, -: refused. Columns: Admin Author Approver Viewer.</summary>
    private static readonly ActionRow[] Actions =
    [
        new("TemplateStudio.SaveDraftAsync",            "Y Y - -", (s, by) => s.Get<TemplateStudio>().SaveDraftAsync(Missing, Tone.Standard, "【X】请还款", by)),
        new("TemplateStudio.SubmitAsync",               "Y Y - -", (s, by) => s.Get<TemplateStudio>().SubmitAsync(Missing, by)),
        new("TemplateStudio.ApproveAsync",              "- - Y -", (s, by) => s.Get<TemplateStudio>().ApproveAsync(Missing, by, true, null)),
        new("TemplateStudio.RejectAsync",               "- - Y -", (s, by) => s.Get<TemplateStudio>().RejectAsync(Missing, by, "no")),
        new("CampaignDesk.CreateAsync",                 "Y Y - -", (s, by) => s.Get<CampaignDesk>().CreateAsync(new CampaignPlan(), by)),
        new("CampaignDesk.UpdateAsync",                 "Y Y - -", (s, by) => s.Get<CampaignDesk>().UpdateAsync(Missing, 1, new CampaignPlan(), by)),
        new("CampaignDesk.SubmitAsync",                 "Y Y - -", (s, by) => s.Get<CampaignDesk>().SubmitAsync(Missing, by)),
        new("CampaignDesk.ApproveAsync",                "- - Y -", (s, by) => s.Get<CampaignDesk>().ApproveAsync(Missing, by, null)),
        new("CampaignDesk.RejectAsync",                 "- - Y -", (s, by) => s.Get<CampaignDesk>().RejectAsync(Missing, by, "no")),
        new("CampaignDesk.PauseAsync",                  "Y Y Y -", (s, by) => s.Get<CampaignDesk>().PauseAsync(Missing, by)),
        new("CampaignDesk.ResumeAsync",                 "Y Y Y -", (s, by) => s.Get<CampaignDesk>().ResumeAsync(Missing, by)),
        new("CampaignDesk.CancelAsync",                 "Y Y Y -", (s, by) => s.Get<CampaignDesk>().CancelAsync(Missing, by)),
        new("DevelopmentReplies.SimulateAsync",         "Y Y Y -", (s, by) => s.Get<DevelopmentReplies>().SimulateAsync(Missing, "明天还", by)),
        new("ReplyDesk.ReclassifyAsync",                "Y Y Y -", (s, by) => s.Get<ReplyDesk>().ReclassifyAsync(Missing, ReplyCategory.Question, by)),
        new("EscalationList.ResolveAsync",              "Y Y Y -", (s, by) => s.Get<EscalationList>().ResolveAsync(Missing, by)),
        new("DoubtDesk.DecideAsync",                    "- - Y -", (s, by) => s.Get<DoubtDesk>().DecideAsync([Missing], DoubtDecision.Resend, by)),
        new("ComplaintDesk.RecordAsync",                "Y - Y -", (s, by) => s.Get<ComplaintDesk>().RecordAsync(new ComplaintInput(), by)),
        new("ComplaintDesk.StartWorkAsync",             "Y - Y -", (s, by) => s.Get<ComplaintDesk>().StartWorkAsync(Missing, by)),
        new("ComplaintDesk.CloseAsync",                 "Y - Y -", (s, by) => s.Get<ComplaintDesk>().CloseAsync(Missing, "已处理", by)),
        new("ContactCheck.LiftAsync",                   "Y - Y -", (s, by) => s.Get<ContactCheck>().LiftAsync(Missing,
            new Core.Customers.WrongNumberRelease { Fix = Core.Customers.WrongNumberFix.ConfirmedWithCustomer, Note = "矩阵" }, by)),
        new("CustomerContacts.PlaceLegalHoldAsync",     "Y - - -", (s, by) => s.Get<CustomerContacts>().PlaceLegalHoldAsync(Missing, by)),
        new("CustomerContacts.ReleaseLegalHoldAsync",   "Y - - -", (s, by) => s.Get<CustomerContacts>().ReleaseLegalHoldAsync(Missing, by)),
        new("GatewaySettingsStore.SaveAsync",           "Y - - -", (s, by) => s.Get<GatewaySettingsStore>().SaveAsync(new GatewaySettingsInput { ThroughputPerSecond = -1 }, by)),
        new("GatewaySettingsStore.IssueCallbackTokenAsync", "Y - - -", (s, by) => s.Get<GatewaySettingsStore>().IssueCallbackTokenAsync(by)),
        new("SendPolicyStore.SaveAsync",                "Y - - -", (s, by) => s.Get<SendPolicyStore>().SaveAsync(PolicySettings.Default, by)),
        new("OutcomeSettingsStore.SaveAsync",           "Y - - -", (s, by) => s.Get<OutcomeSettingsStore>().SaveAsync(OutcomeSettings.Default, by)),
        new("ReplyRuleStore.AddAsync",                  "Y - - -", (s, by) => s.Get<ReplyRuleStore>().AddAsync(ReplyCategory.Question, "矩阵", ReplyMatch.Contains, by)),
        new("ReplyRuleStore.RemoveAsync",               "Y - - -", (s, by) => s.Get<ReplyRuleStore>().RemoveAsync(Missing, by)),
        new("ReplyRuleStore.MoveAsync",                 "Y - - -", (s, by) => s.Get<ReplyRuleStore>().MoveAsync(Missing, true, by)),
        new("ApiKeyService.IssueAsync",                 "Y - - -", (s, by) => s.Get<ApiKeyService>().IssueAsync("matrix key", by)),
        new("ApiKeyService.RevokeAsync",                "Y - - -", (s, by) => s.Get<ApiKeyService>().RevokeAsync((int)Missing, by)),
        new("LintVocabularyStore.AddTermAsync",         "Y - - -", (s, by) => s.Get<LintVocabularyStore>().AddTermAsync(LintTermCategory.Insult, " ", by)),
        new("LintVocabularyStore.RemoveTermAsync",      "Y - - -", (s, by) => s.Get<LintVocabularyStore>().RemoveTermAsync(Missing, by)),
        new("LintVocabularyStore.AddDomainAsync",       "Y - - -", (s, by) => s.Get<LintVocabularyStore>().AddDomainAsync("not a domain", by)),
        new("LintVocabularyStore.RemoveDomainAsync",    "Y - - -", (s, by) => s.Get<LintVocabularyStore>().RemoveDomainAsync(Missing, by)),
        new("ReviewInbox.CountForAsync",                "- - Y -", (s, by) => s.Get<ReviewInbox>().CountForAsync(by)),
        new("SegmentCatalog.CreateAsync",               "Y - - -", (s, by) => s.Get<SegmentCatalog>().CreateAsync(new SegmentRules(), by)),
        new("SegmentCatalog.UpdateAsync",               "Y - - -", (s, by) => s.Get<SegmentCatalog>().UpdateAsync(Missing, new SegmentRules(), by)),
        new("SegmentCatalog.DeleteAsync",               "Y - - -", (s, by) => s.Get<SegmentCatalog>().DeleteAsync(Missing, by)),
        new("SegmentCatalog.SaveLadderAsync",           "Y - - -", (s, by) => s.Get<SegmentCatalog>().SaveLadderAsync([], by)),
        new("UserAdministration.CreateAsync",           "Y - - -", (s, by) => s.Get<UserAdministration>().CreateAsync("matrix-user", "矩阵", "short", [PortalRoles.Viewer], by)),
        new("UserAdministration.SetRolesAsync",         "Y - - -", (s, by) => s.Get<UserAdministration>().SetRolesAsync("no-such-id", [PortalRoles.Admin], by)),
        new("UserAdministration.SetLockedAsync",        "Y - - -", (s, by) => s.Get<UserAdministration>().SetLockedAsync("no-such-id", true, by)),
        new("UserAdministration.ResetPasswordAsync",    "Y - - -", (s, by) => s.Get<UserAdministration>().ResetPasswordAsync("no-such-id", "Matrix-Pass-2026", by)),
    ];
    private static readonly string[] MatrixUsers = ["matrix-Admin", "matrix-Approver", "matrix-Author"];

    [Fact]
    public void Every_service_method_that_acts_for_a_user_has_a_row()
    {
        var acting = typeof(TemplateStudio).Assembly.GetExportedTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.GetParameters().Any(p => p.ParameterType == typeof(Actor)))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(acting.Order(), Actions.Select(a => a.Method).Distinct().Order());
    }

    [Fact]
    public async Task Each_role_is_allowed_or_refused_each_action_as_the_table_says()
    {
        var auditBefore = await factory.WithDatabaseAsync(db => db.AuditEntries.CountAsync());
        var failures = new List<string>();
        var refusedCalls = 0;
        foreach (var action in Actions)
        {
            foreach (var (role, allowed) in Roles.Zip(action.Allowed))
            {
                var by = new Actor($"id-matrix-{role}", $"matrix-{role}") { Roles = [role] };
                Exception? thrown = null;
                try
                {
                    await factory.WithServicesAsync(services => action.Call(new Scope(services), by));
                }
                catch (Exception e)
                {
                    thrown = e;
                }
                var refused = thrown is AccessRefusedException;
                refusedCalls += refused ? 1 : 0;
                if (refused == allowed)
                {
                    failures.Add($"{action.Method} as {role}: {(allowed ? "refused" : $"not refused ({thrown?.GetType().Name ?? "succeeded"})")}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Not as the table says:\n" + string.Join("\n", failures));
        Assert.True(refusedCalls > 0);
        // A refused call wrote nothing, and the allowed ones only refused their sample input or saved settings again.
        var written = await factory.WithDatabaseAsync(db => db.AuditEntries.OrderBy(e => e.Id).Skip(auditBefore).Select(e => e.Actor).ToListAsync());
        Assert.All(written, actor => Assert.Contains(actor, MatrixUsers));
        Assert.DoesNotContain("matrix-Viewer", written);
    }

    [Fact]
    public async Task An_actor_with_no_roles_is_refused_every_action()
    {
        var nobody = new Actor("id-no-roles", "no-roles");
        foreach (var action in Actions)
        {
            await Assert.ThrowsAsync<AccessRefusedException>(() => factory.WithServicesAsync(services => action.Call(new Scope(services), nobody)));
        }
    }

    /// <summary>One service method, which roles may call it, and a call of it with sample input.</summary>
    private sealed record ActionRow(string Method, string Cells, Func<Scope, Actor, Task> Call)
    {
        public IEnumerable<bool> Allowed => Cells.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(cell => cell == "Y");
    }

    private sealed record Scope(IServiceProvider Services)
    {
        public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
    }
}
