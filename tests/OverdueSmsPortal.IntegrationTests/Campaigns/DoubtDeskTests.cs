using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;
using static OverdueSmsPortal.IntegrationTests.Support.StudioSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// Messages a crash left in doubt, decided by an Approver: sent again in a run of their own under the
/// send policy as it stands, or left; each decision audited, taken once, and all or nothing.
/// </summary>
public sealed class DoubtDeskTests : DatabaseTest
{
    private const int Customers = 3;

    /// <summary>A planned run of three customers, all three claimed, on their way, and then failed as in doubt by a restarted lane.</summary>
    private async Task<(Campaign Campaign, long RunId, List<long> InDoubt)> GivenMessagesInDoubtAsync()
    {
        await Portal.SeedLadderAndWordListsAsync();
        var ready = await Portal.GivenReadySegmentAsync();
        await Portal.GivenOverdueCustomersAsync(Customers);
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));
        var (runId, ids) = await GivenRunInDoubtAsync(campaign.Id, Portal.Clock.Now);
        return (campaign, runId, ids);
    }

    /// <summary>A run of the campaign at <paramref name="at"/>, its three messages claimed, on their way, then failed as in doubt.</summary>
    private async Task<(long RunId, List<long> InDoubt)> GivenRunInDoubtAsync(long campaignId, DateTimeOffset at)
    {
        var run = await Portal.Service<RunPlanner>().OpenRunAsync(campaignId, at, null);
        await Portal.Service<RunPlanner>().PlanAsync(run!.Id);
        var ids = await Portal.QueryAsync(async db =>
        {
            var messages = await db.OutboxMessages.Where(m => m.RunId == run.Id).OrderBy(m => m.Id).ToListAsync();
            var phones = await db.Customers.ToDictionaryAsync(c => c.Id, c => c.Phone);
            messages.ForEach(m => m.Claim(phones[m.CustomerId], Portal.Clock.Now));
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });
        var writes = Portal.Service<OutboxWrites>();
        await writes.SaveResultsAsync([], CancellationToken.None, handingOver: ids);
        var recovered = await Portal.Service<OutboxWrites>().RecoverInDoubtAsync(run.Id, 0, handOverAgain: false, CancellationToken.None);
        Assert.Equal(new Recovered(Customers, 0), recovered);
        return (run.Id, ids);
    }

    [Fact]
    public async Task The_list_shows_each_undecided_message_with_its_campaign_and_masks_it_for_a_reader_without_personal_data()
    {
        var (campaign, runId, ids) = await GivenMessagesInDoubtAsync();

        var rows = await Portal.Service<DoubtDesk>().ListAsync(seesPersonalData: true);
        var masked = await Portal.Service<DoubtDesk>().ListAsync(seesPersonalData: false);

        Assert.Equal(ids, rows.Select(r => r.MessageId));
        Assert.All(rows, r => Assert.Equal((runId, campaign.Name), (r.RunId, r.CampaignName)));
        Assert.All(rows, r => Assert.NotNull(r.HandOverAt));
        Assert.All(rows, r => Assert.StartsWith("+86", r.Phone));
        Assert.All(masked, r => Assert.Contains("*", r.Phone));
        Assert.All(masked.Zip(rows), pair => Assert.NotEqual(pair.Second.CustomerName, pair.First.CustomerName));
        Assert.Equal(Customers, await Portal.Service<DoubtDesk>().CountAsync(runId));
    }

    [Fact]
    public async Task A_resend_opens_a_run_of_its_own_whose_messages_leave_once_under_the_policy_and_is_audited()
    {
        var (_, runId, ids) = await GivenMessagesInDoubtAsync();
        // Since the crash, the third customer opted out: the resend must respect it.
        var optedOut = await Portal.QueryAsync(async db =>
        {
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == ids[2]);
            var customer = await db.Customers.SingleAsync(c => c.Id == message.CustomerId);
            customer.OptOut(Portal.Clock.Now);
            await db.SaveChangesAsync();
            return customer.Id;
        });
        Portal.Clock.Run();

        var outcome = await Portal.Service<DoubtDesk>().DecideAsync([ids[0], ids[2]], DoubtDecision.Resend, Approver);

        Assert.Equal(2, outcome.Decided);
        Assert.Null(outcome.Problem);
        var resendRun = Assert.Single(outcome.ResendRuns);
        var run = await Portal.QueryAsync(db => db.CampaignRuns.AsNoTracking().SingleAsync(r => r.Id == resendRun));
        Assert.Equal((runId, RunStatus.Sending, 2), (run.ResendOfRunId, run.Status, run.Planned));
        var dispatched = await Portal.Service<OutboxDispatcher>().DispatchAsync(resendRun);
        Assert.Equal(DispatchState.Finished, dispatched.State);
        var resent = await Portal.MessagesAsync(resendRun);
        Assert.Equal([ids[0], ids[2]], resent.Select(m => m.ResentFromMessageId!.Value).Order());
        var sent = Assert.Single(resent, m => m.Status == MessageStatus.Sent);
        var kept = Assert.Single(resent, m => m.Status == MessageStatus.Suppressed);
        Assert.Equal((optedOut, SuppressionReason.OptedOut), (kept.CustomerId, kept.SuppressionReason));
        Assert.Equal(ids[0], sent.ResentFromMessageId);
        var originals = await Portal.MessagesAsync(runId);
        Assert.Equal([DoubtDecision.Resend, null, DoubtDecision.Resend], originals.Select(m => m.DoubtDecision));
        Assert.Equal(1, await Portal.Service<DoubtDesk>().CountAsync());
        var entries = await Portal.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditNames.Message).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((Approver.Name, AuditNames.Resent), (e.Actor, e.Action)));
    }

    [Fact]
    public async Task Messages_in_doubt_in_two_runs_of_one_campaign_are_resent_in_one_decision_each_run_in_a_resend_of_its_own()
    {
        var (campaign, firstRun, first) = await GivenMessagesInDoubtAsync();
        var (secondRun, second) = await GivenRunInDoubtAsync(campaign.Id, Portal.Clock.Now.AddMinutes(-30));
        Portal.Clock.Run();

        var outcome = await Portal.Service<DoubtDesk>().DecideAsync([first[0], second[0], second[1]], DoubtDecision.Resend, Approver);

        Assert.Null(outcome.Problem);
        Assert.Equal(3, outcome.Decided);
        var runs = await Portal.QueryAsync(db => db.CampaignRuns.AsNoTracking().Where(r => outcome.ResendRuns.Contains(r.Id)).ToListAsync());
        Assert.Equal([(firstRun, 1), (secondRun, 2)], runs.Select(r => (r.ResendOfRunId!.Value, r.Planned)).Order());
        // Both opened in the same instant: each takes one of its own, as a run is known by its campaign and instant.
        Assert.Equal(2, runs.Select(r => r.ScheduledFor).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(campaign.Id, r.CampaignId));
        var resent = await Portal.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => outcome.ResendRuns.Contains(m.RunId)).ToListAsync());
        Assert.Equal([first[0], second[0], second[1]], resent.Select(m => m.ResentFromMessageId!.Value).Order());
        Assert.All(resent, m => Assert.Equal(m.ResentFromMessageId < second[0] ? runs.Single(r => r.ResendOfRunId == firstRun).Id
            : runs.Single(r => r.ResendOfRunId == secondRun).Id, m.RunId));
        Assert.Equal(3, await Portal.Service<DoubtDesk>().CountAsync());
    }

    [Fact]
    public async Task Leaving_a_message_decides_it_without_a_run_and_a_decision_is_taken_only_once()
    {
        var (_, runId, ids) = await GivenMessagesInDoubtAsync();
        var desk = Portal.Service<DoubtDesk>();

        var left = await desk.DecideAsync([ids[1]], DoubtDecision.Leave, Approver);
        // A second Approver who saw the same list resends it and the next one together: refused, nothing changes.
        var again = await Portal.Service<DoubtDesk>().DecideAsync([ids[1], ids[2]], DoubtDecision.Resend, SecondApprover);

        Assert.Equal((1, (DoubtProblem?)null), (left.Decided, left.Problem));
        Assert.Empty(left.ResendRuns);
        Assert.Equal(DoubtProblem.NotInDoubt, again.Problem);
        var originals = await Portal.MessagesAsync(runId);
        Assert.Equal([null, DoubtDecision.Leave, null], originals.Select(m => m.DoubtDecision));
        Assert.Equal(1, await Portal.QueryAsync(db => db.CampaignRuns.CountAsync()));
        var entry = await Portal.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == AuditNames.Message));
        Assert.Equal((ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture), AuditNames.LeftInDoubt), (entry.EntityId, entry.Action));
    }

    [Fact]
    public async Task Only_an_approver_decides_and_a_cancelled_campaign_sends_nothing_again()
    {
        var (campaign, runId, ids) = await GivenMessagesInDoubtAsync();
        var desk = Portal.Service<DoubtDesk>();

        await Assert.ThrowsAsync<AccessRefusedException>(() => desk.DecideAsync([ids[0]], DoubtDecision.Resend, Author));
        await Portal.Service<CampaignDesk>().CancelAsync(campaign.Id, Admin);
        var refused = await Portal.Service<DoubtDesk>().DecideAsync([ids[0]], DoubtDecision.Resend, Approver);
        var nothing = await Portal.Service<DoubtDesk>().DecideAsync([], DoubtDecision.Leave, Approver);
        var unknown = await Portal.Service<DoubtDesk>().DecideAsync([long.MaxValue], DoubtDecision.Leave, Approver);

        Assert.Equal(DoubtProblem.CampaignMayNotSend, refused.Problem);
        Assert.Equal(DoubtProblem.NotInDoubt, nothing.Problem);
        Assert.Equal(DoubtProblem.NotInDoubt, unknown.Problem);
        Assert.All(await Portal.MessagesAsync(runId), m => Assert.Null(m.DoubtDecision));
        Assert.Equal(1, await Portal.QueryAsync(db => db.CampaignRuns.CountAsync()));
        Assert.Equal(0, await Portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == AuditNames.Message)));
    }
}
