using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OverdueSmsPortal.Web.Security;

/// <summary>The origins the portal's pages are served from (<c>Portal:PublicOrigins</c>); see appsettings.example.json.</summary>
public sealed class PublicOriginOptions : IValidatableObject
{
    public const string Section = "Portal";

    /// <summary>
    /// Scheme, host and port as the browser shows them (<c>https://portal.example.cn</c>). Empty: the
    /// origin of each request's own Host header.
    /// </summary>
    public string[] PublicOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in PublicOrigins)
        {
            if (CircuitOrigins.Parse(origin) is null)
            {
                yield return new ValidationResult(
                    $"Portal:PublicOrigins: '{origin}' is not an origin such as https://portal.example.cn (scheme, host and port only).",
                    [nameof(PublicOrigins)]);
            }
        }
    }
}

/// <summary>
/// Refuses a Blazor circuit (the <c>/_blazor</c> hub: negotiate, WebSocket, long polling) opened from a
/// page of another site. The circuit rides the user's cookie, and a browser sends that cookie with a
/// cross-site WebSocket (cross-site WebSocket hijacking): the Origin header is what tells them apart.
/// </summary>
public sealed class CircuitOrigins(RequestDelegate next, IOptions<PublicOriginOptions> options)
{
    public const string HubPath = "/_blazor";

    private readonly HashSet<string> allowed = options.Value.PublicOrigins
        .Select(Parse).OfType<Uri>().Select(Authority).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(HubPath) && !IsAllowed(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return next(context);
    }

    private bool IsAllowed(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            // Browsers send Origin with every WebSocket and every cross-site request; a same-site GET
            // (long polling) may leave it out, and a client without it carries no victim's cookie.
            return true;
        }
        if (origins.Count > 1 || Parse(origins[0]) is not { } origin)
        {
            return false;
        }
        if (allowed.Count > 0)
        {
            return allowed.Contains(Authority(origin));
        }
        // No setting: the page's own host. The scheme is left out because a proxy that ends TLS hands the
        // portal http while the browser's origin is https; the host and port still have to match.
        return string.Equals(HostAndPort(origin), request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An origin (scheme, host, optional port; nothing after) or null, "null" included.</summary>
    internal static Uri? Parse(string? text)
    {
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }
        var bare = uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
        return bare ? uri : null;
    }

    private static string Authority(Uri origin) => $"{origin.Scheme}://{HostAndPort(origin)}";

    private static string HostAndPort(Uri origin) => origin.IsDefaultPort ? origin.Host : $"{origin.Host}:{origin.Port}";
}

public static class CircuitOriginExtensions
{
    public static IServiceCollection AddCircuitOriginCheck(this IServiceCollection services)
    {
        services.AddOptions<PublicOriginOptions>().BindConfiguration(PublicOriginOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IApplicationBuilder UseCircuitOriginCheck(this IApplicationBuilder app) => app.UseMiddleware<CircuitOrigins>();
}
