using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Kannel.KannelPortal;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>
/// Kannel goes away in the middle of a run and comes back on the same folder and ports: the portal's
/// messages wait for it (none fails), the run says the gateway is down, and once Kannel is back every
/// message reaches its phone exactly once and is reported delivered — but for the reports Kannel itself
/// dropped when it stopped, and the few hand-overs the stop cut off, which are marked in doubt and
/// reach their phone once or not at all, never twice.
/// </summary>
[Collection(KannelCollection.Name)]
public sealed class KannelOutageTests(ITestOutputHelper output)
{
    private const int Customers = 300;
    private const int ThroughputPerSecond = 50;

    [Fact]
    public async Task Messages_wait_while_Kannel_is_down_and_each_reaches_its_phone_once_when_it_is_back()
    {
        await using var kannel = await PrepareAsync(output, ThroughputPerSecond, new Dictionary<string, string?>
        {
            // Declared down after a few quick retries, tried again twice a second: the test stays short.
            ["Portal:Dispatch:RetryAttempts"] = "2",
            ["Portal:Dispatch:RetryDelay"] = "00:00:00.050",
            ["Portal:Dispatch:GatewayDownRetryDelay"] = "00:00:00.500",
            // The breaker may open while Kannel is away; a short break keeps the test's pace once it is back.
            ["Portal:Dispatch:CircuitBreakDuration"] = "00:00:01",
        });
        await kannel.RunAsync(async () =>
        {
            var db = kannel.Database;
            var segment = await db.GivenReadySegmentAsync();
            var customers = await kannel.GivenCustomersAsync("OT", Customers, "广东", firstNumber: 1);
            var campaign = await kannel.GivenCampaignDueNowAsync(segment, "十二月提醒", ThroughputPerSecond);
            await kannel.Portal.StartAsync();

            // At 50 a second the run takes six seconds: Kannel stops while most messages are still to go.
            await kannel.WaitForPhonesAsync(Customers / 5);
            await kannel.Kannel.StopAsync();
            var stoppedAt = DateTimeOffset.UtcNow;
            var down = await kannel.WaitAsync("the run to show the gateway down", q => q.CampaignRuns.AsNoTracking().SingleAsync(),
                run => run.GatewayDownSince is not null);
            Assert.Equal("unreachable", down.GatewayProblem);
            // Tried again (and found down again) a few times while Kannel is away; nothing failed meanwhile.
            await Eventually.WaitAsync("three attempts on the down gateway", () => Task.FromResult(kannel.Portal.Output.Count(
                line => line.Contains("the gateway is down", StringComparison.Ordinal))), attempts => attempts >= 3, Deadline, output);
            var meanwhile = await db.QueryAsync(q => q.OutboxMessages.AsNoTracking().GroupBy(m => m.Status)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
            output.WriteLine($"while Kannel was down: {string.Join(", ", meanwhile.Select(s => $"{s.Key} {s.Value}"))}");
            Assert.False(meanwhile.ContainsKey(MessageStatus.Failed), "A message failed while Kannel was down.");
            Assert.True(meanwhile.GetValueOrDefault(MessageStatus.Waiting) > 0, "Kannel stopped after the run had sent everything.");

            await kannel.Kannel.StartAgainAsync();

            // smsbox drops the delivery reports it holds when it is stopped (Kannel 1.4.5 takes them from
            // bearerbox before it calls the portal): a message that left before the stop may keep waiting
            // for its report. Every message that left after it must be reported delivered.
            var messages = await kannel.WaitForMessagesAsync("every message delivered, or sent before the stop", campaign.Id,
                all => all.Count == Customers && all.All(m => m.Status == MessageStatus.Delivered
                                                              || (m.Status == MessageStatus.Sent && m.SentAt < stoppedAt)));
            output.WriteLine("awaiting a report: " + string.Join(", ", messages.Where(m => m.Status == MessageStatus.Sent)
                .Select(m => $"{m.Id} ({m.Phone}, {m.FailureReason ?? "answered"}, {m.DeliveryStatus?.ToString() ?? "no report"})")));
            // A stopping smsbox closes the requests it is reading without an answer, queued or not: those
            // hand-overs are in doubt. They are never sent again (Kannel cannot tell a repeat), so such a
            // message reaches its phone once or not at all, and stays marked in_doubt for the operator.
            var inDoubt = messages.Where(m => m.FailureReason == FailureReasons.InDoubt).Select(m => m.Phone!).ToHashSet();
            output.WriteLine($"{inDoubt.Count} hand-overs in doubt at the stop");
            // Each lane hands over up to Concurrency at once: on PostgreSQL a run has four lanes.
            var dispatch = kannel.Database.Services.GetRequiredService<IOptions<DispatchOptions>>().Value;
            Assert.InRange(inDoubt.Count, 0, dispatch.Concurrency * (dispatch.Lanes ?? 1));
            // An in-doubt message that Kannel did queue may still be arriving, part by part: it is left out until whole.
            var phones = (await kannel.WaitForPhonesAsync(Customers - inDoubt.Count))
                .Where(p => p.Complete || !inDoubt.Contains(p.Receiver)).ToList();
            Assert.Equal(phones.Count, phones.Select(p => p.Receiver).Distinct().Count());
            var reached = phones.Select(p => p.Receiver).ToHashSet();
            Assert.All(customers.Where(c => !inDoubt.Contains(c.Phone)), c => Assert.Contains(c.Phone, reached));
            AssertEachPhoneGotItsTextOnce(customers.Where(c => reached.Contains(c.Phone)).ToList(),
                messages.Where(m => reached.Contains(m.Phone!)).ToList(), phones);
            var unreported = messages.Count(m => m.Status == MessageStatus.Sent);
            output.WriteLine($"{unreported} reports lost when smsbox stopped");
            Assert.InRange(unreported, 0, Customers / 10);

            var finished = await kannel.WaitAsync("the run complete", q => q.CampaignRuns.AsNoTracking().SingleAsync(),
                run => run.Status == RunStatus.Completed);
            Assert.Equal(((DateTimeOffset?)null, (string?)null), (finished.GatewayDownSince, finished.GatewayProblem));
        });
    }
}
