using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>
/// A run against a sendsms endpoint on loopback that misbehaves: refuses connections, answers 503 or
/// 500, answers something smsbox never says ("xyz", an HTML page), or answers too late. After a few
/// hand-overs the circuit breaker opens and the rest of the run waits untouched (not failed, not lost,
/// the endpoint not called again); when the endpoint behaves and the break is over, every waiting
/// message goes once. A message whose answer was not recognised or came too late is in doubt: counted
/// as sent and never handed over again. So each message ends sent exactly once, or still queued.
/// </summary>
public sealed partial class MisbehavingGatewayTests : IAsyncLifetime
{
    private const int Customers = 12;
    private const int Trip = 3;
    private static readonly TimeSpan BreakDuration = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DownRetryDelay = TimeSpan.FromSeconds(1);
    // How long the portal waits for the endpoint, and how long a slow misbehaviour makes it wait: far enough apart
    // that an ordinary accept on a loaded machine (CI ran four test projects on two cores) is never taken for a late one.
    // With 1 s and 2 s, a prompt accept after the break once took over 1 s and a message went in doubt.
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(5);

    private PortalDatabase portal = null!;
    private ReadySegment ready = null!;

    public async Task InitializeAsync()
    {
        portal = await PortalDatabase.MigratedAsync(new Dictionary<string, string?>
        {
            ["Portal:Dispatch:RetryAttempts"] = "1",
            ["Portal:Dispatch:RetryDelay"] = "00:00:00.010",
            ["Portal:Dispatch:Concurrency"] = "1",
            ["Portal:Dispatch:GatewayDownRetryDelay"] = DownRetryDelay.ToString(),
            ["Portal:Dispatch:CircuitBreakerMinimumThroughput"] = Trip.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Portal:Dispatch:CircuitBreakerFailureRatio"] = "1.0",
            ["Portal:Dispatch:CircuitBreakerSamplingDuration"] = "01:00:00",
            ["Portal:Dispatch:CircuitBreakDuration"] = BreakDuration.ToString(),
        }, replace: services => services.AddHttpClient<KannelGateway>(http => http.Timeout = ClientTimeout));
        await portal.SeedLadderAndWordListsAsync();
        portal.Clock.Run();
        ready = await portal.GivenReadySegmentAsync();
        await portal.GivenOverdueCustomersAsync(Customers);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    public static TheoryData<string> Misbehaviours => ["503", "500 html", "200 xyz", "200 html", "late accept", "slow error"];

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public async Task A_misbehaving_gateway_trips_the_breaker_and_every_message_ends_sent_once_or_queued(string misbehaviour)
    {
        var behaving = false;
        await using var smsbox = new VanishingSmsbox(_ => behaving ? SmsboxAnswer.Accept : Answer(misbehaviour));
        await smsbox.UseForAsync(portal);
        var campaign = await portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));

        var run = await TripAsync(campaign.Id);

        var outage = portal.Service<GatewayRetry>().Outage;
        Assert.NotNull(outage);
        Assert.InRange(outage.NextTry - outage.Since, BreakDuration - TimeSpan.FromSeconds(1), BreakDuration + TimeSpan.FromSeconds(1));
        var messages = await portal.MessagesAsync(run.Id);
        var inDoubt = messages.Where(m => m.Status == MessageStatus.Sent).ToList();
        Assert.All(inDoubt, m => Assert.Equal(FailureReasons.InDoubt, m.FailureReason));
        Assert.DoesNotContain(messages, m => m.Status is MessageStatus.Failed or MessageStatus.Sending);
        var waiting = messages.Count(m => m.Status == MessageStatus.Waiting);
        Assert.Equal(Customers, inDoubt.Count + waiting);
        Assert.True(waiting >= Customers - Trip, $"only {waiting} messages wait: the breaker did not stop the run");
        // The breaker stopped the hand-overs: the endpoint heard of the tripping messages only.
        var heard = HandedOver(smsbox);
        Assert.InRange(heard.Distinct().Count(), 1, Trip);
        var callsWhenOpen = smsbox.Requests.Count;

        // Still within the break: nothing is tried, nothing changes.
        portal.Clock.Advance(DownRetryDelay);
        Assert.Equal(DispatchState.Waiting, (await portal.Service<OutboxDispatcher>().DispatchAsync(run.Id)).State);
        Assert.Equal(callsWhenOpen, smsbox.Requests.Count);

