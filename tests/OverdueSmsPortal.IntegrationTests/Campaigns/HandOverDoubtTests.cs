using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// A node that dies while it hands a claimed batch to a gateway that does not recognise repeated ids
/// (Kannel): when the lane starts again, only what may have reached the gateway is in doubt and
/// failed; the rest of the batch, which the gateway never saw, is sent. Nobody gets two copies.
/// </summary>
public sealed class HandOverDoubtTests : IAsyncLifetime
{
    private const int Customers = 100;

    /// <summary>Hand-overs that go through before the node "dies"; every later one hangs, as on a dead node.</summary>
    private const int BeforeDeath = 4;

    private readonly DyingGateway gateway = new();
    private PortalDatabase portal = null!;

    public async Task InitializeAsync() =>
        portal = await PortalDatabase.MigratedAsync(replace: services => services.Replace(ServiceDescriptor.Singleton<ISmsGateway>(gateway)));

    public async Task DisposeAsync() => await portal.DisposeAsync();

    /// <summary>
    /// Takes messages like Kannel (repeats are new messages), and while <see cref="Dead"/> never answers:
    /// the hand-overs of a node that was killed, whose outcome nobody will learn.
    /// </summary>
    private sealed class DyingGateway : ISmsGateway
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int calls;
        private int hanging;

        public ConcurrentDictionary<string, int> ByPhone { get; } = new();
        public bool Dead { get; set; } = true;
        public int Hanging => Volatile.Read(ref hanging);

        public string Name => "dying";
        public bool IsDevelopment => true;
        public bool DeduplicatesByMessageId => false;

        public async Task<SmsAccepted> SendAsync(SmsRequest request, CancellationToken cancellationToken)
        {
            if (Dead && Interlocked.Increment(ref calls) > BeforeDeath)
            {
                Interlocked.Increment(ref hanging);
                await release.Task;
                throw new OperationCanceledException("The node was killed.");
            }
            ByPhone.AddOrUpdate(request.Phone, 1, (_, count) => count + 1);
            return new SmsAccepted($"dying-{request.MessageId}");
        }

        /// <summary>Ends the hanging hand-overs, so that the abandoned dispatcher can be collected.</summary>
        public void Bury() => release.TrySetResult();
    }

    [Fact]
    public async Task A_lane_killed_mid_batch_puts_only_what_was_on_its_way_in_doubt_and_sends_the_rest_once()
    {
        await portal.SeedLadderAndWordListsAsync();
        var ready = await portal.GivenReadySegmentAsync();
        await portal.GivenOverdueCustomersAsync(Customers);
        // A cap of 1,000 a second claims the whole run in one batch (the batch is two seconds' worth, at most MaxBatch).
        var campaign = await portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)) with
        {
            ThroughputPerSecond = 1000,
        });
        var run = await portal.Service<RunPlanner>().OpenRunAsync(campaign.Id, portal.Clock.Now, null);
        await portal.Service<RunPlanner>().PlanAsync(run!.Id);
        portal.Clock.Run();
        var concurrency = portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DispatchOptions>>().Value.Concurrency;

        // The first life of lane 0: it claims the batch, hands over four, then every hand-over hangs.
        var firstLife = Task.Run(() => portal.Service<OutboxDispatcher>().DispatchAsync(run.Id, 0, CancellationToken.None));
        await Eventually.WaitAsync("every hand-over slot hanging", () => Task.FromResult(gateway.Hanging), n => n >= concurrency,
            TimeSpan.FromSeconds(30));
        // The whole run was claimed in one batch; what came back before the death was saved as sent.
        Assert.Equal(0, await CountAsync(run.Id, MessageStatus.Waiting));

        // The lane starts again (the node restarted) while the first life is as good as dead.
        gateway.Dead = false;
        var outcome = await portal.Service<OutboxDispatcher>().DispatchAsync(run.Id, 0, CancellationToken.None);

        var messages = await portal.MessagesAsync(run.Id);
        var inDoubt = messages.Count(m => m.Status == MessageStatus.Failed && m.FailureReason == FailureReasons.InDoubt);
        var sent = messages.Count(m => m.Status == MessageStatus.Sent);
        Assert.Equal(DispatchState.Finished, outcome.State);
        Assert.Equal(Customers, inDoubt + sent);
        // In doubt: only what was on its way without a saved result, at most the concurrency; never the whole batch.
        Assert.InRange(inDoubt, 1, concurrency);
        // Every message sent reached the gateway exactly once (the hung hand-overs never arrived).
        Assert.Equal(sent, gateway.ByPhone.Count);
        Assert.All(gateway.ByPhone, phone => Assert.Equal(1, phone.Value));

        gateway.Bury();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstLife);
    }

    private Task<int> CountAsync(long runId, MessageStatus status) =>
        portal.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.RunId == runId && m.Status == status));
}
