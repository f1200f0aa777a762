using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OverdueSmsPortal.Web.Api;
using OverdueSmsPortal.Web.Security;
using OverdueSmsPortal.Web.Tests.Hosting;
using OverdueSmsPortal.Web.Tests.Security;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>
/// What every endpoint under <c>/api/</c> answers when the call is wrong, found from the portal's own
/// endpoint list so that a new endpoint is held to it the day it is mapped: no key or a wrong key is a
/// 401, a method it does not take a 405 with <c>Allow</c>, a body of another type a 415, a body over
/// 10 MB a 413, a path nobody mapped a 404. Each a problem document (RFC 9457); never a redirect to
/// the sign-in page, never a 5xx, never an exception's name or stack.
/// </summary>
public sealed class ApiContractTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private static readonly string[] Methods =
        [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options, HttpMethods.Head];

    private static readonly long MaxBody = new UploadOptions().MaxApiBodyBytes;

    /// <summary>Every API endpoint of the running portal with each method it takes.</summary>
    private IReadOnlyList<(RouteEndpoint Endpoint, string Url, string Method)> Operations() =>
        [.. EndpointCatalog.Endpoints(factory)
            .Where(e => EndpointCatalog.RouteOf(e).StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => EndpointCatalog.MethodsOf(e).Select(m => (e, EndpointCatalog.ConcreteUrl(e.RoutePattern), m)))];

    [Fact]
    public void The_portal_maps_api_endpoints_to_hold_to_the_contract()
    {
        Assert.True(Operations().Count >= 10, $"only {Operations().Count} API operations found");
    }

    [Fact]
    public async Task A_caller_without_a_key_gets_a_401_problem_from_every_endpoint()
    {
        using var client = factory.CreateApiClient(key: null);
        await ExpectEverywhereAsync(client, HttpStatusCode.Unauthorized, Acceptable);
    }

    [Fact]
    public async Task A_caller_with_a_wrong_key_gets_a_401_problem_from_every_endpoint()
    {
        using var client = factory.CreateApiClient("not-a-key-anyone-issued");
        // Kannel's callbacks take a token of their own instead of a key.
        client.DefaultRequestHeaders.Add("X-Gateway-Token", "not-a-token-anyone-issued");
        await ExpectEverywhereAsync(client, HttpStatusCode.Unauthorized, Acceptable);
    }

    [Fact]
    public async Task A_method_an_endpoint_does_not_take_is_a_405_problem_that_names_the_methods_it_takes()
    {
        using var client = factory.CreateApiClient();
        var failures = new List<string>();
        var calls = 0;
        foreach (var group in Operations().GroupBy(o => o.Url))
        {
            var allowed = group.Select(o => o.Method).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var method in Methods.Where(m => !allowed.Contains(m)))
            {
                using var request = Json(method, group.Key, "{}");
                using var response = await client.SendAsync(request);
                calls++;
                var failure = await ProblemFailureAsync(response, HttpStatusCode.MethodNotAllowed, method);
                var allow = response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var a) ? a : []).ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (failure is null && !allowed.SetEquals(allow.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries))))
                {
                    failure = $"Allow says [{string.Join(", ", allow)}], the endpoint takes [{string.Join(", ", allowed)}]";
                }
                output.WriteLine($"{method,-7} {group.Key,-40} {(int)response.StatusCode}");
                if (failure is not null)
                {
                    failures.Add($"{method} {group.Key}: {failure}");
                }
            }
        }
        Assert.True(calls > 0);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_body_of_another_content_type_is_a_415_problem_on_every_endpoint()
    {
        using var client = factory.CreateApiClient();
        await ExpectEverywhereAsync(client, HttpStatusCode.UnsupportedMediaType, (_, url, method) =>
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("[{\"a\": 1}]") };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            return request;
        });
    }

    [Fact]
    public async Task A_body_over_10_MB_is_a_413_problem_on_every_endpoint()
    {
        using var client = factory.CreateApiClient();
        var body = new byte[MaxBody + 1];
        Array.Fill(body, (byte)' ');
        await ExpectEverywhereAsync(client, HttpStatusCode.RequestEntityTooLarge, (endpoint, url, method) =>
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentTypeOf(endpoint));
            return request;
        });
    }

    [Fact]
    public async Task A_chunked_body_over_10_MB_is_a_413_problem_on_every_endpoint_that_reads_a_body()
    {
        using var client = factory.CreateApiClient();
        var body = new byte[MaxBody + 1];
        Array.Fill(body, (byte)' ');
        await ExpectEverywhereAsync(client, HttpStatusCode.RequestEntityTooLarge, ReadsABody, (endpoint, url, method) =>
        {
            // A stream states no length: only counting while reading can stop it.
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StreamContent(new MemoryStream(body)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentTypeOf(endpoint));
            request.Headers.TransferEncodingChunked = true;
            return request;
        });
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/")]
    [InlineData("/api/v1")]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/customers")]
    [InlineData("/api/v1/customers/1/extra")]
    [InlineData("/api/v1/campaigns/not-a-number/forecast")]
    [InlineData("/api/v1/customers.json")]
    [InlineData("/api/v1/%E5%AE%A2%E6%88%B7")]
    public async Task A_path_nobody_mapped_under_api_is_a_404_problem_with_or_without_a_key(string path)
    {
        foreach (var key in new[] { PortalFactory.BootstrapKey, null })
        {
            using var client = factory.CreateApiClient(key);
            foreach (var method in new[] { HttpMethods.Get, HttpMethods.Post })
            {
                using var response = await client.SendAsync(Json(method, path, "{}"));
                var failure = await ProblemFailureAsync(response, HttpStatusCode.NotFound, method);
                Assert.True(failure is null, $"{method} {path} ({(key is null ? "no key" : "key")}): {failure}");
            }
        }
    }

    /// <summary>Sends each operation's request and fails with every answer that is not the promised problem.</summary>
    private Task ExpectEverywhereAsync(HttpClient client, HttpStatusCode expected, Func<RouteEndpoint, string, string, HttpRequestMessage> build) =>
        ExpectEverywhereAsync(client, expected, (_, _) => true, build);

    private async Task ExpectEverywhereAsync(HttpClient client, HttpStatusCode expected, Func<RouteEndpoint, string, bool> which,
        Func<RouteEndpoint, string, string, HttpRequestMessage> build)
    {
        var failures = new List<string>();
        var operations = Operations().Where(o => which(o.Endpoint, o.Method)).ToList();
        foreach (var (endpoint, url, method) in operations)
        {
            using var request = build(endpoint, url, method);
            using var response = await client.SendAsync(request);
            output.WriteLine($"{method,-7} {url,-40} {(int)response.StatusCode}");
            if (await ProblemFailureAsync(response, expected, method) is { } failure)
            {
                failures.Add($"{method} {url}: {failure}");
            }
        }
        Assert.NotEmpty(operations);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Why the answer is not a problem document with <paramref name="expected"/>, or null.</summary>
    internal static async Task<string?> ProblemFailureAsync(HttpResponseMessage response, HttpStatusCode expected, string method)
    {
        var body = await response.Content.ReadAsStringAsync();
        var code = (int)response.StatusCode;
        if (body.Contains("Exception", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal))
        {
            return $"{code} names an exception or shows a stack: {Cut(body)}";
        }
        if (response.StatusCode != expected)
        {
            return $"expected {(int)expected}, got {code} {response.Headers.Location} {Cut(body)}";
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{code} is {response.Content.Headers.ContentType?.MediaType ?? "without a content type"}, not application/problem+json";
        }
        // A HEAD answer has the headers of the problem and no body.
        if (method != HttpMethods.Head && (!body.Contains("\"status\":" + code, StringComparison.Ordinal) || !body.Contains("\"title\":", StringComparison.Ordinal)))
        {
            return $"{code} is not a problem with its status and a title: {Cut(body)}";
        }
        return null;
    }

    private static string Cut(string body) => body.Length > 300 ? body[..300] + "…" : body;

    /// <summary>Whether the operation reads a request body: it says which types it takes, and the method carries one.</summary>
    private static bool ReadsABody(RouteEndpoint endpoint, string method) =>
        ApiContract.BodyTypes(endpoint).Count > 0 && method is not ("GET" or "HEAD" or "DELETE" or "OPTIONS");

    private static string ContentTypeOf(Endpoint endpoint) =>
        ApiContract.BodyTypes(endpoint) is [var first, ..] ? first : "application/json";

    /// <summary>A call the endpoint would take but for its credentials: an empty object or form of the type it reads.</summary>
    private static HttpRequestMessage Acceptable(RouteEndpoint endpoint, string url, string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is not ("GET" or "HEAD"))
        {
            var type = ContentTypeOf(endpoint);
            request.Content = new StringContent(type == "application/json" ? "{}" : "", System.Text.Encoding.UTF8, type);
        }
        return request;
    }

    private static HttpRequestMessage Json(string method, string url, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is not ("GET" or "HEAD" or "OPTIONS"))
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }
        return request;
    }
}
