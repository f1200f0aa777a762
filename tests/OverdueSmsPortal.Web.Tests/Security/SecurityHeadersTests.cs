using System.Net;
using System.Text.RegularExpressions;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;
using static OverdueSmsPortal.Web.Tests.Api.ApiRequests;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>Every kind of answer carries the security headers: a page, an API answer, a static file, a refusal.</summary>
public sealed partial class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Answers => new()
    {
        SignInForm.LoginPath,
        "/favicon.svg",
        "/health",
        "/no-such-page",
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Pages_static_files_and_errors_carry_the_security_headers(string path)
    {
        using var browser = factory.CreateBrowser();

        AssertSecurityHeaders(await browser.GetAsync(path));
    }

    [Fact]
    public async Task An_API_answer_carries_the_security_headers()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostCustomersAsync(ACustomer("HEADERS-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_refused_API_call_carries_the_security_headers()
    {
        using var client = factory.CreateApiClient(key: null);

        var response = await client.PostCustomersAsync(ACustomer("HEADERS-2"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task The_import_map_is_allowed_by_the_nonce_of_its_own_answer_and_no_other()
    {
        using var browser = factory.CreateBrowser();

        var first = await browser.GetAsync(SignInForm.LoginPath);
        var second = await browser.GetAsync(SignInForm.LoginPath);

        var page = await Html.ReadAsync(first);
        var importMap = page.QuerySelector("script[type=importmap]") ?? throw new InvalidOperationException("The page has no import map.");
        var nonce = ScriptNonce().Match(Policy(first)).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Equal(nonce, importMap.GetAttribute("nonce"));
        Assert.NotEqual(nonce, ScriptNonce().Match(Policy(second)).Groups[1].Value);
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type=importmap])"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = Policy(response);
        foreach (var directive in new[]
                 {
                     "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'",
                     "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
                 })
        {
            Assert.Contains(directive, policy);
        }
        Assert.Matches(ScriptNonce(), policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
    }

    private static string Policy(HttpResponseMessage response) => Header(response, "Content-Security-Policy");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header.");

    [GeneratedRegex("script-src 'self' 'nonce-([A-Za-z0-9+/=]+)';")]
    private static partial Regex ScriptNonce();
}
