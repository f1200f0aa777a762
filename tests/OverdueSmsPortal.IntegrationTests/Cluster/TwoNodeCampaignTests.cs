using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.IntegrationTests.Kannel;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Cluster;

/// <summary>
/// Two portal processes over one PostgreSQL database behind a real HAProxy, sending one 20,000-message
/// campaign through a real Kannel whose delivery reports come back through the balancer, as production
/// runs them. One node is killed (SIGKILL) a third of the way through. Afterwards each phone received at
/// most one message, the outbox has one message per customer and every one is final, and the hand-overs
/// Kannel logged never went faster than the campaign's cap, summed over both nodes.
/// </summary>
[Collection(KannelCollection.Name)]
public sealed class TwoNodeCampaignTests(ITestOutputHelper output) : KilledPortalTest("cluster", output)
{
    /// <summary>
    /// Enough for node A to die with every lane busy and for the rate to be judged over minutes; 50,000 took
    /// 11 of the PostgreSQL suite's 28 minutes for the same findings.
    /// </summary>
    private const int Customers = 20_000;

    /// <summary>The campaign's cap: 20,000 messages take about a minute at it, which a 2-core machine does not reach.</summary>
    private const int Cap = 300;

    /// <summary>The rate is judged over every window of this many whole seconds of Kannel's log.</summary>
    private const int WindowSeconds = 5;

    /// <summary>
    /// What a window may hold beyond cap × window: one second's worth, for a pace that starts a batch a
    /// moment early or late. Two nodes each keeping the cap on their own would exceed it by a whole cap per second.
    /// </summary>
    private const int Allowance = Cap;

    /// <summary>For planning and the first third of the messages: generous, as a machine busy with other work is slow.</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(6);

    /// <summary>
    /// The run is waited for as long as it moves (speed is the benchmarks' business, not this test's): it
    /// fails as stuck only when no message became final for <see cref="Stall"/>, and this outer limit only
    /// keeps a run that crawls from holding CI for ever.
    /// </summary>
    private static readonly TimeSpan FinishDeadline = TimeSpan.FromMinutes(20);

    /// <summary>No message became final for this long: the run is stuck, and waiting longer would not help.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(2);

    /// <summary>The lanes that drain the run (<c>Portal:Dispatch:Lanes</c>).</summary>
    private const int Lanes = 4;

    /// <summary>The dispatch concurrency of each lane (<c>Portal:Dispatch:Concurrency</c>, its default).</summary>
    private const int Concurrency = 8;

    /// <summary>
    /// What a killed node may leave in doubt: per lane, the messages on their way to the gateway without a
    /// saved result, at most the concurrency — never its whole claimed batch. All lanes may be on that node.
    /// </summary>
    private const int MostInDoubt = Lanes * Concurrency;

    /// <summary>The framework's log of the Kannel client's requests: one "Sending HTTP request POST …/sendsms" line each.</summary>
    private const string HandOverLogCategory = "System.Net.Http.HttpClient.KannelGateway.ClientHandler";

    private static readonly MessageStatus[] Unfinished = [MessageStatus.Waiting, MessageStatus.Sending, MessageStatus.Sent];

    [PostgresOnlyFact("two portal nodes share one database only on PostgreSQL, with its clustered scheduler and row locks")]
    public async Task Two_nodes_send_a_campaign_once_to_each_customer_within_its_cap_though_one_is_killed_midway()
    {
        var clock = Stopwatch.StartNew();
        await using var setup = PortalDatabase.Over(Store, now: DateTimeOffset.UtcNow);
        await setup.QueryAsync(db => db.Database.MigrateAsync());
        await setup.SeedLadderAndWordListsAsync();
        var ready = await setup.GivenReadySegmentAsync();
        await setup.GivenCustomersInDaylightAsync("TN", Customers);
        Output.WriteLine($"{Customers} customers stored: {clock.Elapsed.TotalSeconds:0} s");

        // Extra settings are ignored by a portal that does not know them. Of the framework's log, only the
        // hand-overs to Kannel are kept: each node's count of them says how the run was shared.
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Demo:Seed"] = "false",
            ["Portal:Dispatch:Lanes"] = Lanes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Portal:Dispatch:Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:OverdueSmsPortal"] = "Information",
            [$"Logging:LogLevel:{HandOverLogCategory}"] = "Information",
        };
        using var nodeA = NewPortal(settings, outputLimit: null);
        using var nodeB = NewPortal(settings, outputLimit: null);
        await using var balancer = await HaproxyServer.StartAsync(nodeA.BaseAddress, nodeB.BaseAddress);
        // Kannel calls the portal back at its public address: the balancer's.
        // The gateway's own pace is set high: the campaign's cap is the one under test.
        var (kannel, _) = await KannelPortal.StartGatewayAsync(setup, balancer.BaseAddress.GetLeftPart(UriPartial.Authority),
            GatewaySettingsInputValidator.MaxThroughput);
        await using var stopKannel = kannel;
        var campaign = await setup.GivenActiveCampaignAsync(PlanDueNow(setup.Service<BusinessClock>(), ready, Cap) with { Name = "两节点十二月提醒" });

