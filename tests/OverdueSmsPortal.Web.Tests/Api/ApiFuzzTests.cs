using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Tests.Shared;
using OverdueSmsPortal.Web.Api;
using OverdueSmsPortal.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>
/// Random and hostile payloads to every endpoint that takes a body under <c>/api</c>, on the real host
/// with an API key: wrong types, missing fields, nulls, huge strings and arrays, deep nesting, invalid
/// UTF-8, other content types, no body. Never a 5xx; every 4xx a problem document that says why; and
/// what is stored is exactly what the answer says (nothing when it refused). Seeded; <c>FUZZ_SEED</c>
/// replays another seed.
/// </summary>
public sealed class ApiFuzzTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private const string Customers = "/api/v1/customers";
    private const string Repayments = "/api/v1/repayments";
    private const string Complaints = "/api/v1/complaints";
    private const string Render = "/api/v1/templates/render";

    private static readonly string[] CustomerFields =
        ["accountRef", "name", "title", "phone", "customerType", "product", "region", "timeZone", "amountDue", "minimumDue", "dueDate", "dailyPenaltyRate", "paydayOfMonth"];

    [Fact]
    public async Task Random_customer_payloads_are_answered_and_stored_as_answered()
    {
        var fuzz = Fuzz.From(20261221);
        output.WriteLine($"seed {fuzz.Seed} (set {Fuzz.SeedVariable} to replay another)");
        using var client = factory.CreateApiClient();
        for (var i = 0; i < 150; i++)
        {
            var items = Items(fuzz, k => ApiRequests.ACustomer($"Z{fuzz.Seed}-{i}-{k}"), CustomerFields);
            var before = await CountAsync(db => db.Customers.CountAsync());
            var (status, answer) = await PostAsync(fuzz, i, client, Customers, items);
            var stored = await CountAsync(db => db.Customers.CountAsync()) - before;
            if (status == HttpStatusCode.OK)
            {
                // Every item has an account of its own, so each one accepted is a new customer.
                var accepted = answer!["accepted"]!.GetValue<int>();
                Assert.True(stored == accepted, $"{fuzz.Replay(i)}: {stored} stored, {accepted} accepted");
                Assert.True(accepted + answer["rejected"]!.AsArray().Count == ItemCount(items), $"{fuzz.Replay(i)}: items unaccounted for");
                Assert.All(answer["rejected"]!.AsArray(), r => Assert.NotEmpty(r!["errors"]!.AsArray()));
            }
            else
            {
                Assert.True(stored == 0, $"{fuzz.Replay(i)}: refused with {(int)status} but stored {stored}");
            }
        }
    }

    [Fact]
    public Task Random_repayment_payloads_are_answered_and_stored_as_answered() =>
        FuzzRecordsAsync(Fuzz.From(20261222), Repayments, skipCustomers: 0, (i, k, account) => new JsonObject
        {
            ["paymentId"] = $"ZP{i}-{k}", ["accountRef"] = account, ["amount"] = (k + 1) * 12.34m, ["paidAt"] = "2026-11-20T10:00:00+08:00",
        }, ["paymentId", "accountRef", "amount", "paidAt"], db => db.Repayments.CountAsync());

    [Fact]
    public Task Random_complaint_payloads_are_answered_and_stored_as_answered() =>
        FuzzRecordsAsync(Fuzz.From(20261223), Complaints, skipCustomers: 5, (i, k, account) => new JsonObject
        {
            ["complaintRef"] = $"ZC{i}-{k}", ["accountRef"] = account, ["category"] = k % 2 == 0 ? "tone" : "other",
            ["severity"] = k % 3 == 0 ? "medium" : "low", ["summary"] = "频率太高", ["hold"] = false,
        }, ["complaintRef", "accountRef", "category", "severity", "summary", "messageId", "source", "hold", "receivedAt"], db => db.Complaints.CountAsync());

    /// <summary>Posts 150 random arrays of records (repayments, complaints) about five demo customers and checks each answer against what was stored.</summary>
    private async Task FuzzRecordsAsync(Fuzz fuzz, string path, int skipCustomers, Func<int, int, string, JsonObject> valid,
        IReadOnlyList<string> fields, Func<Infrastructure.Persistence.PortalDbContext, Task<int>> count)
    {
        output.WriteLine($"seed {fuzz.Seed} (set {Fuzz.SeedVariable} to replay another)");
        using var client = factory.CreateApiClient();
        var accounts = await factory.WithDatabaseAsync(db =>
            db.Customers.OrderBy(c => c.Id).Select(c => c.AccountRef).Skip(skipCustomers).Take(5).ToListAsync());
        for (var i = 0; i < 150; i++)
        {
            var items = Items(fuzz, k => valid(i, k, fuzz.Pick(accounts)), fields);
            var before = await CountAsync(count);
            var (status, answer) = await PostAsync(fuzz, i, client, path, items);
            CheckRecorded(fuzz, i, status, answer, await CountAsync(count) - before, items);
        }
    }

    [Fact]
    public async Task Random_render_requests_are_answered_never_failed()
    {
        var fuzz = Fuzz.From(20261224);
        output.WriteLine($"seed {fuzz.Seed}");
        using var client = factory.CreateApiClient();
        string[] bodies =
        [
            "【{{ lender.name }}】{{ customer.name }}您好，您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，请致电{{ lender.hotline }}。",
            "{{ 1 | modulo: 0 }}", "{% for i in (1..100000000) %}x{% endfor %}", "{{ customer.name | no_such }}", "{% if %}",
        ];
        for (var i = 0; i < 300; i++)
        {
            var customer = ApiRequests.ACustomer("R1");
            var request = new JsonObject
            {
                ["body"] = fuzz.Chance(0.5) ? fuzz.Pick(bodies) : fuzz.Pick(bodies) + fuzz.Text(fuzz.Next(1, 30)),
                ["stage"] = fuzz.Pick(["overdue_4_7", "due_day", "overdue_16_plus"]),
                ["tone"] = fuzz.Pick(["standard", "gentle", "legal_notice"]),
                ["customer"] = customer,
            };
            Mutate(fuzz, fuzz.Chance(0.5) ? request : customer, fuzz.Chance(0.5) ? ["body", "stage", "tone", "customer"] : CustomerFields);
            await PostAsync(fuzz, i, client, Render, request);
        }
    }

    [Fact]
    public async Task Random_kannel_callbacks_are_answered_never_failed()
    {
        var fuzz = Fuzz.From(20261225);
        output.WriteLine($"seed {fuzz.Seed}");
        var token = await factory.WithServicesAsync(services =>
            services.GetRequiredService<GatewaySettingsStore>().IssueCallbackTokenAsync(new Actor("fuzz-admin", "admin") { Roles = [PortalRoles.Admin] }));
        using var client = factory.CreateApiClient(key: null);
        string[] names = ["id", "status", "at", "answer", "from", "to", "text", "charset", "coding", "token"];
        for (var i = 0; i < 100; i++)
        {
            var fields = new List<KeyValuePair<string, string>>();
            if (!fuzz.Chance(0.1))
            {
                fields.Add(new("token", token));
            }
            for (var k = 0; k < fuzz.Next(0, 8); k++)
            {
                var value = fuzz.Next(4) switch
                {
                    0 => fuzz.Next(-5, 100).ToString(CultureInfo.InvariantCulture),
                    1 => fuzz.Pick(["1", "2", "8", "16", "UTF-8", "GBK", "UTF-16BE", "2", "99999999999999999999", "%ZZ", "%ff%fe"]),
                    2 when fuzz.Chance(0.3) => new string(fuzz.Pick(['x', '王']), fuzz.Next(1_000, 20_000)),
                    _ => fuzz.Text(fuzz.Next(0, 10)),
                };
                fields.Add(new(fuzz.Pick(names), value));
            }
            var path = fuzz.Pick(["/api/v1/gateway/kannel/dlr", "/api/v1/gateway/kannel/mo"]);
            var query = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + (fuzz.Chance(0.1) ? f.Value : Uri.EscapeDataString(f.Value))));
            using var request = fuzz.Chance(0.5)
                ? new HttpRequestMessage(HttpMethod.Get, path + "?" + query)
                : new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(query, Encoding.UTF8, "application/x-www-form-urlencoded") };
            using var response = await client.SendAsync(request);
            await CheckAnswerAsync(fuzz, i, response, path);
        }
    }

    [Fact]
    public async Task Bodies_that_are_no_json_array_are_refused_with_a_problem_by_every_endpoint()
    {
        var fuzz = Fuzz.From(20261226);
        output.WriteLine($"seed {fuzz.Seed}");
        using var client = factory.CreateApiClient();
        var bodies = new List<(string What, byte[] Body, string? ContentType)>
        {
            ("empty", [], "application/json"),
            ("no content type", "[]"u8.ToArray(), null),
            ("text/plain", Encoding.UTF8.GetBytes("[{\"accountRef\": 1}]"), "text/plain"),
            ("form", Encoding.UTF8.GetBytes("accountRef=1&name=x"), "application/x-www-form-urlencoded"),
            ("xml", Encoding.UTF8.GetBytes("<customers><customer/></customers>"), "application/xml"),
            ("invalid utf-8", [(byte)'[', (byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}', (byte)']'], "application/json"),
            ("utf-16", Encoding.Unicode.GetBytes("[{\"accountRef\":\"x\"}]"), "application/json; charset=utf-16"),
            ("truncated", "[{\"accountRef\": \"A1\", \"name\": \"王"u8.ToArray(), "application/json"),
            ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)), "application/json"),
            ("deep objects", Encoding.UTF8.GetBytes("[" + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000) + "]"), "application/json"),
            ("100,001 items", Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{}", 100_001)) + "]"), "application/json"),
            ("random bytes", fuzz.Bytes(5000), "application/json"),
            ("a number", "1e400"u8.ToArray(), "application/json"),
            ("null", "null"u8.ToArray(), "application/json"),
            ("lone surrogate escape", "[{\"accountRef\":\"\\ud800\",\"name\":\"\\udc00\"}]"u8.ToArray(), "application/json"),
            ("bom", [0xEF, 0xBB, 0xBF, .. "[]"u8.ToArray()], "application/json"),
        };
        var caseNumber = 0;
        foreach (var path in new[] { Customers, Repayments, Complaints, Render })
        {
            foreach (var (what, body, contentType) in bodies)
            {
                var content = new ByteArrayContent(body);
                if (contentType is not null)
                {
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                }
                var before = await StoredAsync();
                using var response = await client.PostAsync(path, content);
                output.WriteLine($"{path} {what}: {(int)response.StatusCode}");
                await CheckAnswerAsync(fuzz, caseNumber++, response, $"{path} {what}");
                if (!response.IsSuccessStatusCode)
                {
                    Assert.Equal(before, await StoredAsync());
                }
            }
        }
    }

    [Theory]
    [InlineData(Customers, "[{\"accountRef\":\"A\",\"name\":\"\xC3\x28\"}]")]
    [InlineData(Customers, "[{\"accountRef\":\"\\ud800\"}]")]
    [InlineData(Customers, "[{\"\xFF\xFE\":1}]")]
    [InlineData(Repayments, "[{\"paymentId\":\"\\udc00\",\"amount\":1}]")]
    [InlineData(Complaints, "[{\"summary\":\"\xE4\xB8\"}]")]
    [InlineData(Render, "{\"body\":\"\\ud83d\",\"stage\":\"due_day\",\"tone\":\"standard\"}")]
    public async Task A_string_that_is_not_utf8_text_is_a_400_that_says_so(string path, string latin1Body)
    {
        // Found by seed 20261226 case 5: JsonElement.GetString threw InvalidOperationException, a 500.
        // The body is given as Latin-1 so that each char is one byte as sent: invalid UTF-8 on purpose.
        using var client = factory.CreateApiClient();
        var before = await StoredAsync();
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(latin1Body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The request body holds text that is not valid UTF-8.", (await response.ReadProblemAsync())["title"]!.GetValue<string>());
        Assert.Equal(before, await StoredAsync());
    }

    /// <summary>An array of items, each a valid one or one with a field missing, null, of the wrong type, huge or nested; or no array at all.</summary>
    private static JsonNode Items(Fuzz fuzz, Func<int, JsonObject> valid, IReadOnlyList<string> fields)
    {
        if (fuzz.Chance(0.05))
        {
            return RandomValue(fuzz, 3) ?? JsonValue.Create(0);
        }
        var items = new JsonArray();
        for (var k = 0; k < fuzz.Next(0, 12); k++)
        {
            if (fuzz.Chance(0.05))
            {
                items.Add(RandomValue(fuzz, 2));
                continue;
            }
            var item = valid(k);
            if (fuzz.Chance(0.6))
            {
                Mutate(fuzz, item, fields);
            }
            items.Add(item);
        }
        return items;
    }

    private static void Mutate(Fuzz fuzz, JsonObject item, IReadOnlyList<string> fields)
    {
        for (var m = 0; m < fuzz.Next(1, 4); m++)
        {
            var field = fuzz.Chance(0.1) ? fuzz.Text(2) : fuzz.Pick(fields);
            if (fuzz.Chance(0.2))
            {
                item.Remove(field);
            }
            else
            {
                item[field] = RandomValue(fuzz, fuzz.Next(0, 3));
            }
        }
    }

    private static JsonNode? RandomValue(Fuzz fuzz, int depth) => fuzz.Next(depth > 0 ? 10 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(fuzz.Chance(0.5)),
        2 => JsonNode.Parse(fuzz.Pick(["0", "-1", "1e400", "-1e-400", "79228162514264337593543950336", "0.000000000000000000001", "12.345", "1.5"])),
        3 => JsonValue.Create(fuzz.Text(fuzz.Next(0, 10))),
        4 => JsonValue.Create(Huge(fuzz)),
        5 => JsonValue.Create(fuzz.Pick(["", " ", "2026-02-30", "13812345678", "mr", "credit_card", "tone", "high", "true", "NaN"])),
        6 => JsonValue.Create(fuzz.Next(int.MinValue, int.MaxValue)),
        7 => new JsonArray([.. Enumerable.Range(0, fuzz.Next(0, 4)).Select(_ => RandomValue(fuzz, depth - 1))]),
        _ => new JsonObject(Enumerable.Range(0, fuzz.Next(0, 4)).Select(_ => KeyValuePair.Create(fuzz.Text(2), RandomValue(fuzz, depth - 1)))
            .DistinctBy(p => p.Key)),
    };

    private static string Huge(Fuzz fuzz) => new(fuzz.Pick(['x', '王', '9']), fuzz.Chance(0.05) ? 1024 * 1024 : fuzz.Next(1_000, 100_000));

    private static async Task<(HttpStatusCode Status, JsonNode? Answer)> PostAsync(Fuzz fuzz, int caseNumber, HttpClient client, string path, JsonNode? body)
    {
        // Lone surrogates are written as \ud800 escapes, as a careless client would.
        var json = body?.ToJsonString() ?? "null";
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var answer = await CheckAnswerAsync(fuzz, caseNumber, response, path + " " + (json.Length > 400 ? json[..400] + "…" : json));
        return (response.StatusCode, answer);
    }

    /// <summary>Never a 5xx; a 4xx is a problem document with a title and a detail or errors. Returns the JSON answer of a success.</summary>
    private static async Task<JsonNode?> CheckAnswerAsync(Fuzz fuzz, int caseNumber, HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{fuzz.Replay(caseNumber)}: {(int)response.StatusCode} for {what}\n{text}");
        if ((int)response.StatusCode >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{fuzz.Replay(caseNumber)}: {(int)response.StatusCode} without a problem document for {what}: {text}");
            var problem = JsonNode.Parse(text)!;
            Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), $"{fuzz.Replay(caseNumber)}: a problem without a title");
            Assert.True(!string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()) || problem["errors"] is not null,
                $"{fuzz.Replay(caseNumber)}: a problem that does not say why: {text}");
            return null;
        }
        return response.StatusCode == HttpStatusCode.OK && text.Length > 0 ? JsonNode.Parse(text) : null;
    }

    private static void CheckRecorded(Fuzz fuzz, int caseNumber, HttpStatusCode status, JsonNode? answer, int stored, JsonNode items)
    {
        if (status == HttpStatusCode.OK)
        {
            var accepted = answer!["accepted"]!.GetValue<int>();
            Assert.True(stored == accepted, $"{fuzz.Replay(caseNumber)}: {stored} stored, {accepted} accepted");
            Assert.True(accepted + answer["alreadyRecorded"]!.AsArray().Count + answer["rejected"]!.AsArray().Count == ItemCount(items),
                $"{fuzz.Replay(caseNumber)}: items unaccounted for: {answer.ToJsonString()}");
            Assert.All(answer["rejected"]!.AsArray(), r => Assert.NotEmpty(r!["errors"]!.AsArray()));
        }
        else
        {
            Assert.True(stored == 0, $"{fuzz.Replay(caseNumber)}: refused with {(int)status} but stored {stored}");
        }
    }

    private static int ItemCount(JsonNode items) => items is JsonArray array ? array.Count : -1;

    private Task<int> CountAsync(Func<Infrastructure.Persistence.PortalDbContext, Task<int>> count) => factory.WithDatabaseAsync(count);

    private Task<(int, int, int)> StoredAsync() => factory.WithDatabaseAsync(async db =>
        (await db.Customers.CountAsync(), await db.Repayments.CountAsync(), await db.Complaints.CountAsync()));
}
