using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Localization;

namespace OverdueSmsPortal.Web.Localization;

/// <summary>The portal speaks Simplified Chinese by default, and English.</summary>
public static class PortalCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Chinese)
            .AddSupportedCultures([.. Supported])
            .AddSupportedUICultures([.. Supported]);
        // The user's choice (cookie) wins over the browser's languages; the query string is for links.
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        return options;
    }

    /// <summary>Stores the chosen culture in the culture cookie and returns to the page the user was on.</summary>
    public static void MapCultureEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture/set", (string? culture, string? returnUrl, HttpContext context) =>
            {
                // A language the portal does not speak (empty, unknown, garbage) changes nothing; the user just goes back.
                if (culture is not null && Supported.Contains(culture))
                {
                    context.Response.Cookies.Append(
                        CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                        new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
                }
                return TypedResults.LocalRedirect(SafeReturnUrl(returnUrl));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

    /// <summary>
    /// Only local paths: an open redirect would let a link send users elsewhere. Control characters are
    /// refused too: browsers drop them (so "/\t/host" means "//host"), and LocalRedirect throws on them.
    /// What is left goes into a Location header, which carries ASCII only: every other character
    /// (a Chinese page name, a space) is percent-encoded as UTF-8, as a browser would have sent it.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= MaxReturnUrlLength
        && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
        && !returnUrl.Any(char.IsControl)
            ? EncodeForHeader(returnUrl)
            : "/";

    /// <summary>Longer than any address of the portal's own pages; such a return address is ignored.</summary>
    private const int MaxReturnUrlLength = 2048;

    private static string EncodeForHeader(string url)
    {
        if (url.All(c => c is > ' ' and < '\x7f'))
        {
            return url;
        }
        var encoded = new StringBuilder(url.Length * 3);
        // Byte by byte: ASCII characters are single bytes, so what is already safe stays as it was.
        foreach (var b in Encoding.UTF8.GetBytes(url))
        {
            if (b is > (byte)' ' and < 0x7f)
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    /// <summary>The link that switches to <paramref name="culture"/> and comes back to the current page, query included.</summary>
    public static string SwitchLink(NavigationManager navigation, string culture) =>
        $"culture/set?culture={culture}&returnUrl={Uri.EscapeDataString("/" + navigation.ToBaseRelativePath(navigation.Uri))}";
}
