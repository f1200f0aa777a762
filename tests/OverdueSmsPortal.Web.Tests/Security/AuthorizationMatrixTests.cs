using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Account;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>
/// Who may reach every endpoint and page of the running portal, kept as one table: each role signs
/// in for real and knocks on every route the app maps. A route without a row fails, so a new
/// endpoint or page is decided the day it is added; a row whose answer differs fails too.
/// </summary>
public sealed class AuthorizationMatrixTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    /// <summary>
    /// Y: served. -: refused. T: Kannel's callbacks, open to anyone but refused (401) without the gateway token.
    /// Columns: the four roles signed in with a cookie, a caller with no credentials, and a caller
    /// presenting a valid X-Api-Key (the lender's systems).
    /// </summary>
    private const string Matrix = """
        route                                      Admin Author Approver Viewer Anonymous ApiKey
        /                                          Y     Y      Y        Y      -         -
        /dashboard                                 Y     Y      Y        Y      -         -
        /dashboard/ab                              Y     Y      Y        Y      -         -
        /dashboard/messages                        Y     Y      Y        Y      -         -
        /dashboard/export/{table}                  Y     Y      Y        Y      -         -
        /customers                                 Y     Y      Y        Y      -         -
        /customers/{Id:long}                       Y     Y      Y        Y      -         -
        /customers/contact-check                   Y     Y      Y        Y      -         -
        /customers/import                          Y     -      -        -      -         -
        /import-templates/customers.csv            Y     Y      Y        Y      Y         Y
        /import-templates/repayments.csv           Y     Y      Y        Y      Y         Y
        /import-templates/complaints.csv           Y     Y      Y        Y      Y         Y
        /repayments/upload                         Y     -      -        -      -         -
        /segments                                  Y     Y      Y        Y      -         -
        /segments/new                              Y     Y      Y        Y      -         -
        /segments/{Id:long}                        Y     Y      Y        Y      -         -
        /segments/stages                           Y     -      -        -      -         -
        /templates                                 Y     Y      Y        Y      -         -
        /templates/{SegmentId:long}/{ToneCode}     Y     Y      Y        -      -         -
        /campaigns                                 Y     Y      Y        Y      -         -
        /campaigns/new                             Y     Y      -        -      -         -
        /campaigns/{Id:long}                       Y     Y      Y        Y      -         -
        /campaigns/{Id:long}/edit                  Y     Y      -        -      -         -
        /campaigns/runs/{RunId:long}               Y     Y      Y        Y      -         -
        /campaigns/escalations                     Y     Y      Y        Y      -         -
        /campaigns/in-doubt                        Y     Y      Y        Y      -         -
        /replies                                   Y     Y      Y        Y      -         -
        /replies/customers/{CustomerId:long}       Y     Y      Y        Y      -         -
        /complaints                                Y     Y      Y        Y      -         -
        /users                                     Y     -      -        -      -         -
        /audit                                     Y     -      -        -      -         -
        /audit/export                              Y     -      -        -      -         -
        /settings                                  Y     -      -        -      -         -
        /settings/gateway                          Y     -      -        -      -         -
        /settings/lint                             Y     -      -        -      -         -
        /settings/outcomes                         Y     -      -        -      -         -
        /settings/policy                           Y     -      -        -      -         -
        /settings/replies                          Y     -      -        -      -         -
        /account/login                             Y     Y      Y        Y      Y         Y
        /account/access-denied                     Y     Y      Y        Y      -         -
        /account/logout                            Y     Y      Y        Y      -         -
        /account/password                          Y     Y      Y        Y      -         -
        /culture/set                               Y     Y      Y        Y      Y         Y
        /health                                    Y     Y      Y        Y      Y         Y
        /Error                                     Y     Y      Y        Y      Y         Y
        /not-found                                 Y     Y      Y        Y      Y         Y
        /_blazor                                   Y     Y      Y        Y      -         -
        /_blazor/negotiate                         Y     Y      Y        Y      -         -
        /_blazor/disconnect                        Y     Y      Y        Y      -         -
        /_blazor/initializers                      Y     Y      Y        Y      -         -
        /_framework/opaque-redirect                Y     Y      Y        Y      -         -
        /{**path:file}                             Y     Y      Y        Y      -         -
        /api/v1/customers                          -     -      -        -      -         Y
        /api/v1/repayments                         -     -      -        -      -         Y
        /api/v1/complaints                         -     -      -        -      -         Y
        /api/v1/replies/classify                   -     -      -        -      -         Y
        /api/v1/policy/timeline                    -     -      -        -      -         Y
        /api/v1/templates/render                   -     -      -        -      -         Y
        /api/v1/campaigns/{id:long}/forecast       -     -      -        -      -         Y
        /openapi/{documentName}.json               -     -      -        -      -         Y
        /api/v1/gateway/kannel/dlr                 T     T      T        T      T         T
        /api/v1/gateway/kannel/mo                  T     T      T        T      T         T
        """;

    private static readonly string[] Callers = ["Admin", "Author", "Approver", "Viewer", "Anonymous", "ApiKey"];

    private static readonly Dictionary<string, string> UserOf = new()
    {
        ["Admin"] = "admin", ["Author"] = "author", ["Approver"] = "approver", ["Viewer"] = "viewer",
    };

    private static Dictionary<string, Dictionary<string, char>> Rows() => Matrix
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Skip(1)
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .ToDictionary(cells => cells[0], cells => Callers.Select((caller, i) => (caller, cells[i + 1][0])).ToDictionary(c => c.caller, c => c.Item2),
            StringComparer.Ordinal);

    [Fact]
    public void Every_endpoint_and_every_page_has_a_row_and_every_row_an_endpoint()
    {
        var rows = Rows();
        var routes = EndpointCatalog.Endpoints(factory).Select(EndpointCatalog.RouteOf).ToHashSet(StringComparer.Ordinal);
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<RouteAttribute>())
            .Select(route => "/" + route.Template.Trim('/'))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(pages);
        Assert.Subset(routes, pages);
        Assert.Empty(routes.Except(rows.Keys));
        Assert.Empty(rows.Keys.Except(routes));
    }

    [Fact]
    public async Task Each_caller_is_served_or_refused_as_the_matrix_says()
    {
        var rows = Rows();
        var failures = new List<string>();
        foreach (var caller in Callers)
        {
            using var client = await ClientAsync(caller);
            foreach (var endpoint in EndpointCatalog.Endpoints(factory))
            {
                var expected = rows[EndpointCatalog.RouteOf(endpoint)][caller];
                var url = EndpointCatalog.ConcreteUrl(endpoint.RoutePattern);
                foreach (var method in EndpointCatalog.MethodsOf(endpoint))
                {
                    using var request = EndpointCatalog.Request(method, url);
                    using var response = await client.SendAsync(request);
                    var location = response.Headers.Location is { } l ? new Uri(client.BaseAddress!, l).AbsolutePath : "";
                    var body = await response.Content.ReadAsStringAsync();
                    output.WriteLine($"{caller,-9} {expected} {method,-6} {url,-42} {(int)response.StatusCode} {location}");
                    if (Mismatch(expected, caller, endpoint, method, url, response.StatusCode, location, body) is { } failure)
                    {
                        failures.Add($"{caller} {method} {url}: {failure}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, "Not as the matrix says:\n" + string.Join("\n", failures));
    }

    private async Task<HttpClient> ClientAsync(string caller)
    {
        if (caller == "ApiKey")
        {
            return factory.CreateApiClient();
        }
        var browser = factory.CreateBrowser();
        if (UserOf.TryGetValue(caller, out var userName))
        {
            var signIn = await browser.SignInAsync(userName, DemoOptions.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
        return browser;
    }

    /// <summary>Why the answer is not what the matrix's cell promises, or null.</summary>
    private static string? Mismatch(char expected, string caller, RouteEndpoint endpoint, string method, string url,
        HttpStatusCode status, string location, string body)
    {
        var code = (int)status;
        var api = url.StartsWith("/api/", StringComparison.Ordinal) || url.StartsWith("/openapi/", StringComparison.Ordinal);
        var toLogin = status == HttpStatusCode.Redirect && location.Equals(AccountEndpoints.LoginPath, StringComparison.OrdinalIgnoreCase);
        var toDenied = status == HttpStatusCode.Redirect && location.Equals(AccountEndpoints.AccessDeniedPath, StringComparison.OrdinalIgnoreCase);
        var signedIn = UserOf.ContainsKey(caller);
        if (code >= 500)
        {
            return $"failed with {code}";
        }
        switch (expected)
        {
            case 'T':
                return status == HttpStatusCode.Unauthorized ? null : $"expected 401 without the gateway token, got {code}";
            case '-' when api:
                return status == HttpStatusCode.Unauthorized ? null : $"expected a 401, got {code} {location}";
            case '-' when signedIn:
                // A signed-in user without the role is sent to the access-denied page, never served.
                return toDenied || status == HttpStatusCode.Forbidden ? null : $"expected a redirect to access denied, got {code} {location}";
            case '-':
                return toLogin || (status == HttpStatusCode.Unauthorized && !EndpointCatalog.IsPage(endpoint))
                    ? null
                    : $"expected a redirect to the sign-in page, got {code} {location}";
            case 'Y':
                if (toLogin || toDenied || status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    return $"refused with {code} {location}";
                }
                if (EndpointCatalog.IsPage(endpoint) && method == HttpMethods.Get)
                {
                    // Blazor's router may render its own refusal with a 200: the page must be the page.
                    if (status != HttpStatusCode.OK)
                    {
                        return $"expected the page with 200, got {code} {location}";
                    }
                    if (body.Contains("data-testid=\"access-denied\"", StringComparison.Ordinal))
                    {
                        return "served the access-denied notice instead of the page";
                    }
                }
                return null;
            default:
                throw new InvalidOperationException($"Unknown cell '{expected}'.");
        }
    }
}