        var findings = new List<string>();
        try
        {
            // One after the other: started at the same instant on a new database, both seed it and one
            // dies of a duplicate key (the start-up seeding is not yet safe for two nodes).
            await nodeA.StartAsync();
            await nodeB.StartAsync();
            Output.WriteLine($"both nodes up: {clock.Elapsed.TotalSeconds:0} s");

            try
            {
                await Eventually.WaitAsync("a third of the messages handed over", () => Task.FromResult<int>(kannel.HandOvers().Count),
                    n => n >= Customers / 3, StartDeadline, Output, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException slow)
            {
                // A slow machine, not a fault: node A is killed all the same, and what the run does afterwards is checked.
                Output.WriteLine($"slow: {slow.Message}");
            }
            var sentByA = HandOversBy(nodeA);
            nodeA.Kill();
            Output.WriteLine($"node A killed after {kannel.HandOvers().Count} hand-overs ({sentByA} of them by A, {HandOversBy(nodeB)} by B): " +
                             $"{clock.Elapsed.TotalSeconds:0} s");

            Tally tally;
            try
            {
                tally = await WaitUntilFinalAsync(setup, campaign.Id);
            }
            catch (TimeoutException slow)
            {
                // The other checks still say what went wrong, and the outbox check what is unfinished.
                findings.Add($"slow: {slow.Message}");
                tally = await TallyAsync(setup, campaign.Id);
            }
            Output.WriteLine($"outbox: {tally}; {clock.Elapsed.TotalSeconds:0} s");
            findings.AddRange(CheckOutbox(tally));
            findings.AddRange(CheckPhones(kannel.ReceivedMessages()));
            findings.AddRange(CheckRate(kannel.HandOvers()));
            Output.WriteLine($"sendsms requests: {sentByA} by node A before it was killed, {HandOversBy(nodeB)} by node B");
            if (!nodeB.IsRunning)
            {
                findings.Add("node B is no longer running");
            }
        }
        catch (Exception e)
        {
            findings.Add($"{e.GetType().Name}: {e.Message}");
        }

        if (findings.Count > 0)
        {
            foreach (var (name, node) in new[] { ("A (killed)", nodeA), ("B", nodeB) })
            {
                Output.WriteLine($"---- node {name}: its last lines ----");
                // Without the hand-over lines (two per request), which would fill the tail.
                Output.WriteLine(string.Join(Environment.NewLine, node.Output.Where(line => !IsHandOverLog(line)).TakeLast(40)));
            }
            Output.WriteLine("---- HAProxy ----");
            Output.WriteLine(balancer.LogTail(15));
            Output.WriteLine(kannel.LogTail(10));
        }
        Assert.True(findings.Count == 0, $"The two-node run went wrong:{Environment.NewLine}{string.Join(Environment.NewLine, findings.Select(f => $"- {f}"))}");
    }

    private static bool IsHandOverLog(string line) => line.Contains(HandOverLogCategory, StringComparison.Ordinal)
        || line.Contains("Sending HTTP request POST", StringComparison.Ordinal) || line.Contains("Received HTTP response headers", StringComparison.Ordinal);

    /// <summary>How many sendsms requests <paramref name="node"/> has made (retries of one message included).</summary>
    private static int HandOversBy(PortalProcess node) =>
        node.Output.Count(line => line.Contains("Sending HTTP request POST", StringComparison.Ordinal) && line.EndsWith("/cgi-bin/sendsms", StringComparison.Ordinal));

    /// <summary>How many of the campaign's messages are in each state.</summary>
    private sealed record Tally(IReadOnlyDictionary<MessageStatus, int> ByStatus, int Customers, int InDoubt)
    {
        public int Planned => ByStatus.Values.Sum();

        public int NotFinal => Unfinished.Sum(s => ByStatus.GetValueOrDefault(s));

        public override string ToString() =>
            $"{Planned} planned for {Customers} customers; {string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}";
    }

