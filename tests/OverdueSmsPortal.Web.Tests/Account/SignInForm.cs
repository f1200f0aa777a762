using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Account;

/// <summary>Fills in and posts the sign-in form the way a browser does: fetch the page, keep its antiforgery token.</summary>
public static class SignInForm
{
    public const string LoginPath = "/account/login";
    public const string AuthCookieName = "portal.auth";

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient browser, string userName, string password,
        string loginUrl = LoginPath)
    {
        var page = await Html.ReadAsync(await browser.GetAsync(loginUrl));
        var form = page.QuerySelector("form[method=post]")
            ?? throw new InvalidOperationException("The sign-in page has no form.");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The sign-in form carries no antiforgery token.");
        return await browser.PostAsync(form.GetAttribute("action") ?? loginUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Where a redirect sends the browser, resolved against the portal's address.</summary>
    public static Uri RedirectTarget(this HttpResponseMessage response, HttpClient browser) =>
        new(browser.BaseAddress!, response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} is not a redirect."));

    /// <summary>The <c>portal.auth=…</c> pair a sign-in response sets, as an attacker would copy it.</summary>
    public static string AuthCookieOf(HttpResponseMessage signedIn) =>
        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthCookieName + "=", StringComparison.Ordinal)).Split(';')[0];

    /// <summary>A GET that presents <paramref name="cookie"/> and nothing else, the way a replayed cookie arrives.</summary>
    public static async Task<HttpResponseMessage> GetWithCookieAsync(this PortalFactory factory, string path, string cookie)
    {
        using var client = factory.CreateApiClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Posts the user menu's sign-out form with <paramref name="authCookie"/>. The form lives in the
    /// menu, which only the live page renders: its antiforgery tokens are made as the page would.
    /// </summary>
    public static async Task<HttpResponseMessage> SignOutAsync(this PortalFactory factory, string userName, string authCookie)
    {
        var tokens = await factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync((await users.FindByNameAsync(userName))!);
            return services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(new DefaultHttpContext { RequestServices = services, User = principal });
        });
        using var client = factory.CreateApiClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokens.RequestToken! }),
        };
        request.Headers.Add("Cookie", $"{authCookie}; portal.antiforgery={tokens.CookieToken}");
        return await client.SendAsync(request);
    }

    /// <summary>The cookie names the response sets.</summary>
    public static IReadOnlyList<string> CookiesSet(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split('=', 2)[0]).ToList()
            : [];
}
