using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;
using static OverdueSmsPortal.IntegrationTests.Support.StudioSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// Ways around maker-checker on campaigns, tried on real SQLite through the desk: changing it after
/// approval, a renamed or a second account, an approver who changed it before someone else did,
/// and two approvals at the same moment.
/// </summary>
public sealed class CampaignMakerCheckerTests : DatabaseTest
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

    private static async Task<CampaignError> RefusalAsync(Func<Task> act) =>
        (await Assert.ThrowsAsync<CampaignException>(act)).Error;

    private Task<Campaign> StoredAsync(long id) =>
        Portal.QueryAsync(db => db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<int> ApprovalsAsync(long id) =>
        Portal.QueryAsync(db => db.AuditEntries.CountAsync(e =>
            e.EntityType == AuditNames.Campaign && e.EntityId == id.ToString() && e.Action == AuditNames.Approved));

    [Fact]
    public async Task A_change_after_approval_drops_the_approval_and_needs_a_new_one_from_someone_who_did_not_change_it()
    {
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);

        await Desk.UpdateAsync(campaign.Id, campaign.Revision, Plan with { ThroughputPerSecond = 10 }, AuthorAndApprover);

        var changed = await StoredAsync(campaign.Id);
        Assert.Equal((CampaignStatus.Draft, null, null), (changed.Status, changed.ReviewerId, changed.ReviewedAt));
        await Desk.SubmitAsync(campaign.Id, Author);
        Assert.Equal(CampaignError.OwnCampaign, await RefusalAsync(() => Desk.ApproveAsync(campaign.Id, AuthorAndApprover, null)));
        await Desk.ApproveAsync(campaign.Id, SecondApprover, null);
        Assert.Equal(2, await ApprovalsAsync(campaign.Id));
    }

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
        Assert.Equal(("u-wang-wei-2", CampaignStatus.Active), ((await StoredAsync(campaign.Id)).ReviewerId, (await StoredAsync(campaign.Id)).Status));
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
