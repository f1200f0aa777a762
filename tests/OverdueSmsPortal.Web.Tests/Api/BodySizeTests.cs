using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Web.Tests.Hosting;
using static OverdueSmsPortal.Web.Tests.Api.ApiRequests;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>An API body over <c>Portal:Uploads:MaxApiBodyBytes</c> (4 KB here) is a 413 problem, and nothing of it is stored.</summary>
public sealed class BodySizeTests(LimitedPortalFactory factory) : IClassFixture<LimitedPortalFactory>
{
    private static string Customers(string prefix, int count) =>
        new JsonArray([.. Enumerable.Range(1, count).Select(i => (JsonNode)ACustomer($"{prefix}-{i}"))]).ToJsonString();

    private Task<int> StoredAsync(string prefix) =>
        factory.WithDatabaseAsync(db => db.Customers.CountAsync(c => c.AccountRef.StartsWith(prefix)));

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_a_413_problem_and_nothing_is_stored()
    {
        using var client = factory.CreateApiClient(await IssueKeyAsync());
        var body = Customers("BIG", 40);
        Assert.True(Encoding.UTF8.GetByteCount(body) > LimitedPortalFactory.MaxApiBodyBytes);

        var response = await client.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("The request body is too large.", (string?)problem["title"]);
        Assert.Contains("at most 4 KB", (string?)problem["detail"]);
        Assert.Equal(0, await StoredAsync("BIG-"));
    }

    [Theory]
    [InlineData("/api/v1/replies/classify")]
    [InlineData("/api/v1/templates/render")]
    [InlineData("/api/v1/policy/timeline")]
    public async Task A_json_object_over_the_limit_is_refused_with_a_413_problem_before_it_is_read(string path)
    {
        using var client = factory.CreateApiClient(await IssueKeyAsync());
        // Sent in chunks, so that only counting while reading can stop it.
        var body = new JsonObject { ["text"] = new string('退', 3000), ["body"] = new string('退', 3000) }.ToJsonString();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The request body is too large.", (string?)(await response.ReadProblemAsync())["title"]);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_too()
    {
        using var client = factory.CreateApiClient(await IssueKeyAsync());
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Customers("CHUNKED", 40))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, CustomersPath) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await StoredAsync("CHUNKED-"));
    }

    [Fact]
    public async Task A_body_within_the_limit_is_taken()
    {
        using var client = factory.CreateApiClient(await IssueKeyAsync());

        var response = await client.PostRawAsync(Customers("SMALL", 2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await StoredAsync("SMALL-"));
    }

    // A key per test: the factory's API limit is 3 calls a minute per key.
    private Task<string> IssueKeyAsync() => factory.WithServicesAsync(async services =>
        (await services.GetRequiredService<ApiKeyService>().IssueAsync("body-size " + Guid.NewGuid().ToString("N")[..6], TestActors.Admin)).Secret);
}
