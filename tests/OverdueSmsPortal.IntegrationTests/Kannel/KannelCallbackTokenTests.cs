using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;
using OverdueSmsPortal.IntegrationTests.Support;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Kannel.KannelPortal;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>
/// The running portal takes delivery reports and replies only with the callback token: forged ones
/// (a wrong token, or none, in the query, a form or the header) are refused 401 and change nothing,
/// while the same calls with the token are taken.
/// </summary>
[Collection(KannelCollection.Name)]
public sealed class KannelCallbackTokenTests(ITestOutputHelper output)
{
    private const string TokenHeader = "X-Gateway-Token";

    /// <summary>Shaped like a real token (48 hex digits), but not the one issued.</summary>
    private const string WrongToken = "0123456789abcdef0123456789abcdef0123456789abcdef";

    private sealed record Snapshot(MessageStatus Status, int DeliveryEvents, int Replies, DateTimeOffset? OptedOutAt);

    [Fact]
    public async Task Reports_and_replies_without_the_callback_token_are_refused_and_change_nothing()
    {
        await using var kannel = await PrepareAsync(output, throughputPerSecond: 10);
        await kannel.RunAsync(async () =>
        {
            var segment = await kannel.Database.GivenReadySegmentAsync();
            var customer = (await kannel.GivenCustomersAsync("TK", 1, "上海", firstNumber: 1)).Single();
            var campaign = await kannel.GivenCampaignDueNowAsync(segment, "十二月提醒", throughputPerSecond: 10);
            await kannel.Portal.StartAsync();
            var message = (await kannel.WaitForMessagesAsync("the message delivered", campaign.Id,
                messages => messages is [{ Status: MessageStatus.Delivered }])).Single();
            // The fake SMSC reports "submitted" and "delivered": both in, nothing else changes the message.
            await kannel.WaitAsync("Kannel's reports in", db => db.DeliveryEvents.Where(e => e.MessageId == message.Id)
                .Select(e => e.Status).Distinct().CountAsync(), statuses => statuses == 2);
            var before = await SnapshotAsync(kannel, message.Id, customer.Id);

            // A "failed" report for the delivered message and a 退订 from its customer, as Kannel would send them.
            var report = $"id={message.Id}&status=2&at=1796113445&answer=NACK%2F";
            var reply = $"from={National(customer.Phone)}&to={SenderId}&text=%E9%80%80%E8%AE%A2&charset=UTF-8&coding=0&id=forged-1";
            using var http = new HttpClient { BaseAddress = kannel.Portal.BaseAddress };
            foreach (var (path, fields) in new[] { (KannelGateway.DlrPath, report), (KannelGateway.MoPath, reply) })
            {
                foreach (var forged in Forged(path, fields))
                {
                    using var response = await http.SendAsync(forged);
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
                        $"{forged.Method} {forged.RequestUri} with token {Describe(forged)} answered {(int)response.StatusCode}, not 401.");
                }
            }
            Assert.Equal(before, await SnapshotAsync(kannel, message.Id, customer.Id));

            // The same calls with the token are taken: only the token made the difference.
            using var taken = await http.SendAsync(Get($"{KannelGateway.MoPath}?{reply}", header: kannel.CallbackToken));
            Assert.Equal(HttpStatusCode.NoContent, taken.StatusCode);
            using var late = await http.SendAsync(Get($"{KannelGateway.DlrPath}?token={kannel.CallbackToken}&{report}"));
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            var after = await SnapshotAsync(kannel, message.Id, customer.Id);
            // The late "failed" report is recorded, but a delivered message stays delivered.
            Assert.Equal((MessageStatus.Delivered, before.DeliveryEvents + 1, 1), (after.Status, after.DeliveryEvents, after.Replies));
            Assert.NotNull(after.OptedOutAt);
        });
    }

    /// <summary>The call with no token, a wrong one in the query, in a POST form and in the header.</summary>
    private static IEnumerable<HttpRequestMessage> Forged(string path, string fields)
    {
        yield return Get($"{path}?{fields}");
        yield return Get($"{path}?token={WrongToken}&{fields}");
        yield return new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent($"token={WrongToken}&{fields}", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        yield return Get($"{path}?{fields}", header: WrongToken);
    }

    private static HttpRequestMessage Get(string pathAndQuery, string? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (header is not null)
        {
            request.Headers.Add(TokenHeader, header);
        }
        return request;
    }

    private static string Describe(HttpRequestMessage request) =>
        request.Headers.Contains(TokenHeader) ? "in the header" : request.Content is not null ? "in the form" : "in the query or none";

    private static Task<Snapshot> SnapshotAsync(KannelPortal kannel, long messageId, long customerId) =>
        kannel.Database.QueryAsync(async db => new Snapshot(
            await db.OutboxMessages.Where(m => m.Id == messageId).Select(m => m.Status).SingleAsync(),
            await db.DeliveryEvents.CountAsync(e => e.MessageId == messageId),
            await db.InboundReplies.CountAsync(),
            await db.Customers.Where(c => c.Id == customerId).Select(c => c.OptedOutAt).SingleAsync()));
}
