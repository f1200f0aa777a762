using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// A run planned outside its send window on real SQLite: the run page's figures say it waits, with how
/// many and until when, and show no progress until messages leave.
/// </summary>
public sealed class RunWaitingStateTests : DatabaseTest
{
    // The clock stands at 10:00 in Shanghai on Tuesday 2026-11-24; the window opens at 18:00 (10:00 UTC).
    private static readonly DateTimeOffset WindowOpens = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private ReadySegment ready = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        ready = await Portal.GivenReadySegmentAsync();
    }

    private CampaignPlan EveningPlan => PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)) with
    {
        Window = new SendWindow(new TimeOnly(18, 0), new TimeOnly(20, 30)),
    };

    private Task<RunProgress> ProgressAsync(long runId) =>
        Portal.QueryAsync(async db => (await new RunMonitor(db, Portal.Clock).ProgressAsync(runId))!);

    [Fact]
    public async Task A_run_planned_before_its_window_waits_with_its_count_and_next_opening_and_no_progress()
    {
        await Portal.GivenOverdueCustomersAsync(3);
        var campaign = await Portal.GivenActiveCampaignAsync(EveningPlan);

        var (run, outcome) = await Portal.RunNowAsync(campaign.Id);

        Assert.Equal(DispatchState.Waiting, outcome.State);
        var progress = await ProgressAsync(run.Id);
        Assert.True(progress.IsWaitingForWindow);
        Assert.Equal((3, 0, WindowOpens), (progress.HeldBack, progress.Queued, progress.NextOpening));
        Assert.Equal((0, 0.0), (progress.Left, progress.Percent));
    }

    [Fact]
    public async Task Once_the_window_opens_the_run_sends_and_delivered_messages_stay_counted_as_sent()
    {
        await Portal.GivenOverdueCustomersAsync(3);
        var campaign = await Portal.GivenActiveCampaignAsync(EveningPlan);
        var (run, _) = await Portal.RunNowAsync(campaign.Id);

        Portal.Clock.Advance(WindowOpens - Portal.Clock.Now);
        await Portal.Service<OutboxDispatcher>().DispatchAsync(run.Id);
        var sending = await ProgressAsync(run.Id);
        Portal.Clock.Advance(TimeSpan.FromSeconds(5));
        await Portal.Service<DevelopmentGatewayDelivery>().ReportDueAsync(default);
        var delivered = await ProgressAsync(run.Id);

        Assert.False(sending.IsWaitingForWindow);
        Assert.Equal((0, 3, 100.0), (sending.HeldBack, sending.Left, sending.Percent));
        Assert.Equal(3, delivered.Count(MessageStatus.Delivered));
        Assert.Equal(3, delivered.Left);
    }
}
