using System.Security.Cryptography;

namespace OverdueSmsPortal.Web.Security;

/// <summary>
/// The headers every answer carries (pages, API, static files): a Content-Security-Policy that
/// Blazor Server and MudBlazor work under, and the browser switches against sniffing, framing and
/// leaking the address in the Referer.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "portal.csp-nonce";

    /// <summary>
    /// Scripts only from the portal, plus the one inline script Blazor writes (the import map) by its
    /// per-answer nonce. MudBlazor positions popovers and draws charts with style attributes, so styles
    /// need 'unsafe-inline'; a style cannot run script. The circuit's WebSocket is same-origin ('self').
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>The nonce of this answer's policy, for the inline scripts the page itself writes.</summary>
    public static string CspNonce(this HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("UseSecurityHeaders has not run for this request.");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            // At the start of the answer, not now: the exception handler clears the headers of a failed request.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                return Task.CompletedTask;
            });
            await next(context);
        });
}
