using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OverdueSmsPortal.Tests.Shared;
using OverdueSmsPortal.Web.Tests.Hosting;
using static OverdueSmsPortal.Web.Tests.Api.ApiRequests;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>POST /api/v1/templates/render</c>: the text, its SMS size and the lint, as the lender's systems see them.</summary>
public sealed class TemplatesApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string RenderPath = "/api/v1/templates/render";

    private const string GoodBody =
        "【{{ lender.name }}】尊敬的{{ customer.name }}{{ customer.title }}，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" +
        "请通过 {{ lender.payment_link }} 还款，如有困难请致电{{ lender.hotline }}。如您已还款，请忽略本短信。谢谢！";

    private static JsonObject ARequest(string body = GoodBody, string stage = "overdue_8_15", string tone = "firm") => new()
    {
        ["body"] = body,
        ["stage"] = stage,
        ["tone"] = tone,
        ["customer"] = ACustomer("RENDER-1").With("dueDate", "2026-11-15"),
    };

    private async Task<(HttpStatusCode Status, JsonNode Json)> RenderAsync(JsonObject request, string? key = PortalFactory.BootstrapKey)
    {
        using var client = factory.CreateApiClient(key);
        var response = await client.PostAsync(RenderPath, new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    [Fact]
    public async Task A_good_text_renders_for_the_customer_with_its_size_and_no_findings()
    {
        var (status, json) = await RenderAsync(ARequest());

        Assert.Equal(HttpStatusCode.OK, status);
        var text = (string)json["text"]!;
        Assert.StartsWith("【示例消费金融】尊敬的王伟先生，您好！您的欠款¥1,234.50已逾期", text);
        Assert.Equal(text.Length, (int)json["characters"]!);
        Assert.Equal(2, (int)json["parts"]!);
        Assert.Equal("UCS2", (string)json["encoding"]!);
        Assert.Empty(json["findings"]!.AsArray());
    }

    [Fact]
    public async Task A_latin_text_is_gsm7()
    {
        var request = ARequest("Hello {{ customer.name }}");
        request["customer"] = ACustomer("RENDER-2").With("name", "Wang Wei");

        var (_, json) = await RenderAsync(request);

        Assert.Equal(("Hello Wang Wei", "GSM7", 14, 1), ((string)json["text"]!, (string)json["encoding"]!, (int)json["characters"]!, (int)json["parts"]!));
    }

    [Fact]
    public async Task Findings_carry_rule_severity_message_and_span_into_the_body()
    {
        var body = GoodBody + "否则通知您的家人";

        var (status, json) = await RenderAsync(ARequest(body));

        Assert.Equal(HttpStatusCode.OK, status);
        var finding = Assert.Single(json["findings"]!.AsArray())!;
        Assert.Equal(("third_party", "error"), ((string)finding["rule"]!, (string)finding["severity"]!));
        Assert.Contains("third party", (string)finding["message"]!);
        var span = finding["span"]!.AsArray().Select(n => (int)n!).ToArray();
        Assert.Equal("家人", body[span[0]..span[1]]);
    }

    [Fact]
    public async Task A_liquid_syntax_error_is_a_finding_not_a_500()
    {
        var body = "【{{ lender.name }}】\n应还{{ debt.amount_due \n谢谢";

        var (status, json) = await RenderAsync(ARequest(body));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("", (string)json["text"]!);
        var finding = json["findings"]!.AsArray().Single(f => (string)f!["rule"]! == "liquid_error")!;
        Assert.Equal("error", (string)finding["severity"]!);
        var span = finding["span"]!.AsArray().Select(n => (int)n!).ToArray();
        Assert.StartsWith("{{ debt.amount_due", body[span[0]..span[1]]);
    }

    [Theory]
    [MemberData(nameof(TemplateAttacks.All), MemberType = typeof(TemplateAttacks))]
    public async Task An_attacker_s_amplifying_template_is_a_400_problem_at_once_not_a_500(string attack)
    {
        using var client = factory.CreateApiClient();
        var clock = Stopwatch.StartNew();

        var response = await client.PostAsync(RenderPath,
            new StringContent(ARequest(TemplateAttacks.Bodies[attack]).ToJsonString(), Encoding.UTF8, "application/json"));

        var took = clock.Elapsed;
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The template is too complex or its output too long.", (string?)JsonNode.Parse(text)!["title"]);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(5), $"{attack} answered after {took}");
    }

    [Fact]
    public async Task Legal_wording_is_an_error_at_8_to_15_days_and_fine_at_16_plus()
    {
        var body = GoodBody + "如仍未还款，我司将通过法律途径解决。";

        var (_, early) = await RenderAsync(ARequest(body, "overdue_8_15", "firm"));
        var (_, late) = await RenderAsync(ARequest(body, "overdue_16_plus", "legal_notice"));

        Assert.Contains(early["findings"]!.AsArray(), f => (string)f!["rule"]! == "legal_wording_early");
        Assert.DoesNotContain(late["findings"]!.AsArray(), f => (string)f!["rule"]! == "legal_wording_early");
    }

    [Fact]
    public async Task A_credit_record_notice_is_an_error_before_the_due_date_with_its_english_message()
    {
        var body = GoodBody.Replace("已逾期{{ debt.days_overdue }}天", "将于{{ debt.due_date }}到期") + "逾期将影响您的信用记录。";

        var (_, dueSoon) = await RenderAsync(ARequest(body, "pre_due_7", "standard"));
        var (_, overdue) = await RenderAsync(ARequest(body, "overdue_1_3", "standard"));

        var finding = Assert.Single(dueSoon["findings"]!.AsArray(), f => (string)f!["rule"]! == "credit_notice_early")!;
        Assert.Contains("信用记录", (string)finding["message"]!);
        Assert.DoesNotContain(overdue["findings"]!.AsArray(), f => (string)f!["rule"]! == "credit_notice_early");
    }

    [Fact]
    public async Task The_legal_notice_tone_on_an_early_stage_is_a_finding()
    {
        var (_, json) = await RenderAsync(ARequest(tone: "legal_notice", stage: "overdue_1_3"));
        Assert.Contains(json["findings"]!.AsArray(), f => (string)f!["rule"]! == "tone_not_allowed");
    }

    [Fact]
    public async Task Missing_customer_fields_render_empty_and_are_listed()
    {
        var request = ARequest("{{ customer.name }}|{{ debt.minimum_due }}");
        request["customer"] = new JsonObject { ["name"] = "李娜" };

        var (status, json) = await RenderAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("李娜|", (string)json["text"]!);
        Assert.Equal(["debt.minimum_due"], json["missingValues"]!.AsArray().Select(v => (string)v!));
    }

    [Theory]
    [InlineData("{\"stage\":\"overdue_8_15\",\"tone\":\"firm\"}", "body is missing.")]
    [InlineData("{\"body\":\"x\",\"stage\":\"overdue_99\",\"tone\":\"firm\"}", "stage is missing or unknown.")]
    [InlineData("{\"body\":\"x\",\"stage\":\"overdue_8_15\",\"tone\":\"angry\"}", "tone is missing or unknown.")]
    [InlineData("{\"body\":\"x\",\"stage\":\"overdue_8_15\",\"tone\":\"firm\",\"customer\":{\"dueDate\":\"15/11/2026\"}}", "customer has invalid fields.")]
    [InlineData("[1,2]", "The request body must be a JSON object.")]
    [InlineData("not json", "The request body is not valid JSON.")]
    public async Task Bad_requests_are_400_problems_that_say_what_is_wrong(string request, string title)
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostAsync(RenderPath, new StringContent(request, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, (string?)(await response.ReadProblemAsync())["title"]);
    }

    [Fact]
    public async Task Without_an_api_key_the_endpoint_answers_401()
    {
        var (status, _) = await RenderAsync(ARequest(), key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
