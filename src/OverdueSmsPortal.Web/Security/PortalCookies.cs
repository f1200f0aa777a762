using OverdueSmsPortal.Web.Account;
using OverdueSmsPortal.Web.Localization;

namespace OverdueSmsPortal.Web.Security;

/// <summary>
/// The sign-in and antiforgery cookies: not readable by script, not sent with another site's
/// requests, and Secure whenever the request came over HTTPS. Behind a proxy that ends TLS, the
/// portal sees plain HTTP unless the proxy's forwarded headers are honoured, and the cookies then
/// lose Secure; plain HTTP on loopback (development, tests) keeps working.
/// </summary>
public static class PortalCookies
{
    public const string AuthCookieName = "portal.auth";
    public const string AntiforgeryCookieName = "portal.antiforgery";

    public static IServiceCollection AddPortalCookies(this IServiceCollection services)
    {
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = AccountEndpoints.LoginPath;
            cookie.AccessDeniedPath = AccountEndpoints.AccessDeniedPath;
            cookie.Cookie.Name = AuthCookieName;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Instead of Identity's stamp validator, which looks only every 30 minutes.
            cookie.Events.OnValidatePrincipal = SessionStamp.ValidatePrincipalAsync;
            // A sign-in on the sign-in page sends the user to its ReturnUrl itself, before the page's own
            // redirect; the query gives that address decoded, and a Chinese one broke the Location header.
            cookie.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(PortalCultures.SafeReturnUrl(context.RedirectUri));
                return Task.CompletedTask;
            };
        });
        return services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.HttpOnly = true;
            // Strict is safe here: the token is only needed on the portal's own pages.
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }
}