    /// <summary>Waits until every message is planned and final, the deadline passes, or nothing has changed for <see cref="Stall"/>.</summary>
    private async Task<Tally> WaitUntilFinalAsync(PortalDatabase setup, long campaignId)
    {
        var lastChange = Stopwatch.StartNew();
        var lastNotFinal = -1;
        return await Eventually.WaitAsync("every message final", () => TallyAsync(setup, campaignId),
            tally =>
            {
                if (tally.NotFinal != lastNotFinal)
                {
                    lastNotFinal = tally.NotFinal;
                    lastChange.Restart();
                }
                var finished = tally.Planned >= Customers && tally.NotFinal == 0;
                if (!finished && lastChange.Elapsed > Stall)
                {
                    Output.WriteLine($"stuck: no message became final for {Stall.TotalMinutes:0} min");
                }
                return finished || lastChange.Elapsed > Stall;
            },
            FinishDeadline, Output, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
    }

    private static Task<Tally> TallyAsync(PortalDatabase setup, long campaignId) => setup.QueryAsync(async db => new Tally(
        await db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == campaignId).GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count),
        await db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == campaignId).Select(m => m.CustomerId).Distinct().CountAsync(),
        await db.OutboxMessages.AsNoTracking().CountAsync(m => m.CampaignId == campaignId && m.FailureReason == FailureReasons.InDoubt)));

    /// <summary>(a) and (b) on the portal's side: one message per customer, each in a final state, and few in doubt.</summary>
    private IEnumerable<string> CheckOutbox(Tally tally)
    {
        Output.WriteLine($"in doubt after the kill: {tally.InDoubt} (at most {MostInDoubt} allowed)");
        if (tally.InDoubt > MostInDoubt)
        {
            yield return $"{tally.InDoubt} messages were failed as in doubt, more than the {MostInDoubt} the killed node can have had on their way";
        }
        if (tally.Planned != Customers || tally.Customers != Customers)
        {
            yield return $"the outbox has {tally.Planned} messages for {tally.Customers} customers, not one for each of {Customers}";
        }
        if (tally.NotFinal > 0)
        {
            yield return $"{tally.NotFinal} messages are not final: {tally}";
        }
    }

    /// <summary>(a) on the phones' side: what the fake SMSC's phones got.</summary>
    private IEnumerable<string> CheckPhones(IReadOnlyList<PhoneMessage> phones)
    {
        var repeated = phones.GroupBy(p => p.Receiver).Where(g => g.Count() > 1).ToList();
        var broken = phones.Count(p => !p.Complete);
        Output.WriteLine($"phones: {phones.Count} messages received by {phones.Select(p => p.Receiver).Distinct().Count()} numbers; " +
                         $"{repeated.Count} numbers got more than one; {broken} incomplete");
        if (repeated.Count > 0)
        {
            yield return $"{repeated.Count} phones received more than one message ({repeated.Sum(g => g.Count() - 1)} extra), e.g. " +
                         string.Join(", ", repeated.Take(5).Select(g => $"{g.Key} ×{g.Count()}"));
        }
        if (broken > 0)
        {
            yield return $"{broken} messages reached the phones with parts missing";
        }
    }

    /// <summary>(c) the hand-overs Kannel logged, per second, summed over every window of <see cref="WindowSeconds"/> seconds.</summary>
    private IEnumerable<string> CheckRate(IReadOnlyList<HandOver> handOvers)
    {
        if (handOvers.Count == 0)
        {
            yield return "Kannel logged no hand-over at all";
            yield break;
        }
        var first = handOvers.Min(h => h.At);
        var seconds = (int)(handOvers.Max(h => h.At) - first).TotalSeconds + 1;
        var perSecond = new int[seconds];
        foreach (var handOver in handOvers)
        {
            perSecond[(int)(handOver.At - first).TotalSeconds]++;
        }
        var (busiest, busiestAt) = Enumerable.Range(0, Math.Max(1, seconds - WindowSeconds + 1))
            .Select(start => (Count: perSecond.Skip(start).Take(WindowSeconds).Sum(), Start: start)).MaxBy(w => w.Count);
        var limit = Cap * WindowSeconds + Allowance;
        var repeated = handOvers.GroupBy(h => h.Receiver).Count(g => g.Count() > 1);
        Output.WriteLine($"hand-overs: {handOvers.Count} in {seconds} s, {handOvers.Count / (double)seconds:0} a second on average; " +
                         $"busiest {WindowSeconds} s: {busiest} ({busiest / (double)WindowSeconds:0} a second) from {first.AddSeconds(busiestAt):HH:mm:ss}; " +
                         $"cap {Cap} a second, so at most {limit} in {WindowSeconds} s; {repeated} numbers handed over more than once");
        if (busiest > limit)
        {
            yield return $"the send rate exceeded the cap: {busiest} hand-overs in the {WindowSeconds} s from {first.AddSeconds(busiestAt):HH:mm:ss} " +
                         $"({busiest / (double)WindowSeconds:0} a second; cap {Cap}, at most {limit} allowed)";
        }
    }
}
