using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Jobs;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.IntegrationTests.Support;
using Quartz;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;
using static OverdueSmsPortal.IntegrationTests.Support.StudioSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>Building and approving campaigns on real SQLite: the checks, the audit trail and the scheduler.</summary>
public sealed class CampaignDeskTests : DatabaseTest
{
    private ReadySegment ready = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        ready = await Portal.GivenReadySegmentAsync();
    }

    private CampaignDesk Desk => Portal.Service<CampaignDesk>();

    private CampaignPlan Plan => PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id));

    private async Task<bool> IsScheduledAsync(long campaignId)
    {
        var scheduler = await Portal.Service<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetJobDetail(CampaignScheduler.CampaignJob(campaignId)) is not null;
    }

    [Fact]
    public async Task An_approved_campaign_gets_its_trigger_and_every_step_is_audited()
    {
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);

        Assert.Equal(CampaignStatus.Active, campaign.Status);
        Assert.True(await IsScheduledAsync(campaign.Id));
        var actions = await Portal.QueryAsync(db => db.AuditEntries
            .Where(e => e.EntityType == AuditNames.Campaign && e.EntityId == campaign.Id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.Actor }).ToListAsync());
        Assert.Equal([(AuditNames.Created, "author"), (AuditNames.Submitted, "author"), (AuditNames.Approved, "approver")],
            actions.Select(a => (a.Action, a.Actor)));
    }

    [Fact]
    public async Task A_campaign_may_only_use_approved_versions_of_its_own_segments()
    {
        var draft = await Portal.Service<TemplateStudio>().SaveDraftAsync(ready.Segment.Id, Tone.Standard, CleanBody + "谢谢。", Author);
        var refusal = await Assert.ThrowsAsync<CampaignException>(() =>
            Desk.CreateAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, draft.Id)), Author));
        Assert.Equal(CampaignError.VersionNotApproved, refusal.Error);

        var other = await Portal.GivenReadySegmentAsync("另一个分群");
        refusal = await Assert.ThrowsAsync<CampaignException>(() =>
            Desk.CreateAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, other.Standard.Id)), Author));
        Assert.Equal(CampaignError.VersionNotApproved, refusal.Error);
    }

    [Fact]
    public async Task An_invalid_plan_is_refused_field_by_field()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Desk.CreateAsync(Plan with { Name = "", ThroughputPerSecond = 0 }, Author));
        Assert.Contains(error.Errors, e => e.ErrorCode == "campaign.name.required");
        Assert.Contains(error.Errors, e => e.ErrorCode == "campaign.throughput.range");
    }

    [Fact]
    public async Task The_submitter_cannot_approve_and_a_rejection_is_recorded_with_its_comment()
    {
        var campaign = await Desk.CreateAsync(Plan, AuthorAndApprover);
        await Desk.SubmitAsync(campaign.Id, AuthorAndApprover);
        var refusal = await Assert.ThrowsAsync<CampaignException>(() => Desk.ApproveAsync(campaign.Id, AuthorAndApprover, null));
        Assert.Equal(CampaignError.OwnCampaign, refusal.Error);

        await Desk.RejectAsync(campaign.Id, Approver, "发送窗口请改到晚上");
        var stored = (await Desk.GetAsync(campaign.Id))!.Campaign;
        Assert.Equal((CampaignStatus.Rejected, "发送窗口请改到晚上"), (stored.Status, stored.Review.Comment));
        Assert.False(await IsScheduledAsync(campaign.Id));
    }

    [Fact]
    public async Task A_change_after_approval_returns_it_to_draft_and_removes_its_trigger()
    {
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);

        await Desk.UpdateAsync(campaign.Id, campaign.Revision, Plan with { ThroughputPerSecond = 10 }, Author);

        var stored = (await Desk.GetAsync(campaign.Id))!.Campaign;
        Assert.Equal((CampaignStatus.Draft, 2, 10), (stored.Status, stored.Revision, stored.ThroughputPerSecond));
        Assert.False(await IsScheduledAsync(campaign.Id));
    }

    [Fact]
    public async Task A_change_made_on_an_old_revision_is_refused()
    {
        var campaign = await Desk.CreateAsync(Plan, Author);
        await Desk.UpdateAsync(campaign.Id, 1, Plan with { Name = "第二版" }, OtherAuthor);

        var refusal = await Assert.ThrowsAsync<CampaignException>(() => Desk.UpdateAsync(campaign.Id, 1, Plan with { Name = "第三版" }, Author));
        Assert.Equal(CampaignError.ChangedMeanwhile, refusal.Error);
    }

    [Fact]
    public async Task Two_approvers_racing_leave_one_decision()
    {
        var campaign = await Desk.CreateAsync(Plan, Author);
        await Desk.SubmitAsync(campaign.Id, Author);
        var first = Portal.Service<CampaignDesk>();
        var second = Portal.Service<CampaignDesk>();

        var outcomes = await Task.WhenAll(
            Attempt(() => first.ApproveAsync(campaign.Id, Approver, "同意")),
            Attempt(() => second.RejectAsync(campaign.Id, SecondApprover, "不同意")));

        Assert.Single(outcomes, succeeded => succeeded);
        var decisions = await Portal.QueryAsync(db => db.AuditEntries.CountAsync(e =>
            e.EntityType == AuditNames.Campaign && (e.Action == AuditNames.Approved || e.Action == AuditNames.Rejected)));
        Assert.Equal(1, decisions);

        static async Task<bool> Attempt(Func<Task> act)
        {
            try
            {
                await act();
                return true;
            }
            catch (CampaignException)
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task Pause_removes_the_trigger_and_resume_puts_it_back()
    {
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);
        await Desk.PauseAsync(campaign.Id, Operator);
        Assert.False(await IsScheduledAsync(campaign.Id));
        await Desk.ResumeAsync(campaign.Id, Operator);
        Assert.True(await IsScheduledAsync(campaign.Id));
        await Desk.CancelAsync(campaign.Id, Operator);
        Assert.False(await IsScheduledAsync(campaign.Id));
        Assert.Equal(CampaignStatus.Cancelled, (await Desk.GetAsync(campaign.Id))!.Campaign.Status);
    }

    [Fact]
    public async Task The_builder_offers_segments_with_approved_versions_only()
    {
        await Portal.GivenSegmentAsync("没有模板的分群");
        var choices = await Desk.ChoicesAsync();
        var choice = Assert.Single(choices);
        Assert.Equal(ready.Segment.Id, choice.SegmentId);
        Assert.Equal([Tone.Standard, Tone.Firm], choice.Versions.Select(v => v.Tone));
    }

    [Fact]
    public async Task The_next_firings_of_a_daily_schedule_are_at_its_time_in_the_business_zone()
    {
        var plan = Plan with { Schedule = CampaignSchedule.Daily(new TimeOnly(18, 30)) };
        var firings = Portal.Service<CampaignScheduler>().NextFirings(plan.Schedule, plan.EndDate, Portal.Clock.Now, 3);
        Assert.Equal([
            new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero),
        ], firings);
    }

    [Fact]
    public async Task At_start_a_campaign_whose_end_passed_while_the_portal_was_down_is_completed_not_scheduled()
    {
        var campaign = await Portal.GivenActiveCampaignAsync(Plan with
        {
            Schedule = CampaignSchedule.Daily(new TimeOnly(18, 0)),
            EndDate = PortalDatabase.Today,
        });
        await Portal.Service<CampaignScheduler>().UnscheduleAsync(campaign.Id);
        Portal.Clock.Advance(TimeSpan.FromDays(3));

        await new CampaignScheduleRestorer(Portal.Service<IServiceScopeFactory>(),
            Portal.Service<ILogger<CampaignScheduleRestorer>>()).StartAsync(default);

        Assert.Equal(CampaignStatus.Completed, (await Desk.GetAsync(campaign.Id))!.Campaign.Status);
        Assert.False(await IsScheduledAsync(campaign.Id));
    }

    [Fact]
    public async Task At_start_active_campaigns_get_their_triggers_back_and_unfinished_runs_resume()
    {
        await Portal.GivenOverdueCustomersAsync(2);
        // Quartz judges whether a trigger can still fire by the machine's clock, not the portal's fixed one:
        // a campaign that ended (by the machine's date) has nothing left to schedule. The longest end allowed
        // keeps this daily campaign alive by both clocks for a year after the test's date.
        var campaign = await Portal.GivenActiveCampaignAsync(Plan with
        {
            Schedule = CampaignSchedule.Daily(new TimeOnly(18, 0)),
            EndDate = PortalDatabase.Today.AddDays(366),
        });
        var run = (await Portal.Service<RunPlanner>().OpenRunAsync(campaign.Id, Portal.Clock.Now, null))!;
        // As after a restart: Quartz's memory is empty, the tables still hold the campaign and its run.
        var scheduler = await Portal.Service<ISchedulerFactory>().GetScheduler();
        await scheduler.Clear();

        await new CampaignScheduleRestorer(Portal.Service<IServiceScopeFactory>(),
            Portal.Service<ILogger<CampaignScheduleRestorer>>()).StartAsync(default);

        Assert.True(await IsScheduledAsync(campaign.Id));
        Assert.NotNull(await scheduler.GetJobDetail(CampaignScheduler.RunJobKey(run.Id)));
    }

    // Ways around maker-checker: changing it after approval, a renamed or a second account, an
    // approver who changed it before someone else did, and two approvals at the same moment.

    private static async Task<CampaignError> RefusalAsync(Func<Task> act) =>
        (await Assert.ThrowsAsync<CampaignException>(act)).Error;

    private Task<Campaign> StoredAsync(long id) =>
        Portal.QueryAsync(db => db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<int> ApprovalsAsync(long id) =>
        Portal.QueryAsync(db => db.AuditEntries.CountAsync(e =>
            e.EntityType == AuditNames.Campaign && e.EntityId == id.ToString(CultureInfo.InvariantCulture) && e.Action == AuditNames.Approved));

    [Fact]
    public async Task A_change_after_approval_drops_the_approval_and_needs_a_new_one_from_someone_who_did_not_change_it()
    {
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);

        await Desk.UpdateAsync(campaign.Id, campaign.Revision, Plan with { ThroughputPerSecond = 10 }, AuthorAndApprover);

        var changed = await StoredAsync(campaign.Id);
        Assert.Equal((CampaignStatus.Draft, null, null), (changed.Status, changed.Review.ReviewerId, changed.Review.ReviewedAt));
        await Desk.SubmitAsync(campaign.Id, Author);
        Assert.Equal(CampaignError.OwnCampaign, await RefusalAsync(() => Desk.ApproveAsync(campaign.Id, AuthorAndApprover, null)));
        await Desk.ApproveAsync(campaign.Id, SecondApprover, null);
        Assert.Equal(2, await ApprovalsAsync(campaign.Id));
    }

    [Fact]
    public async Task The_editors_and_the_review_are_kept_in_the_columns_databases_already_hold()
    {
        var campaign = await Desk.CreateAsync(Plan, Author);
        await Desk.UpdateAsync(campaign.Id, 1, Plan with { Name = "审批人改过的版本" }, AuthorAndApprover);
        await Desk.SubmitAsync(campaign.Id, Author);
        await Desk.RejectAsync(campaign.Id, Approver, "  发送窗口请改到晚上  ");

        var row = await Portal.QueryAsync(db => db.Database.SqlQuery<StoredReview>($"""
            SELECT "ChangedByIds", "SubmittedById", "ReviewerId", "ReviewComment" FROM "Campaigns" WHERE "Id" = {campaign.Id}
            """).SingleAsync());
        Assert.Equal(new StoredReview("|u-author|u-author-approver|", "u-author", "u-approver", "发送窗口请改到晚上"), row);

        // A list written before the model had one (three editors, one of them the approver-to-be) still binds.
        await Portal.QueryAsync(db => db.Database.ExecuteSqlAsync(
            $"""UPDATE "Campaigns" SET "ChangedByIds" = {"|u-author|u-approver-2|u-author-approver|"} WHERE "Id" = {campaign.Id}"""));
        Assert.Equal(["u-author", "u-approver-2", "u-author-approver"], (await StoredAsync(campaign.Id)).ChangedByIds);
        await Desk.SubmitAsync(campaign.Id, Author);
        Assert.Equal(CampaignError.OwnCampaign, await RefusalAsync(() => Desk.ApproveAsync(campaign.Id, SecondApprover, null)));
    }

    private sealed record StoredReview(string ChangedByIds, string? SubmittedById, string? ReviewerId, string? ReviewComment);

    [Fact]
    public async Task An_approver_who_changed_the_campaign_before_the_author_changed_it_again_cannot_approve_it()
    {
        var campaign = await Desk.CreateAsync(Plan, Author);
        await Desk.UpdateAsync(campaign.Id, 1, Plan with { Name = "审批人改过的版本" }, AuthorAndApprover);
        await Desk.UpdateAsync(campaign.Id, 2, Plan with { Name = "作者再改的版本" }, Author);
        await Desk.SubmitAsync(campaign.Id, Author);

        Assert.Equal(CampaignError.OwnCampaign, await RefusalAsync(() => Desk.ApproveAsync(campaign.Id, AuthorAndApprover, null)));
        Assert.Equal(CampaignError.OwnCampaign, await RefusalAsync(() => Desk.RejectAsync(campaign.Id, AuthorAndApprover, "不行")));
        Assert.Equal(CampaignStatus.InReview, (await StoredAsync(campaign.Id)).Status);
        await Desk.ApproveAsync(campaign.Id, Approver, null);
    }

    [Fact]
    public async Task The_same_account_under_a_new_name_is_refused_and_another_account_with_the_same_name_is_not()
    {
        var maker = new Actor("u-wang-wei", "wang.wei") { Roles = [PortalRoles.Author, PortalRoles.Approver] };
        var campaign = await Desk.CreateAsync(Plan, maker);
        await Desk.SubmitAsync(campaign.Id, maker);

        Assert.Equal(CampaignError.OwnCampaign,
            await RefusalAsync(() => Desk.ApproveAsync(campaign.Id, maker with { Name = "wang.wei.renamed" }, null)));

        await Desk.ApproveAsync(campaign.Id, new Actor("u-wang-wei-2", "wang.wei") { Roles = [PortalRoles.Approver] }, null);
        Assert.Equal(("u-wang-wei-2", CampaignStatus.Active), ((await StoredAsync(campaign.Id)).Review.ReviewerId, (await StoredAsync(campaign.Id)).Status));
    }

    [Fact]
    public async Task Two_approvals_at_the_same_moment_leave_one_approval_and_a_clear_refusal()
    {
        var campaign = await Desk.CreateAsync(Plan, Author);
        await Desk.SubmitAsync(campaign.Id, Author);
        var first = Portal.Service<CampaignDesk>();
        var second = Portal.Service<CampaignDesk>();

        var outcomes = await Task.WhenAll(
            Attempt(() => first.ApproveAsync(campaign.Id, Approver, "同意")),
            Attempt(() => second.ApproveAsync(campaign.Id, SecondApprover, "同意")));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is CampaignError.ChangedMeanwhile or CampaignError.NotInReview);
        Assert.Equal(1, await ApprovalsAsync(campaign.Id));
        Assert.Equal(CampaignStatus.Active, (await StoredAsync(campaign.Id)).Status);

        static async Task<CampaignError?> Attempt(Func<Task> act)
        {
            try
            {
                await act();
                return null;
            }
            catch (CampaignException refusal)
            {
                return refusal.Error;
            }
        }
    }
}
