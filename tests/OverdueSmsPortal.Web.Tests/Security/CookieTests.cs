using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>
/// The portal's cookies cannot be read by script, are not sent along with another site's requests,
/// and travel only over HTTPS when the portal is reached over HTTPS.
/// </summary>
public sealed class CookieTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private HttpClient Browser(string scheme) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri($"{scheme}://localhost"),
    });

    [Fact]
    public async Task Over_HTTPS_the_auth_cookie_is_secure_http_only_and_same_site_lax()
    {
        using var browser = Browser("https");

        var response = await browser.SignInAsync("viewer", DemoOptions.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = SetCookie(response, SignInForm.AuthCookieName);
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
    }

    [Fact]
    public async Task Over_HTTPS_the_antiforgery_cookie_is_secure_http_only_and_same_site_strict()
    {
        using var browser = Browser("https");

        var cookie = SetCookie(await browser.GetAsync(SignInForm.LoginPath), "portal.antiforgery");

        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
    }

    [Fact]
    public async Task Over_HTTPS_the_language_cookie_is_secure_and_http_only()
    {
        using var browser = Browser("https");

        var cookie = SetCookie(await browser.GetAsync("/culture/set?culture=en&returnUrl=/"), ".AspNetCore.Culture");

        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
    }

    [Fact]
    public async Task Over_plain_HTTP_on_loopback_the_cookies_still_work_and_are_http_only()
    {
        using var browser = Browser("http");

        var response = await browser.SignInAsync("viewer", DemoOptions.DemoPassword);

        var cookie = SetCookie(response, SignInForm.AuthCookieName);
        Assert.DoesNotContain("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/customers")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        using var browser = Browser("http");
        await browser.GetAsync(SignInForm.LoginPath);

        var response = await browser.PostAsync(SignInForm.LoginPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "admin",
            ["Input.Password"] = DemoOptions.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(SignInForm.AuthCookieName, response.CookiesSet());
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        (response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        .FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))?.ToLowerInvariant()
        ?? throw new Xunit.Sdk.XunitException($"The answer sets no {name} cookie.");
}
