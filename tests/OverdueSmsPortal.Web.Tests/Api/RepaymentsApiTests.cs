using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>POST /api/v1/repayments</c> on the real portal: idempotent on paymentId, per-row errors, the customers API's shape.</summary>
public sealed class RepaymentsApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Path = "/api/v1/repayments";

    private async Task<(HttpStatusCode Status, JsonNode? Json)> PostAsync(string body, string? key = PortalFactory.BootstrapKey)
    {
        using var client = factory.CreateApiClient(key);
        using var response = await client.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private Task<(string AccountRef, decimal AmountDue)> ACustomerAsync(int skip) => factory.WithDatabaseAsync(async db =>
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.AmountDue > 100).OrderBy(c => c.Id).Skip(skip).FirstAsync();
        return (customer.AccountRef, customer.AmountDue);
    });

    private static string Payment(string paymentId, string accountRef, string amount = "100.50", string? paidAt = null) =>
        $$"""{"paymentId": "{{paymentId}}", "accountRef": "{{accountRef}}", "amount": {{amount}}, "paidAt": "{{paidAt ?? DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O")}}"}""";

    [Fact]
    public async Task A_payment_is_accepted_lowers_what_is_owed_and_the_same_call_again_changes_nothing_and_says_so()
    {
        var (accountRef, owed) = await ACustomerAsync(0);
        var paymentId = "PAY-" + Guid.NewGuid().ToString("N");
        var body = $"[{Payment(paymentId, accountRef)}]";

        var (status, first) = await PostAsync(body);
        var (_, again) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)first!["accepted"]!);
        Assert.Empty(first["rejected"]!.AsArray());
        Assert.Equal(0, (int)again!["accepted"]!);
        Assert.Equal(paymentId, (string?)again["alreadyRecorded"]![0]!["paymentId"]);
        var now = await factory.WithDatabaseAsync(db => db.Customers.Where(c => c.AccountRef == accountRef).Select(c => c.AmountDue).SingleAsync());
        Assert.Equal(owed - 100.50m, now);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+09:00")]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("9999-12-31T23:59:59-09:00")]
    [InlineData("1999-12-31T23:59:59+08:00")]
    [InlineData("2026-11-30T10:00:00+15:00")]
    public async Task A_payment_time_out_of_range_is_rejected_with_a_reason_and_never_a_500(string paidAt)
    {
        var (accountRef, _) = await ACustomerAsync(2);

        var (status, json) = await PostAsync($"[{Payment("PAY-" + Guid.NewGuid().ToString("N"), accountRef, paidAt: paidAt)}]");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, (int)json!["accepted"]!);
        Assert.Contains("paidAt", json["rejected"]![0]!["errors"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_bad_payment_is_rejected_with_its_index_and_reasons_and_the_good_one_is_kept()
    {
        var (accountRef, _) = await ACustomerAsync(1);
        var body = "[" + string.Join(",",
            Payment("PAY-" + Guid.NewGuid().ToString("N"), accountRef),
            """{"paymentId": "X1", "accountRef": "NO-SUCH-ACCOUNT", "amount": 10, "paidAt": "2026-11-30T10:00:00+08:00"}""",
            """{"paymentId": "X2", "accountRef": "A", "amount": "ten", "paidAt": "yesterday"}""",
            """{"paymentId": {"nested": true}, "accountRef": "A", "amount": 10, "paidAt": "2026-11-30T10:00:00"}""",
            "42") + "]";

        var (status, json) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)json!["accepted"]!);
        var rejected = json["rejected"]!.AsArray();
        Assert.Equal([1, 2, 3, 4], rejected.Select(r => (int)r!["index"]!));
        Assert.Contains("NO-SUCH-ACCOUNT", rejected[0]!["errors"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(["amount must be a number, e.g. 1234.50.", "paidAt must be an ISO 8601 time, e.g. 2026-11-30T10:15:00+08:00."],
            rejected[1]!["errors"]!.AsArray().Select(e => e!.ToString()));
        Assert.Equal("paymentId must be a string.", rejected[2]!["errors"]![0]!.ToString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task A_body_that_is_no_json_array_is_a_400(string body)
    {
        var (status, _) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Without_a_key_the_call_is_refused()
    {
        var (status, _) = await PostAsync("[]", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
