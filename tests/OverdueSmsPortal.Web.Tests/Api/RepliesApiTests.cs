using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Web.Tests.Hosting;
using static OverdueSmsPortal.Web.Tests.Api.ApiRequests;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>POST /api/v1/replies/classify</c>: how the live rules read a text; nothing is stored.</summary>
public sealed class RepliesApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ClassifyPath = "/api/v1/replies/classify";

    private async Task<HttpResponseMessage> PostAsync(string body, string? key = PortalFactory.BootstrapKey)
    {
        using var client = factory.CreateApiClient(key);
        return await client.PostAsync(ClassifyPath, new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private static string Text(string text) => new JsonObject { ["text"] = text }.ToJsonString();

    [Theory]
    [InlineData("明天还", "promise_to_pay", false)]
    [InlineData("我不会还的", "other", false)]
    [InlineData("已还315元", "already_paid", false)]
    [InlineData("我要打315投诉", "complaint", false)]
    [InlineData("不是本人", "wrong_number", false)]
    [InlineData("投诉！马上退订", "complaint", true)]
    [InlineData("ＴＤ", "opt_out", true)]
    [InlineData("", "other", false)]
    public async Task A_text_is_answered_with_its_category_and_whether_it_opts_out(string text, string category, bool optOut)
    {
        var response = await PostAsync(Text(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal((category, optOut), ((string)json["category"]!, (bool)json["optOut"]!));
    }

    [Fact]
    public async Task Classifying_stores_nothing()
    {
        await PostAsync(Text("退订"));

        Assert.Equal(0, await factory.WithDatabaseAsync(db => db.InboundReplies.CountAsync()));
    }

    [Fact]
    public async Task A_text_at_the_limit_is_classified()
    {
        var response = await PostAsync(Text("退订" + new string('啊', 998)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_text_over_1000_characters_is_a_400_that_says_so()
    {
        var response = await PostAsync(Text(new string('还', 1001)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1000 characters", (string?)(await response.ReadProblemAsync())["title"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"text\":null}")]
    [InlineData("{\"text\":42}")]
    [InlineData("{\"text\":[\"退订\"]}")]
    [InlineData("{\"text\":{\"a\":1}}")]
    [InlineData("[{\"text\":\"退订\"}]")]
    [InlineData("\"退订\"")]
    [InlineData("null")]
    [InlineData("{\"text\":\"退订\"")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"text\":\"\\ud800\"}")]
    public async Task A_missing_or_malformed_text_is_a_400_problem(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Theory]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("🙂🙂🙂 退订 🙂")]
    [InlineData("‮退订")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("'; DROP TABLE ReplyRules; --")]
    [InlineData("￥315.00元")]
    public async Task Odd_texts_are_classified_not_refused(string text)
    {
        var response = await PostAsync(Text(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_repeated_text_key_is_never_a_server_error()
    {
        var response = await PostAsync("{\"text\":\"明天还\",\"text\":\"退订\"}");

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Without_a_key_the_call_is_refused()
    {
        var response = await PostAsync(Text("退订"), key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_a_wrong_key_the_call_is_refused()
    {
        var response = await PostAsync(Text("退订"), key: "not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoint()
    {
        using var client = factory.CreateApiClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.Contains(document["paths"]!.AsObject(), path => path.Key == ClassifyPath);
    }
}
