using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>
/// Kannel's callbacks on the real portal: <c>/api/v1/gateway/kannel/dlr</c> and <c>/mo</c>, by GET and
/// POST, with the callback token in the query or the header. Bad input is a 4xx, never a 500.
/// </summary>
public sealed class KannelCallbackApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Dlr = "/api/v1/gateway/kannel/dlr";
    private const string Mo = "/api/v1/gateway/kannel/mo";
    private static readonly Actor Admin = new("api-test-admin", "admin") { Roles = [PortalRoles.Admin] };

    private Task<string> TokenAsync() => factory.WithServicesAsync(async services =>
    {
        var store = services.GetRequiredService<GatewaySettingsStore>();
        return await store.IssueCallbackTokenAsync(Admin);
    });

    /// <summary>A message that left for the first demo customer: a draft campaign's run with one claimed, sent message.</summary>
    private Task<(long MessageId, string Phone, long CustomerId)> SentMessageAsync() => factory.WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<Infrastructure.Persistence.PortalDbContext>();
        var desk = services.GetRequiredService<CampaignDesk>();
        var choice = (await desk.ChoicesAsync())[0];
        var now = DateTimeOffset.UtcNow;
        var campaign = await desk.CreateAsync(new CampaignPlan
        {
            Name = "回执测试 " + Guid.NewGuid().ToString("N")[..6],
            Segments = [new CampaignSegmentPlan(choice.SegmentId, choice.Versions[0].VersionId)],
            Schedule = CampaignSchedule.Daily(new TimeOnly(18, 0)),
            Window = SendWindow.ContactHours,
            ThroughputPerSecond = 10,
            EndDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7),
        }, Admin);
        var run = new CampaignRun(campaign.Id, 1, now.AddSeconds(Random.Shared.Next(1, 1_000_000)), now.AddHours(1), now);
        db.CampaignRuns.Add(run);
        await db.SaveChangesAsync();
        var customer = await db.Customers.AsNoTracking().OrderBy(c => c.Id).FirstAsync();
        var message = OutboxMessage.Planned(MessageRecipient.For(run.Id, campaign.Id, choice.SegmentId, customer),
            new RenderedMessage(choice.Versions[0].VersionId, Variant.A, Tone.Standard, "【示例】您好", 1, DateOnly.FromDateTime(DateTime.UtcNow)),
            now, now);
        message.Claim(customer.Phone, now);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        await services.GetRequiredService<OutboxWrites>().SaveResultsAsync([new SendResult(message.Id, MessageStatus.Sent, "kannel:1")],
            CancellationToken.None);
        return (message.Id, customer.Phone, customer.Id);
    });

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var client = factory.CreateApiClient(key: null);
        return await client.GetAsync(path);
    }

    /// <summary>The reply the MO answer names in its X-Reply-Id header.</summary>
    private Task<InboundReply> ReplyOfAsync(HttpResponseMessage response)
    {
        var id = long.Parse(response.Headers.GetValues("X-Reply-Id").Single(), System.Globalization.CultureInfo.InvariantCulture);
        return factory.WithDatabaseAsync(db => db.InboundReplies.AsNoTracking().SingleAsync(r => r.Id == id));
    }

    private Task<MessageStatus> StatusAsync(long id) =>
        factory.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync());

    [Fact]
    public async Task A_delivery_report_marks_the_message_delivered_and_a_repeat_is_recognised()
    {
        var token = await TokenAsync();
        var (id, _, _) = await SentMessageAsync();

        using var first = await GetAsync($"{Dlr}?token={token}&id={id}&status=1&at=1796112588&answer=");
        using var again = await GetAsync($"{Dlr}?token={token}&id={id}&status=1&at=1796112588&answer=");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("applied", (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["outcome"]);
        Assert.Equal("duplicate", (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["outcome"]);
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(id));
    }

    [Fact]
    public async Task Submitted_after_delivered_is_answered_as_late_and_the_message_stays_delivered()
    {
        var token = await TokenAsync();
        var (id, _, _) = await SentMessageAsync();

        using var delivered = await GetAsync($"{Dlr}?token={token}&id={id}&status=1");
        using var submitted = await GetAsync($"{Dlr}?token={token}&id={id}&status=8&answer=ACK%2F");

        Assert.Equal("late", (string?)JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["outcome"]);
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(id));
    }

    [Fact]
    public async Task A_delivery_report_may_come_by_post_with_the_token_in_the_header()
    {
        var token = await TokenAsync();
        var (id, _, _) = await SentMessageAsync();
        using var client = factory.CreateApiClient(key: null);
        client.DefaultRequestHeaders.Add("X-Gateway-Token", token);

        using var response = await client.PostAsync(Dlr, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = "2",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MessageStatus.Failed, await StatusAsync(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&token=wrong")]
    [InlineData("&token=")]
    public async Task Callbacks_without_the_right_token_are_refused_and_change_nothing(string token)
    {
        await TokenAsync();
        var (id, phone, customerId) = await SentMessageAsync();

        using var dlr = await GetAsync($"{Dlr}?id={id}&status=1{token}");
        using var mo = await GetAsync($"{Mo}?from={Uri.EscapeDataString(phone)}&text=TD{token}");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (dlr.StatusCode, mo.StatusCode));
        Assert.Equal(MessageStatus.Sent, await StatusAsync(id));
        Assert.False(await factory.WithDatabaseAsync(db => db.InboundReplies.AnyAsync(r => r.CustomerId == customerId && r.Text == "TD")));
    }

    [Theory]
    [InlineData("status=1")]
    [InlineData("id=abc&status=1")]
    [InlineData("id=5&status=3")]
    [InlineData("id=5&status=%d")]
    [InlineData("id=5")]
    public async Task A_malformed_delivery_report_is_a_400_with_what_is_missing(string query)
    {
        var token = await TokenAsync();

        using var response = await GetAsync($"{Dlr}?token={token}&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("status", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_report_for_an_unknown_message_is_a_404()
    {
        var token = await TokenAsync();

        using var response = await GetAsync($"{Dlr}?token={token}&id=99999999&status=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_opt_out_reply_is_stored_without_a_body_and_opts_the_customer_out()
    {
        var token = await TokenAsync();
        var (_, phone, customerId) = await SentMessageAsync();
        var national = phone.Replace("+86", "", StringComparison.Ordinal);

        using var response = await GetAsync($"{Mo}?token={token}&from={national}&to=10690000&text=%E9%80%80%E8%AE%A2&charset=UTF-8&coding=0&id=mo-{Guid.NewGuid():N}&at=1796112590");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var reply = await ReplyOfAsync(response);
        Assert.Equal((customerId, "退订", ReplyCategory.OptOut, true), (reply.CustomerId, reply.Text, reply.Category, reply.OptedOut));
        Assert.NotNull(await factory.WithDatabaseAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.OptedOutAt).SingleAsync()));
    }

    [Fact]
    public async Task A_ucs2_reply_kannel_did_not_recode_is_read_in_its_charset()
    {
        var token = await TokenAsync();

        // 投诉 in UTF-16BE: 0x62 0x95 0x8B 0xC9.
        using var response = await GetAsync($"{Mo}?token={token}&from=%2B8613700001111&text=%62%95%8B%C9&charset=UTF-16BE&coding=2");

        var reply = await ReplyOfAsync(response);
        Assert.Equal(("投诉", ReplyCategory.Complaint, (long?)null), (reply.Text, reply.Category, reply.CustomerId));
    }

    [Fact]
    public async Task A_reply_kannel_sends_twice_is_stored_once()
    {
        var token = await TokenAsync();
        var id = "mo-" + Guid.NewGuid().ToString("N");

        using var first = await GetAsync($"{Mo}?token={token}&from=%2B8613700002222&text=hi&id={id}");
        using var second = await GetAsync($"{Mo}?token={token}&from=%2B8613700002222&text=hi&id={id}");

        Assert.Equal(first.Headers.GetValues("X-Reply-Id").Single(), second.Headers.GetValues("X-Reply-Id").Single());
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
    }

    [Fact]
    public async Task Two_different_replies_with_an_empty_kannel_id_are_both_stored()
    {
        var token = await TokenAsync();

        using var first = await GetAsync($"{Mo}?token={token}&from=%2B8613700004444&text=hi&id=");
        using var second = await GetAsync($"{Mo}?token={token}&from=%2B8613700004444&text=again&id=");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.NotEqual(first.Headers.GetValues("X-Reply-Id").Single(), second.Headers.GetValues("X-Reply-Id").Single());
    }

    [Theory]
    [InlineData("text=hi")]
    [InlineData("from=&text=hi")]
    [InlineData("from=13800138000")]
    public async Task A_reply_without_a_sender_or_a_text_is_a_400(string query)
    {
        var token = await TokenAsync();

        using var response = await GetAsync($"{Mo}?token={token}&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_huge_field_is_not_a_500()
    {
        var token = await TokenAsync();

        using var response = await GetAsync($"{Mo}?token={token}&from=%2B8613700003333&text={new string('x', 6000)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
