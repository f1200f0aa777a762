using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// A gateway that fails on purpose in front of the development gateway: transient failures are retried
/// with back-off, a gateway still unreachable after them makes the messages wait (the run shows it
/// down) until it answers again, refusals fail the message at once with the gateway's reason.
/// </summary>
public sealed class GatewayFailureTests : IAsyncLifetime
{
    private readonly FaultyGateway gateway = new();
    private PortalDatabase portal = null!;
    private ReadySegment ready = null!;

    /// <summary>Fails the first <see cref="TransientFailures"/> calls as unreachable, refuses numbers in <see cref="Refused"/>.</summary>
    private sealed class FaultyGateway : ISmsGateway
    {
        public DevelopmentGateway Inner { get; set; } = null!;
        public int TransientFailures { get; set; }
        public HashSet<string> Refused { get; } = [];
        public int Calls;

        /// <summary>How long each hand-over takes, as a real gateway's answer does.</summary>
        public TimeSpan Latency { get; set; }

        public int InFlight;
        public int MostInFlight;

        public string Name => "faulty";
        public bool IsDevelopment => true;
        public bool DeduplicatesByMessageId => true;

        public async Task<SmsAccepted> SendAsync(SmsRequest request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref InFlight);
            InterlockedMax(ref MostInFlight, now);
            try
            {
                if (Latency > TimeSpan.Zero)
                {
                    await Task.Delay(Latency, cancellationToken);
                }
                return await HandOverAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref InFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = target; value > seen; seen = target)
            {
                if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                {
                    return;
                }
            }
        }

        private Task<SmsAccepted> HandOverAsync(SmsRequest request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref Calls);
            if (call <= TransientFailures)
            {
                throw new SmsGatewayException("unreachable", isTransient: true, "The gateway did not answer.");
            }
            if (Refused.Contains(request.Phone))
            {
                throw new SmsGatewayException("invalid_destination", isTransient: false, "The carrier refused the number.");
            }
            return Inner.SendAsync(request, cancellationToken);
        }
    }

    public async Task InitializeAsync()
    {
        // Retries 0.1 s apart: long enough that, on a loaded machine, every message of a batch is in flight
        // before the first has used up its retries (and the pace's first turns come from the database).
        portal = await PortalDatabase.MigratedAsync(
            settings: new Dictionary<string, string?> { ["Portal:Dispatch:RetryAttempts"] = "3", ["Portal:Dispatch:RetryDelay"] = "00:00:00.100" },
            replace: services => services.Replace(ServiceDescriptor.Singleton<ISmsGateway>(gateway)));
        gateway.Inner = new DevelopmentGateway(portal.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        await portal.SeedLadderAndWordListsAsync();
        ready = await portal.GivenReadySegmentAsync();
        portal.Clock.Run();
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private CampaignPlan Plan => PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id));

    [Fact]
    public async Task Transient_failures_are_retried_and_the_message_still_leaves_once()
    {
        await portal.GivenOverdueCustomersAsync(1);
        gateway.TransientFailures = 2;
        var campaign = await portal.GivenActiveCampaignAsync(Plan);

        var (run, _) = await portal.RunNowAsync(campaign.Id);

        var message = Assert.Single(await portal.MessagesAsync(run.Id));
        Assert.Equal(MessageStatus.Sent, message.Status);
        Assert.Equal(3, gateway.Calls);
        Assert.Equal($"dev-{message.Id}", message.GatewayMessageId);
    }

    [Fact]
    public async Task A_gateway_that_stays_unreachable_makes_the_messages_wait_and_the_run_shows_it_down()
    {
        await portal.GivenOverdueCustomersAsync(3);
        gateway.TransientFailures = int.MaxValue;
        var campaign = await portal.GivenActiveCampaignAsync(Plan);

        var (run, outcome) = await portal.RunNowAsync(campaign.Id);

        var messages = await portal.MessagesAsync(run.Id);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Waiting, m.Status));
        // The three were in flight together (the dispatcher sends several at a time), each tried with its three retries.
        Assert.Equal(3 * 4, gateway.Calls);
        Assert.Equal(DispatchState.Waiting, outcome.State);
        Assert.True(outcome.NextDueAt > portal.Clock.Now + TimeSpan.FromSeconds(10), "The run waits the gateway-down delay before it tries again.");
        var stored = await portal.QueryAsync(db => db.CampaignRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.NotNull(stored.GatewayDownSince);
        Assert.Equal("unreachable", stored.GatewayProblem);
    }

    [Fact]
    public async Task When_the_gateway_returns_the_waiting_messages_leave_once_each_and_the_run_shows_it_up()
    {
        await portal.GivenOverdueCustomersAsync(3);
        gateway.TransientFailures = int.MaxValue;
        var campaign = await portal.GivenActiveCampaignAsync(Plan);
        var (run, _) = await portal.RunNowAsync(campaign.Id);

        gateway.TransientFailures = gateway.Calls;
        portal.Clock.Advance(TimeSpan.FromSeconds(16));
        var outcome = await portal.Service<OutboxDispatcher>().DispatchAsync(run.Id);

        var messages = await portal.MessagesAsync(run.Id);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.Equal(3 * 4 + 3, gateway.Calls);
        Assert.Equal(DispatchState.Finished, outcome.State);
        var stored = await portal.QueryAsync(db => db.CampaignRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Null(stored.GatewayDownSince);
        Assert.Null(stored.GatewayProblem);
    }

    [Fact]
    public async Task Several_messages_are_with_the_gateway_at_once_but_never_more_than_the_concurrency()
    {
        await portal.GivenOverdueCustomersAsync(20);
        gateway.Latency = TimeSpan.FromMilliseconds(100);
        var campaign = await portal.GivenActiveCampaignAsync(Plan with { ThroughputPerSecond = 1000 });

        var (run, _) = await portal.RunNowAsync(campaign.Id);

        Assert.All(await portal.MessagesAsync(run.Id), m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.InRange(gateway.MostInFlight, 2, new DispatchOptions().Concurrency);
    }

    [Fact]
    public async Task A_refusal_fails_that_message_at_once_with_the_gateways_reason_and_the_others_leave()
    {
        await portal.GivenOverdueCustomersAsync(3);
        gateway.Refused.Add("+8613900000002");
        var campaign = await portal.GivenActiveCampaignAsync(Plan);

        var (run, _) = await portal.RunNowAsync(campaign.Id);

        var messages = await portal.MessagesAsync(run.Id);
        Assert.Equal([MessageStatus.Sent, MessageStatus.Failed, MessageStatus.Sent], messages.OrderBy(m => m.CustomerId).Select(m => m.Status));
        Assert.Equal("invalid_destination", messages.Single(m => m.Status == MessageStatus.Failed).FailureReason);
        Assert.Equal(3, gateway.Calls);
    }
}
