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

    /// <summary>The cookie names the response sets.</summary>
    public static IReadOnlyList<string> CookiesSet(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split('=', 2)[0]).ToList()
            : [];
}
