using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using OverdueSmsPortal.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>
/// Walks every endpoint the portal maps and knocks on it without signing in: only the routes on
/// the allow-list (and static files) may answer; everything else must refuse. A new endpoint is
/// covered the day it is mapped.
/// </summary>
public sealed class AnonymousAccessTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    /// <summary>The only routes that may be served to someone who has not signed in.</summary>
    private static readonly HashSet<string> AnonymousAllowList = new(StringComparer.OrdinalIgnoreCase)
    {
        "/health",
        "/account/login",
        "/account/access-denied",
        "/Error",
        "/not-found",
        "/culture/set",
        // The blank upload templates (headings and one made-up example row), as the static template files always were.
        "/import-templates/customers.csv",
        "/import-templates/repayments.csv",
        "/import-templates/complaints.csv",
    };

    /// <summary>
    /// Kannel's callbacks: it has no cookie or API key, so they let anonymous callers in and check the
    /// gateway's callback token themselves. Without the token they must still refuse (below).
    /// </summary>
    private static readonly HashSet<string> TokenGuarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "/api/v1/gateway/kannel/dlr",
        "/api/v1/gateway/kannel/mo",
    };

    [Fact]
    public void Every_endpoint_that_allows_anonymous_callers_is_on_the_allow_list_or_guarded_by_the_gateway_token()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(RouteOf)
            .ToList();
        foreach (var route in anonymous)
        {
            output.WriteLine($"anonymous: {route}");
        }

        Assert.NotEmpty(anonymous);
        Assert.All(anonymous, route => Assert.True(AnonymousAllowList.Contains(route) || TokenGuarded.Contains(route), route));
        Assert.Subset(anonymous.ToHashSet(StringComparer.OrdinalIgnoreCase), TokenGuarded);
    }

    [Fact]
    public async Task Every_other_endpoint_refuses_anonymous_requests()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var guarded = Endpoints()
            .Where(e => !(e.Metadata.GetMetadata<IAllowAnonymous>() is not null && AnonymousAllowList.Contains(RouteOf(e))))
            .ToList();
        var failures = new List<string>();

        foreach (var endpoint in guarded)
        {
            var url = ConcreteUrl(endpoint.RoutePattern);
            foreach (var method in MethodsOf(endpoint))
            {
                using var request = EndpointCatalog.Request(method, url);
                using var response = await client.SendAsync(request);
                var location = response.Headers.Location is { } l ? new Uri(client.BaseAddress!, l).AbsolutePath : "";
                output.WriteLine($"{method,-6} {url,-40} {(int)response.StatusCode} {location}  [{endpoint.RoutePattern.RawText}]");
                if (Refusal(endpoint, url, method, response.StatusCode, location) is { } failure)
                {
                    failures.Add($"{method} {url}: {failure}");
                }
            }
        }

        Assert.NotEmpty(guarded);
        Assert.True(failures.Count == 0, "Served to an anonymous caller:\n" + string.Join("\n", failures));
    }

    /// <summary>Why the answer is not the refusal this kind of endpoint owes an anonymous caller, or null.</summary>
    private static string? Refusal(RouteEndpoint endpoint, string url, string method, HttpStatusCode status, string location)
    {
        var code = (int)status;
        var toLogin = status == HttpStatusCode.Redirect && location.Equals("/account/login", StringComparison.OrdinalIgnoreCase);
        if (code is >= 200 and < 300)
        {
            return $"answered {code}";
        }
        if (url.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || url.StartsWith("/openapi/", StringComparison.OrdinalIgnoreCase))
        {
            return status == HttpStatusCode.Unauthorized ? null : $"expected 401, got {code}";
        }
        if (method != HttpMethods.Get && method != HttpMethods.Head)
        {
            // Form endpoints may be stopped by antiforgery before authorization is even asked.
            return toLogin || status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest
                ? null
                : $"expected 302 to the sign-in page, 400 or 401, got {code} {location}";
        }
        if (EndpointCatalog.IsPage(endpoint))
        {
            return toLogin ? null : $"expected a redirect to the sign-in page, got {code} {location}";
        }
        // Framework endpoints that are not pages (the Blazor hub) answer 401 instead of redirecting.
        return toLogin || status == HttpStatusCode.Unauthorized ? null : $"expected 302 to the sign-in page or 401, got {code} {location}";
    }

    private IReadOnlyList<RouteEndpoint> Endpoints() => EndpointCatalog.Endpoints(factory);

    private static string RouteOf(RouteEndpoint endpoint) => EndpointCatalog.RouteOf(endpoint);

    private static IReadOnlyList<string> MethodsOf(Endpoint endpoint) => EndpointCatalog.MethodsOf(endpoint);

    private static string ConcreteUrl(RoutePattern pattern) => EndpointCatalog.ConcreteUrl(pattern);
}
