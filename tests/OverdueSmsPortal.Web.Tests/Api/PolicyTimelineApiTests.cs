using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>POST /api/v1/policy/timeline</c> on the real portal: one customer's cadence under the saved send policy.</summary>
public sealed class PolicyTimelineApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Path = "/api/v1/policy/timeline";
    private static readonly string[] AllStages = ["pre_due_7", "due_day", "overdue_1_3", "overdue_4_7", "overdue_8_15", "overdue_16_plus"];

    private static JsonObject Request(string dueDate = "2026-12-10", string start = "2026-12-01", int days = 60, params string[] stages) => new()
    {
        ["dueDate"] = dueDate,
        ["start"] = start,
        ["days"] = days,
        ["stages"] = new JsonArray([.. (stages.Length == 0 ? AllStages : stages).Select(s => JsonValue.Create(s))]),
    };

    private async Task<(HttpStatusCode Status, JsonNode? Json)> PostAsync(string body, string? key = PortalFactory.BootstrapKey)
    {
        using var client = factory.CreateApiClient(key);
        var response = await client.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task A_silent_customer_gets_the_reminders_then_the_overdue_ladder_and_goes_on_the_phone_list()
    {
        var (status, json) = await PostAsync(Request().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var messages = json!["messages"]!.AsArray().Select(m => ((string)m!["date"]!, (string)m["stage"]!)).ToList();
        // Defaults: reminders once each, then overdue messages 7 days apart, 3 in any 30 days.
        Assert.Equal(
        [
            ("2026-12-03", "pre_due_7"), ("2026-12-10", "due_day"), ("2026-12-17", "overdue_4_7"), ("2026-12-24", "overdue_8_15"),
            ("2026-12-31", "overdue_16_plus"), ("2027-01-16", "overdue_16_plus"), ("2027-01-23", "overdue_16_plus"),
        ], messages);
        // Three overdue messages unanswered: on the list at the next firing after the third.
        Assert.Equal("2027-01-01", (string?)json["escalatedOn"]);
    }

    [Fact]
    public async Task The_answer_is_what_the_shared_timeline_gives_under_the_saved_policy()
    {
        var stricter = PolicySettings.Default with { MaxMessages = 2, MinIntervalDays = 10, RemindersShareCap = true };
        await factory.WithServicesAsync(s => s.GetRequiredService<SendPolicyStore>().SaveAsync(stricter,
            new Actor("policy-admin", "admin") { Roles = [PortalRoles.Admin] }));
        try
        {
            var scenario = new TimelineScenario(new DateOnly(2027, 2, 3), new DateOnly(2027, 1, 20), 90, ["overdue_1_3", "overdue_8_15", "overdue_16_plus"]);
            var expected = await factory.WithServicesAsync(s => s.GetRequiredService<PolicyTimelines>().SimulateAsync(scenario));

            var (status, json) = await PostAsync(Request("2027-02-03", "2027-01-20", 90, "overdue_1_3", "overdue_8_15", "overdue_16_plus").ToJsonString());

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(expected.Messages.Select(d => (d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Stage)),
                json!["messages"]!.AsArray().Select(m => ((string)m!["date"]!, (string?)m["stage"])));
            Assert.Equal(expected.EscalatedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)json["escalatedOn"]);
            Assert.All(json["messages"]!.AsArray(), m => Assert.NotEqual("pre_due_7", (string)m!["stage"]!));
        }
        finally
        {
            await factory.WithServicesAsync(s => s.GetRequiredService<SendPolicyStore>().SaveAsync(PolicySettings.Default,
                new Actor("policy-admin", "admin") { Roles = [PortalRoles.Admin] }));
        }
    }

    [Fact]
    public async Task A_customer_who_is_never_in_a_covered_stage_gets_nothing_and_is_never_escalated()
    {
        var (status, json) = await PostAsync(Request("2026-12-10", "2026-12-01", 5, "overdue_16_plus").ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(json!["messages"]!.AsArray());
        Assert.Null((string?)json["escalatedOn"]);
        Assert.True(json.AsObject().ContainsKey("escalatedOn"), "escalatedOn is always present, null when never");
    }

    [Fact]
    public async Task Without_a_key_the_call_is_refused_without_a_redirect()
    {
        var (status, _) = await PostAsync(Request().ToJsonString(), key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var (wrong, _) = await PostAsync(Request().ToJsonString(), key: "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "", "not valid JSON" },
        { "{", "not valid JSON" },
        { "[]", "must be a JSON object" },
        { "null", "must be a JSON object" },
        { "\"2026-12-10\"", "must be a JSON object" },
        { "{}", "dueDate is required" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":60}""", "stages is required" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":60,"stages":[]}""", "stages is required" },
        { """{"dueDate":"10/12/2026","start":"2026-12-01","days":60,"stages":["due_day"]}""", "dueDate is required" },
        { """{"dueDate":"2026-02-30","start":"2026-12-01","days":60,"stages":["due_day"]}""", "dueDate is required" },
        { """{"dueDate":"２０２６-１２-１０","start":"2026-12-01","days":60,"stages":["due_day"]}""", "dueDate is required" },
        { """{"dueDate":20261210,"start":"2026-12-01","days":60,"stages":["due_day"]}""", "dueDate must be a date" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":0,"stages":["due_day"]}""", "days is required" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":-5,"stages":["due_day"]}""", "days is required" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":367,"stages":["due_day"]}""", "days is required" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":2147483648,"stages":["due_day"]}""", "days must be a whole number" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":1.5,"stages":["due_day"]}""", "days must be a whole number" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":"60","stages":["due_day"]}""", "days must be a whole number" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":60,"stages":"due_day"}""", "stages must be an array" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":60,"stages":["逾期16天以上"]}""", "is unknown" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":60,"stages":[null]}""", "is unknown" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":60,"stages":[1]}""", "is unknown" },
        { """{"dueDate":"2026-12-10","start":"2026-12-01","days":60,"stages":["DUE_DAY"]}""", "is unknown" },
        { """{"dueDate":"9999-12-31","start":"9999-12-01","days":366,"stages":["due_day"]}""", "must lie between" },
        { """{"dueDate":"0001-01-01","start":"0001-01-01","days":366,"stages":["due_day"]}""", "must lie between" },
        { """{"dueDate":"2199-12-31","start":"2000-01-01","days":366,"stages":["due_day"]}""", "within 3650 days" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_malformed_or_absurd_request_is_a_400_that_says_what_is_wrong(string body, string says)
    {
        var (status, json) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(says, (string?)json!["title"] + " " + (string?)json["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_stages_and_repeated_stages_are_handled_without_a_fault()
    {
        var many = Request(stages: [.. Enumerable.Repeat("due_day", 51)]);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(many.ToJsonString())).Status);

        var repeated = Request(stages: ["due_day", "due_day", "pre_due_7", "pre_due_7"]);
        var (status, json) = await PostAsync(repeated.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["pre_due_7", "due_day"], json!["messages"]!.AsArray().Select(m => (string)m!["stage"]!));
    }

    [Fact]
    public async Task A_whole_year_at_the_far_end_of_the_range_answers()
    {
        var (status, json) = await PostAsync(Request("2199-12-31", "2199-01-01", 366).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(json!["messages"]!.AsArray());
    }
}
