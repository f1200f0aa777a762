using System.Globalization;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// One run's dispatch on PostgreSQL by one portal node and then by two (issue 8): for each, a fresh
/// database with N customers where it is day, an approved once-now campaign over them, that many real
/// portal processes sharing Quartz's clustered store, the development gateway and the same lanes.
/// The rate is messages handed over per second from the first hand-over to the last, read from the
/// development gateway's <c>ReceivedAt</c>: the instant each message reached the gateway (the outbox's
/// <c>SentAt</c> is the time its group of results was saved, up to 20 hand-overs later).
/// </summary>
internal static partial class ClusterDispatchBenchmark
{
    /// <summary>Lanes per run on every node (the default on PostgreSQL).</summary>
    private const int Lanes = 4;

    /// <summary>
    /// The campaign's cap, far above what this machine can hand over, so that the nodes are the limit.
    /// The campaign form allows 1 to 1,000 a second; the benchmark writes it into the approved campaign.
    /// </summary>
    private const int Cap = 20_000;

    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(10);

    private sealed record Result(int Nodes, int Messages, double Seconds, IReadOnlyDictionary<string, int> PerNode, string Check);

    public static async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var server = Environment.GetEnvironmentVariable(BenchmarkOptions.PostgresVariable)!;
        output.WriteLine($"== cluster: one run of {options.Customers:N0} messages on PostgreSQL, by 1 portal node and then by 2; " +
                         $"{Lanes} lanes, the development gateway, campaign cap {Cap:N0}/s");
        output.WriteLine("  Both nodes share this machine's CPUs with PostgreSQL (and each other): two nodes cannot show a two-fold gain here.");
        var results = new List<Result>();
        foreach (var nodes in new[] { 1, 2 })
        {
            results.Add(await MeasureAsync(server, nodes, options.Customers, output));
        }
        output.WriteLine($"  {"nodes",5} {"messages",9} {"seconds",8} {"messages/s",11}  per node");
        foreach (var r in results)
        {
            output.WriteLine($"  {r.Nodes,5} {r.Messages,9:N0} {r.Seconds,8:F1} {r.Messages / r.Seconds,11:N0}  " +
                             string.Join(", ", r.PerNode.Select(n => $"{n.Key}: {n.Value:N0}")));
        }
        var one = results[0].Messages / results[0].Seconds;
        var two = results[1].Messages / results[1].Seconds;
        output.WriteLine($"  ratio 2-node/1-node: {two / one:F2}");
        foreach (var r in results)
        {
            output.WriteLine($"  check, {r.Nodes} node(s): {r.Check}");
        }
    }

    private static async Task<Result> MeasureAsync(string server, int nodes, int count, TextWriter output)
    {
        output.WriteLine($"-- {nodes} node(s): fresh database, {count:N0} customers");
        await using var portal = await BenchmarkPortal.OpenPostgresAsync(server, $"bench_cluster_{nodes}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = portal.DatabasePath }.ConnectionString;
        CampaignSegmentPlan segment;
        await using (var scope = portal.Scope())
        {
            var fill = Stopwatch.StartNew();
            segment = await DaylightAudience.CreateAsync(scope.ServiceProvider, count, pass: 1);
            output.WriteLine($"  customers, segment and approved template in {fill.Elapsed.TotalSeconds:F1} s");
        }

        var processes = Enumerable.Range(1, nodes).Select(n => new PortalProcess(connection, new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["Portal:Demo:Seed"] = "false",
            ["Portal:Dispatch:Lanes"] = Lanes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Portal:Cluster:InstanceId"] = $"node-{n}",
        }) { OutputLimit = null }).ToList();
        try
        {
            // Every node is up before the campaign is approved, so each can take lanes from the first firing on.
            await Task.WhenAll(processes.Select(p => p.StartAsync(TimeSpan.FromMinutes(3))));
            output.WriteLine($"  {nodes} node(s) up; approving a once-now campaign");
            long campaignId;
            await using (var scope = portal.Scope())
            {
                var services = scope.ServiceProvider;
                var now = services.GetRequiredService<BusinessClock>().ToBusinessTime(DateTimeOffset.UtcNow).DateTime;
                campaignId = await DaylightAudience.ApprovedCampaignAsync(services, $"cluster {nodes}", segment, CampaignSchedule.Once(now));
                var db = services.GetRequiredService<PortalDbContext>();
                await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ThroughputPerSecond, Cap));
            }
            var lanes = await WaitFinishedAsync(portal, campaignId, count, output);
            return await ReadResultAsync(portal, campaignId, nodes, count, lanes, processes);
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
        }
    }

    /// <summary>
    /// Waits for the run to finish, and meanwhile notes which node works each lane: Quartz's fired-trigger
    /// rows name the job (the lane) and the instance (the node) while it executes.
    /// </summary>
    private static async Task<Dictionary<int, HashSet<string>>> WaitFinishedAsync(BenchmarkPortal portal, long campaignId, int count,
        TextWriter output)
    {
        var lanes = new Dictionary<int, HashSet<string>>();
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (clock.Elapsed < RunDeadline)
        {
            await using var scope = portal.Scope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var firing = await db.Database.SqlQueryRaw<FiredLane>(
                "SELECT job_name AS \"Job\", instance_name AS \"Instance\" FROM qrtz_fired_triggers WHERE job_group = 'runs'").ToListAsync();
            foreach (var f in firing)
            {
                var lane = LaneOf(f.Job);
                if (!lanes.TryGetValue(lane, out var instances))
                {
                    lanes[lane] = instances = [];
                }
                instances.Add(f.Instance);
            }
            var run = await db.CampaignRuns.AsNoTracking().Where(r => r.CampaignId == campaignId).FirstOrDefaultAsync();
            if (run is { IsFinished: true })
            {
                return lanes;
            }
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(15))
            {
                lastReport = clock.Elapsed;
                var sent = run is null ? 0 : await db.DevelopmentGatewayMessages.CountAsync(g => db.OutboxMessages.Any(m => m.RunId == run.Id && m.Id == g.MessageId));
                output.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {(run is null ? "no run yet" : run.Status.ToString())}, {sent:N0} of {count:N0} handed over");
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The run did not finish within {RunDeadline.TotalMinutes:0} minutes.");
    }

    private sealed record FiredLane(string Job, string Instance);

    private sealed record Span(DateTimeOffset First, DateTimeOffset Last);

    /// <summary>Lane 0's job is <c>run-{id}</c>, lane k's <c>run-{id}-lane-{k}</c>.</summary>
    private static int LaneOf(string job) => LaneName().Match(job) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"-lane-(\d+)$")]
    private static partial Regex LaneName();

    private static async Task<Result> ReadResultAsync(BenchmarkPortal portal, long campaignId, int nodes, int count,
        Dictionary<int, HashSet<string>> lanes, IReadOnlyList<PortalProcess> processes)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var runId = await db.CampaignRuns.Where(r => r.CampaignId == campaignId).Select(r => r.Id).SingleAsync();
        var ids = db.OutboxMessages.Where(m => m.RunId == runId).Select(m => m.Id);
        var states = await db.OutboxMessages.Where(m => m.RunId == runId).GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var handedOver = db.DevelopmentGatewayMessages.Where(g => ids.Contains(g.MessageId));
        var received = await handedOver.CountAsync();
        var distinct = await handedOver.Select(g => g.MessageId).Distinct().CountAsync();
        var span = await handedOver.GroupBy(_ => 1).Select(g => new Span(g.Min(m => m.ReceivedAt), g.Max(m => m.ReceivedAt))).SingleAsync();
        var byLane = await db.OutboxMessages.Where(m => m.RunId == runId && (m.Status == MessageStatus.Sent || m.Status == MessageStatus.Delivered)).GroupBy(m => m.Lane ?? -1)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var inDoubt = processes.Sum(p => p.Output.Count(l => l.Contains("were in doubt after a restart", StringComparison.Ordinal)));

        var perNode = new SortedDictionary<string, int>();
        foreach (var (lane, sent) in byLane)
        {
            var node = lanes.TryGetValue(lane, out var instances) ? string.Join("+", instances.Order()) : $"lane {lane}, node not seen";
            perNode[node] = perNode.GetValueOrDefault(node) + sent;
        }
        // The development gateway reports each message delivered two seconds after it took it.
        var sentCount = states.GetValueOrDefault(MessageStatus.Sent) + states.GetValueOrDefault(MessageStatus.Delivered);
        var exact = sentCount == count && states.Values.Sum() == count && received == count && distinct == count && inDoubt == 0;
        var check = $"{(exact ? "OK" : "FAILED")}: outbox {string.Join(", ", states.Select(s => $"{s.Key} {s.Value:N0}"))}; " +
                    $"gateway rows {received:N0}, distinct message ids {distinct:N0} of {count:N0}; in-doubt recoveries {inDoubt}; " +
                    $"lanes {string.Join(", ", byLane.OrderBy(l => l.Key).Select(l => $"{l.Key}: {l.Value:N0}"))}";
        if (!exact)
        {
            throw new InvalidOperationException($"{nodes} node(s): not every message was handed over exactly once. {check}");
        }
        return new Result(nodes, received, (span.Last - span.First).TotalSeconds, perNode, check);
    }
}
