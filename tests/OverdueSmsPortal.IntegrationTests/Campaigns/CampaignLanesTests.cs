using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Jobs;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using Quartz;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// Several lanes drain one run at once, in one node or, on PostgreSQL, spread over nodes: each message
/// still leaves once, the work is shared, and the run completes once when the last lane is done.
/// </summary>
public sealed class CampaignLanesTests : IAsyncLifetime
{
    private const int Customers = 600;

    private readonly CountingGateway gateway = new();

    private PortalDatabase Portal { get; set; } = null!;

    public async Task InitializeAsync() => Portal = await PortalDatabase.MigratedAsync(replace: UseCountingGateway);

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>Every node hands its messages to the one gateway, which counts each message's hand-overs.</summary>
    private void UseCountingGateway(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<ISmsGateway>(gateway));

    private sealed class CountingGateway : ISmsGateway
    {
        public ConcurrentDictionary<long, int> HandOvers { get; } = new();

        public string Name => "counting";
        public bool IsDevelopment => true;
        public bool DeduplicatesByMessageId => false;

        public Task<SmsAccepted> SendAsync(SmsRequest request, CancellationToken cancellationToken)
        {
            HandOvers.AddOrUpdate(request.MessageId, 1, (_, count) => count + 1);
            return Task.FromResult(new SmsAccepted($"counted-{request.MessageId}"));
        }
    }

    [Fact]
    public async Task Four_lanes_in_one_node_send_each_message_once_and_share_the_work()
    {
        var runId = await PlannedRunAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(lane => DispatchAsync(Portal, runId, lane)));

        await AssertEachMessageLeftOnceAsync(runId, outcomes);
    }

    [PostgresOnlyFact("SQLite is one node: a second node would have no row locks to claim under")]
    public async Task Lanes_on_two_nodes_send_each_message_once_and_share_the_work()
    {
        var runId = await PlannedRunAsync();
        await using var second = PortalDatabase.Reopen(Portal, UseCountingGateway);
        second.Clock.Run();

        var outcomes = await Task.WhenAll(
            DispatchAsync(Portal, runId, 0), DispatchAsync(second, runId, 1),
            DispatchAsync(Portal, runId, 2), DispatchAsync(second, runId, 3));

        await AssertEachMessageLeftOnceAsync(runId, outcomes);
    }

    [PostgresOnlyFact("the lanes are spread over the nodes of Quartz's cluster, which runs on PostgreSQL only")]
    public async Task A_run_started_on_one_node_has_its_lanes_worked_by_both()
    {
        // 100 a second: the run lasts about six seconds, longer than a hand-back takes.
        var runId = await PlannedRunAsync(throughputPerSecond: 100);
        // Each node hands over through a gateway of its own, which shows what that node sent. The second
        // node's clock starts where the first's is and runs with it: Quartz takes a node whose
        // check-ins look old for dead.
        var secondGateway = new CountingGateway();
        await using var second = PortalDatabase.Reopen(Portal,
            services => services.Replace(ServiceDescriptor.Singleton<ISmsGateway>(secondGateway)),
            new Dictionary<string, string?> { ["Portal:Cluster:InstanceId"] = "second-node" });
        second.Clock.Run();
        var schedulers = new[] { await StartSchedulerAsync(Portal), await StartSchedulerAsync(second) };
        try
        {
            // Both nodes have checked in and sit idle when the first one starts the run, as after an approval there.
            await Eventually.WaitAsync("both nodes alive in the cluster",
                async () => (await schedulers[0].QueryClusterNodes()).Count(n => n.State == ClusterNodeState.Alive),
                alive => alive == 2, TimeSpan.FromSeconds(60));
            await Portal.Services.GetRequiredService<CampaignScheduler>().TriggerRunAsync(runId);

            await Eventually.WaitAsync("the run completed", () => Portal.QueryAsync(db => db.CampaignRuns.AsNoTracking()
                .Where(r => r.Id == runId).Select(r => r.Status).SingleAsync()), status => status == RunStatus.Completed,
                TimeSpan.FromSeconds(120));
        }
        finally
        {
            foreach (var scheduler in schedulers)
            {
                await scheduler.Shutdown(waitForJobsToComplete: true);
            }
        }

        var messages = await Portal.MessagesAsync(runId);
        Assert.Equal(Customers, messages.Count);
        var handOvers = gateway.HandOvers.Concat(secondGateway.HandOvers).ToList();
        Assert.Equal(messages.Select(m => m.Id).Order(), handOvers.Select(h => h.Key).Order());
        Assert.All(handOvers, handOver => Assert.Equal(1, handOver.Value));
        Assert.True(!gateway.HandOvers.IsEmpty && !secondGateway.HandOvers.IsEmpty,
            $"one node sent everything: first {gateway.HandOvers.Count}, second {secondGateway.HandOvers.Count}");
    }

    private static async Task<IScheduler> StartSchedulerAsync(PortalDatabase node)
    {
        var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        return scheduler;
    }

    private async Task<long> PlannedRunAsync(int throughputPerSecond = 1000)
    {
        await Portal.SeedLadderAndWordListsAsync();
        var ready = await Portal.GivenReadySegmentAsync();
        await Portal.GivenOverdueCustomersAsync(Customers);
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)) with
        {
            ThroughputPerSecond = throughputPerSecond,
        });
        var run = await Portal.Service<RunPlanner>().OpenRunAsync(campaign.Id, Portal.Clock.Now, null);
        await Portal.Service<RunPlanner>().PlanAsync(run!.Id);
        // The pace spaces the messages on real timers: the clock runs with them.
        Portal.Clock.Run();
        return run.Id;
    }

    private static Task<DispatchOutcome> DispatchAsync(PortalDatabase node, long runId, int lane) =>
        Task.Run(() => node.Service<OutboxDispatcher>().DispatchAsync(runId, lane, CancellationToken.None));

    private async Task AssertEachMessageLeftOnceAsync(long runId, DispatchOutcome[] outcomes)
    {
        Assert.All(outcomes, outcome => Assert.Equal(DispatchState.Finished, outcome.State));
        var messages = await Portal.MessagesAsync(runId);
        Assert.Equal(Customers, messages.Count);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.Equal(messages.Select(m => m.Id).Order(), gateway.HandOvers.Keys.Order());
        Assert.All(gateway.HandOvers, handOver => Assert.Equal(1, handOver.Value));
        Assert.True(messages.Select(m => m.Lane).Distinct().Count() > 1,
            $"one lane sent everything: {string.Join(", ", messages.GroupBy(m => m.Lane).Select(g => $"lane {g.Key}: {g.Count()}"))}");
        var run = await Portal.QueryAsync(db => db.CampaignRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
        Assert.Equal(RunStatus.Completed, run.Status);
    }
}