        // The gateway behaves again and the break is over: what waited goes, once.
        behaving = true;
        portal.Clock.Advance(BreakDuration);
        var resumed = await portal.Service<OutboxDispatcher>().DispatchAsync(run.Id);
        Assert.Equal(DispatchState.Finished, resumed.State);
        Assert.Null(portal.Service<GatewayRetry>().Outage);
        var after = await portal.MessagesAsync(run.Id);
        Assert.All(after, m => Assert.Equal(MessageStatus.Sent, m.Status));
        // In doubt stays in doubt (never handed over again); every other message was accepted at its one hand-over.
        Assert.Equal(inDoubt.Select(m => m.Id).Order(), after.Where(m => m.FailureReason == FailureReasons.InDoubt).Select(m => m.Id).Order());
        var accepted = HandedOver(smsbox).Skip(callsWhenOpen).ToList();
        Assert.Equal(accepted.Count, accepted.Distinct().Count());
        Assert.Equal(after.Where(m => m.FailureReason is null).Select(m => m.Id).Order(), accepted.Order());
        Assert.Empty(accepted.Intersect(inDoubt.Select(m => m.Id)));
    }

    [Fact]
    public async Task A_gateway_that_refuses_connections_trips_the_breaker_and_the_messages_wait()
    {
        var closedPort = ClosedLoopbackPort();
        await VanishingSmsbox.UseAsync(portal, $"http://127.0.0.1:{closedPort}/cgi-bin/sendsms");
        var campaign = await portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));

        var run = await TripAsync(campaign.Id);

        Assert.Equal("unreachable", portal.Service<GatewayRetry>().Outage?.Problem);
        Assert.All(await portal.MessagesAsync(run.Id), m => Assert.Equal(MessageStatus.Waiting, m.Status));
        var stored = await portal.QueryAsync(db => Task.FromResult(db.CampaignRuns.Single(r => r.Id == run.Id)));
        Assert.NotNull(stored.GatewayDownSince);
    }

    /// <summary>
    /// Runs the campaign, and tries again each time the run waits for the gateway, until the breaker
    /// opens. A run that finds the gateway down stops its batch at once, so a failing gateway that
    /// answers each hand-over (an error) needs a few tries; one whose answers are in doubt, one run.
    /// </summary>
    private async Task<CampaignRun> TripAsync(long campaignId)
    {
        var (run, outcome) = await portal.RunNowAsync(campaignId);
        for (var attempt = 0; portal.Service<GatewayRetry>().Outage is null && attempt < 2 * Trip; attempt++)
        {
            Assert.Equal(DispatchState.Waiting, outcome.State);
            portal.Clock.Advance(DownRetryDelay);
            outcome = await portal.Service<OutboxDispatcher>().DispatchAsync(run.Id);
        }
        Assert.Equal(DispatchState.Waiting, outcome.State);
        return run;
    }

    private static SmsboxAnswer Answer(string misbehaviour) => misbehaviour switch
    {
        "503" => new SmsboxAnswer(503, "Service Unavailable", "4: Temporal failure, try again later."),
        "500 html" => new SmsboxAnswer(500, "Internal Server Error", "<html><body><h1>500 Internal Server Error</h1></body></html>"),
        "200 xyz" => new SmsboxAnswer(200, "OK", "xyz", "text/plain"),
        "200 html" => new SmsboxAnswer(200, "OK", "<!DOCTYPE html><html><body>Welcome to nginx!</body></html>"),
        // Accepted, but after the client stopped waiting: the phone gets it once, the portal never knows.
        "late accept" => SmsboxAnswer.Accept with { Delay = SlowAnswer },
        "slow error" => new SmsboxAnswer(503, "Service Unavailable", "4: Temporal failure", Delay: SlowAnswer),
        _ => throw new ArgumentOutOfRangeException(nameof(misbehaviour)),
    };

    /// <summary>The outbox ids of the requests the endpoint received, in order (from each request's dlr-url).</summary>
    private static List<long> HandedOver(VanishingSmsbox smsbox) => smsbox.Requests
        .Select(r => long.Parse(MessageId().Match(WebUtility.UrlDecode(r)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
        .ToList();

    [GeneratedRegex(@"[?&]id=(\d+)&")]
    private static partial Regex MessageId();

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
