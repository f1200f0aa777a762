using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>POST /api/v1/complaints</c> on the real portal: idempotent on complaintRef, per-complaint errors, the repayments API's shape.</summary>
public sealed class ComplaintsApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Path = "/api/v1/complaints";

    private async Task<(HttpStatusCode Status, JsonNode? Json, string? MediaType)> PostAsync(string body, string? key = PortalFactory.BootstrapKey)
    {
        using var client = factory.CreateApiClient(key);
        using var response = await client.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }

    private Task<string> AnAccountAsync(int skip) => factory.WithDatabaseAsync(db =>
        db.Customers.AsNoTracking().OrderBy(c => c.Id).Skip(skip).Select(c => c.AccountRef).FirstAsync());

    private static string Complaint(string complaintRef, string accountRef, string severity = "high", string extra = "") =>
        $$"""{"complaintRef": "{{complaintRef}}", "accountRef": "{{accountRef}}", "category": "tone", "severity": "{{severity}}", "summary": "客户来电投诉语气", "source": "hotline"{{extra}}}""";

    [Fact]
    public async Task A_complaint_is_accepted_holds_the_customer_and_the_same_call_again_changes_nothing_and_says_so()
    {
        var accountRef = await AnAccountAsync(3);
        var complaintRef = "CMP-" + Guid.NewGuid().ToString("N");
        var body = $"[{Complaint(complaintRef, accountRef)}]";

        var (status, first, _) = await PostAsync(body);
        var (_, again, _) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)first!["accepted"]!);
        Assert.Empty(first["rejected"]!.AsArray());
        Assert.Equal(0, (int)again!["accepted"]!);
        Assert.Equal(complaintRef, (string?)again["alreadyRecorded"]![0]!["complaintRef"]);
        var stored = await factory.WithDatabaseAsync(db => db.Complaints.AsNoTracking().Where(c => c.ComplaintRef == complaintRef).ToListAsync());
        var complaint = Assert.Single(stored);
        Assert.Equal((long)again["alreadyRecorded"]![0]!["complaintId"]!, complaint.Id);
        Assert.Equal((ComplaintSource.Hotline, ComplaintSeverity.High, true), (complaint.Source, complaint.Severity, complaint.HoldsCustomer));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+09:00")]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("9999-12-31T23:59:59-09:00")]
    [InlineData("1999-12-31T23:59:59+08:00")]
    public async Task A_complaint_time_out_of_range_is_rejected_with_a_reason_and_never_a_500(string receivedAt)
    {
        var accountRef = await AnAccountAsync(3);

        var (status, json, _) = await PostAsync($"[{Complaint("C-" + Guid.NewGuid().ToString("N")[..12], accountRef, extra: $", \"receivedAt\": \"{receivedAt}\"")}]");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, (int)json!["accepted"]!);
        Assert.Contains("receivedAt", json["rejected"]![0]!["errors"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_bad_complaint_is_rejected_with_its_index_and_reasons_and_the_good_one_is_kept()
    {
        var accountRef = await AnAccountAsync(4);
        var body = "[" + string.Join(",",
            Complaint("CMP-" + Guid.NewGuid().ToString("N"), accountRef, "low", """, "hold": false, "receivedAt": "2026-11-20T09:00:00+08:00" """),
            Complaint("X1", "NO-SUCH-ACCOUNT"),
            """{"accountRef": "A", "category": "rude", "severity": "low", "summary": "x", "hold": "maybe"}""",
            """{"accountRef": {"nested": true}, "category": "tone", "severity": "low", "summary": "x"}""",
            $$"""{"accountRef": "{{accountRef}}", "category": "tone", "severity": "low", "summary": "x", "messageId": 987654321}""",
            "42") + "]";

        var (status, json, _) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)json!["accepted"]!);
        var rejected = json["rejected"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5], rejected.Select(r => (int)r!["index"]!));
        Assert.Equal("No customer has accountRef NO-SUCH-ACCOUNT.", rejected[0]!["errors"]![0]!.ToString());
        Assert.Equal(["category is one of frequency, tone, wrong_person, privacy, other.", "hold is true or false."],
            rejected[1]!["errors"]!.AsArray().Select(e => e!.ToString()));
        Assert.Equal(["accountRef must be a string, number or boolean."], rejected[2]!["errors"]!.AsArray().Select(e => e!.ToString()));
        Assert.Equal("No message has messageId 987654321.", rejected[3]!["errors"]![0]!.ToString());
        Assert.Equal(["Each complaint must be a JSON object."], rejected[4]!["errors"]!.AsArray().Select(e => e!.ToString()));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("[{\"accountRef\": ")]
    public async Task A_body_that_is_no_json_array_is_a_400_problem(string body)
    {
        var (status, json, mediaType) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(400, (int)json!["status"]!);
    }

    [Fact]
    public async Task Without_a_key_the_call_is_refused()
    {
        var (status, _, _) = await PostAsync("[]", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task With_a_wrong_key_the_call_is_refused()
    {
        var (status, _, _) = await PostAsync("[]", key: "not-a-key-of-this-portal");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
