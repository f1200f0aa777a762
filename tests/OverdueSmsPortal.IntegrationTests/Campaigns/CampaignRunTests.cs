using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>Runs on real SQLite through the development gateway: planning, the policy at send time, and recovery.</summary>
public sealed class CampaignRunTests : DatabaseTest
{
    private ReadySegment ready = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        ready = await Portal.GivenReadySegmentAsync();
    }

    private CampaignPlan Plan => PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id));

    private Task<List<DevelopmentGatewayMessage>> GatewayMessagesAsync() =>
        Portal.QueryAsync(db => db.DevelopmentGatewayMessages.AsNoTracking().OrderBy(m => m.MessageId).ToListAsync());

    [Fact]
    public async Task A_run_sends_each_member_one_rendered_message_and_the_gateway_reports_them_delivered()
    {
        await Portal.GivenOverdueCustomersAsync(12);
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);

        var (run, outcome) = await Portal.RunNowAsync(campaign.Id);

        Assert.Equal(DispatchState.Finished, outcome.State);
        var messages = await Portal.MessagesAsync(run.Id);
        Assert.Equal(12, messages.Count);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.All(messages, m => Assert.StartsWith("【示例消费金融】", m.Body));
        var sent = await GatewayMessagesAsync();
        Assert.Equal(messages.Select(m => (m.Id, m.Phone, m.Body)), sent.Select(m => (m.MessageId, (string?)m.Phone, m.Text)));

        Portal.Clock.Advance(TimeSpan.FromSeconds(5));
        await Portal.Service<DevelopmentGatewayDelivery>().ReportDueAsync(default);
        Assert.All(await Portal.MessagesAsync(run.Id), m => Assert.Equal(MessageStatus.Delivered, m.Status));
        Assert.Equal(RunStatus.Completed, (await Portal.QueryAsync(db => db.CampaignRuns.SingleAsync(r => r.Id == run.Id))).Status);
    }

    [Fact]
    public async Task A_customer_in_two_segments_of_the_campaign_gets_one_message()
    {
        await Portal.GivenOverdueCustomersAsync(5);
        var second = await Portal.GivenReadySegmentAsync("广东逾期客户", rules => rules.Regions = ["广东"]);
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor(
            new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id),
            new CampaignSegmentPlan(second.Segment.Id, second.Firm.Id)));

        var (run, _) = await Portal.RunNowAsync(campaign.Id);

        var messages = await Portal.MessagesAsync(run.Id);
        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.Equal(ready.Segment.Id, m.SegmentId));
        Assert.Equal(5, (await GatewayMessagesAsync()).Count);
    }

    [Fact]
    public async Task Customers_the_policy_keeps_out_are_stored_with_their_reason()
    {
        await Portal.GivenOverdueCustomersAsync(4);
        await Portal.QueryAsync(async db =>
        {
            var customers = await db.Customers.OrderBy(c => c.AccountRef).ToListAsync();
            customers[0].OptOut(Portal.Clock.Now);
            customers[1].PlaceOnHold(CustomerHold.Legal, Portal.Clock.Now);
            customers[2].PlaceOnHold(CustomerHold.Complaint, Portal.Clock.Now);
            await db.SaveChangesAsync();
        });
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);

        var (run, _) = await Portal.RunNowAsync(campaign.Id);

        var messages = await Portal.MessagesAsync(run.Id);
        Assert.Equal([SuppressionReason.OptedOut, SuppressionReason.LegalHold, SuppressionReason.ComplaintHold, null],
            messages.OrderBy(m => m.CustomerId).Select(m => m.SuppressionReason));
        Assert.Single(await GatewayMessagesAsync());
    }

    [Fact]
    public async Task A_second_run_a_day_later_is_held_back_by_the_minimum_interval()
    {
        await Portal.GivenOverdueCustomersAsync(3);
        var campaign = await Portal.GivenActiveCampaignAsync(Plan with { Schedule = CampaignSchedule.Daily(new TimeOnly(10, 0)) });
        await Portal.RunNowAsync(campaign.Id);

        Portal.Clock.Advance(TimeSpan.FromDays(1));
        var (second, _) = await Portal.RunNowAsync(campaign.Id);

        Assert.All(await Portal.MessagesAsync(second.Id), m => Assert.Equal(SuppressionReason.MinInterval, m.SuppressionReason));
        Assert.Equal(3, (await GatewayMessagesAsync()).Count);
    }

    [Fact]
    public async Task A_customer_whose_night_it_is_waits_for_eight_oclock_in_their_zone()
    {
        await Portal.GivenOverdueCustomersAsync(2, shape: (c, i) => i == 2 ? c.InZone("America/New_York") : c);
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);

        var (run, outcome) = await Portal.RunNowAsync(campaign.Id);

        // 10:00 in Shanghai is 21:00 the evening before in New York: next 08:00 there is 13:00 UTC.
        Assert.Equal(DispatchState.Waiting, outcome.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero), outcome.NextDueAt);
        var waiting = Assert.Single(await Portal.MessagesAsync(run.Id), m => m.Status == MessageStatus.Waiting);
        Assert.Equal(outcome.NextDueAt, waiting.DueAt);

        Portal.Clock.Advance(TimeSpan.FromHours(11));
        var after = await Portal.Service<OutboxDispatcher>().DispatchAsync(run.Id);
        Assert.Equal(DispatchState.Finished, after.State);
        Assert.Equal(2, (await GatewayMessagesAsync()).Count);
    }

    [Fact]
    public async Task A_message_that_waits_into_another_day_states_what_is_true_when_it_leaves()
    {
        await Portal.GivenOverdueCustomersAsync(1);
        var campaign = await Portal.GivenActiveCampaignAsync(Plan with { Window = SendWindow.ContactHours with { Days = WeekDays.Weekend } });
        var (run, outcome) = await Portal.RunNowAsync(campaign.Id);
        Assert.Contains("已逾期9天", Assert.Single(await Portal.MessagesAsync(run.Id)).Body);

        // Planned on Tuesday, it leaves on Saturday at 08:00: four days later, 13 days overdue.
        Portal.Clock.Advance(outcome.NextDueAt!.Value - Portal.Clock.Now);
        await Portal.Service<OutboxDispatcher>().DispatchAsync(run.Id);

        var sent = Assert.Single(await Portal.MessagesAsync(run.Id));
        Assert.Equal(MessageStatus.Sent, sent.Status);
        Assert.Contains("已逾期13天", sent.Body);
        Assert.Equal(new DateOnly(2026, 11, 28), sent.RenderedFor);
        Assert.Equal(sent.Body, Assert.Single(await GatewayMessagesAsync()).Text);
    }

    [Fact]
    public async Task A_message_that_cannot_leave_before_the_run_ends_expires()
    {
        // A weekend window on a Tuesday, with the campaign ending that Tuesday.
        await Portal.GivenOverdueCustomersAsync(1);
        var campaign = await Portal.GivenActiveCampaignAsync(Plan with
        {
            EndDate = PortalDatabase.Today,
            Window = SendWindow.ContactHours with { Days = WeekDays.Weekend },
        });

        var (run, outcome) = await Portal.RunNowAsync(campaign.Id);

        Assert.Equal(DispatchState.Finished, outcome.State);
        Assert.Equal(MessageStatus.Expired, Assert.Single(await Portal.MessagesAsync(run.Id)).Status);
        Assert.Empty(await GatewayMessagesAsync());
    }

    [Fact]
    public async Task Cancelling_suppresses_what_has_not_left_and_pausing_holds_it()
    {
        await Portal.GivenOverdueCustomersAsync(3, shape: (c, _) => c.InZone("America/New_York"));
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);
        var (run, _) = await Portal.RunNowAsync(campaign.Id);
        var desk = Portal.Service<CampaignDesk>();

        await desk.PauseAsync(campaign.Id, Operator);
        Portal.Clock.Advance(TimeSpan.FromHours(11));
        Assert.Equal(DispatchState.Paused, (await Portal.Service<OutboxDispatcher>().DispatchAsync(run.Id)).State);
        Assert.Empty(await GatewayMessagesAsync());

        await desk.CancelAsync(campaign.Id, Operator);
        Assert.Equal(DispatchState.Finished, (await Portal.Service<OutboxDispatcher>().DispatchAsync(run.Id)).State);
        Assert.All(await Portal.MessagesAsync(run.Id), m => Assert.Equal(SuppressionReason.Cancelled, m.SuppressionReason));
        Assert.Equal(RunStatus.Cancelled, (await Portal.QueryAsync(db => db.CampaignRuns.SingleAsync(r => r.Id == run.Id))).Status);
    }

    [Fact]
    public async Task Messages_a_crash_left_in_doubt_are_handed_over_again_without_a_second_copy()
    {
        await Portal.GivenOverdueCustomersAsync(6);
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);
        var (run, _) = await Portal.RunNowAsync(campaign.Id);
        // As if the process died between handing three messages over and recording the result.
        await Portal.QueryAsync(db => db.OutboxMessages.Where(m => m.RunId == run.Id && m.Id % 2 == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Sending).SetProperty(m => m.GatewayMessageId, (string?)null)));
        await Portal.QueryAsync(db => db.CampaignRuns.Where(r => r.Id == run.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Sending)));

        await Portal.Service<OutboxDispatcher>().DispatchAsync(run.Id);

        Assert.Equal(6, (await GatewayMessagesAsync()).Count);
        Assert.All(await Portal.MessagesAsync(run.Id), m =>
        {
            Assert.Equal(MessageStatus.Sent, m.Status);
            Assert.Equal($"dev-{m.Id}", m.GatewayMessageId);
        });
    }

    [Fact]
    public async Task Planning_interrupted_midway_continues_from_its_cursor_without_duplicates()
    {
        await Portal.GivenOverdueCustomersAsync(RunPlanner.BatchSize + 20);
        var campaign = await Portal.GivenActiveCampaignAsync(Plan);
        var run = (await Portal.Service<RunPlanner>().OpenRunAsync(campaign.Id, Portal.Clock.Now, null))!;
        using (var stop = new CancellationTokenSource())
        {
            // Cancelled as soon as the first batch is saved: the second never starts.
            var planner = Portal.Service<RunPlanner>();
            var planning = planner.PlanAsync(run.Id, stop.Token);
            await WaitUntilAsync(async () => await Portal.QueryAsync(db => db.OutboxMessages.CountAsync()) >= RunPlanner.BatchSize);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => planning).ContinueWith(_ => { });
        }

        await Portal.Service<RunPlanner>().PlanAsync(run.Id);

        var messages = await Portal.MessagesAsync(run.Id);
        Assert.Equal(RunPlanner.BatchSize + 20, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.CustomerId).Distinct().Count());
    }

    [Fact]
    public async Task An_ab_split_assigns_variants_close_to_the_percentages_and_the_same_way_each_run()
    {
        await Portal.GivenOverdueCustomersAsync(400);
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id, ready.Firm.Id, 30)));
        Portal.Clock.Run(); // pacing waits on real timers

        var (run, _) = await Portal.RunNowAsync(campaign.Id);

        var messages = await Portal.MessagesAsync(run.Id);
        var b = messages.Count(m => m.Variant == Variant.B);
        Assert.InRange(b, 120 - 30, 120 + 30);
        Assert.All(messages, m => Assert.Equal(m.Variant == Variant.B ? ready.Firm.Id : ready.Standard.Id, m.TemplateVersionId));
        Assert.All(messages, m => Assert.Equal(VariantAssignment.For(campaign.Id, ready.Segment.Id, m.CustomerId, 30), m.Variant));
    }

    [Fact]
    public async Task The_throughput_cap_spaces_the_messages()
    {
        await Portal.GivenOverdueCustomersAsync(41);
        var campaign = await Portal.GivenActiveCampaignAsync(Plan with { ThroughputPerSecond = 20 });
        Portal.Clock.Run();

        await Portal.RunNowAsync(campaign.Id);

        var received = (await GatewayMessagesAsync()).Select(m => m.ReceivedAt).Order().ToList();
        Assert.Equal(41, received.Count);
        // 41 messages at 20 a second leave over two seconds at least, give or take one turn (50 ms). The
        // gateway stamps each after a database read, which on a busy machine takes tens of milliseconds
        // more for one message than another (the first one compiles its query): 100 ms more are allowed.
        // A pace that did not hold would send them all within a fraction of that.
        Assert.True(received[^1] - received[0] >= TimeSpan.FromMilliseconds(2000 - 50 - 100), $"spread {received[^1] - received[0]}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 30 s.");
            }
            await Task.Delay(5);
        }
    }
}
