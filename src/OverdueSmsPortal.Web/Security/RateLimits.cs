using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Web.Account;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Security;

/// <summary>How many requests one caller may make in a window.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }

    internal bool IsValid => PermitLimit > 0 && WindowSeconds is > 0 and <= 3600;
}

/// <summary>Limits on the public endpoints (<c>Portal:RateLimits</c>); see appsettings.example.json.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Portal:RateLimits";

    /// <summary>The JSON API, per API key (per IP address for calls without a valid key).</summary>
    public RateLimitWindow Api { get; set; } = new() { PermitLimit = 1200, WindowSeconds = 60 };

    /// <summary>
    /// Kannel's delivery reports and replies, per IP address. Kannel sends two or more reports per
    /// message and does not retry a refused one unless its smsbox has <c>http-request-retry</c>, so
    /// this is far above what a campaign at 500 messages a second sends: it stops a flood, not Kannel.
    /// </summary>
    public RateLimitWindow Gateway { get; set; } = new() { PermitLimit = 50_000, WindowSeconds = 10 };

    /// <summary>Sign-in form posts, per IP address and user name (on top of the lockout after 5 failures).</summary>
    public RateLimitWindow SignIn { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };
}

/// <summary>
/// The ASP.NET Core rate limiter over the public endpoints: the API by key, Kannel's callbacks by
/// IP address, sign-in by IP address and user name. Everything else (pages, the circuit) is not limited.
/// </summary>
public static class RateLimits
{
    public const string GatewayPath = "/api/v1/gateway/kannel";
    private const string ApiKeyItem = "portal.rate-limit.api-key";
    private const int MaxUserNameKeyLength = 257;

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.Api.IsValid && o.Gateway.IsValid && o.SignIn.IsValid,
                "Portal:RateLimits: every PermitLimit must be at least 1 and every WindowSeconds between 1 and 3600.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits.Value));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>
    /// Before the limiter: learns which API key is calling (the limiter's partitioning cannot wait)
    /// and reads the sign-in form for its user name. The key's check is cached for the request.
    /// </summary>
    public static IApplicationBuilder UsePortalRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (IsApi(request) && !IsGateway(request) && request.Headers.ContainsKey(ApiKeyAuthentication.Header))
            {
                var result = await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
                if (result.Succeeded && result.Principal.FindFirst(ApiKeyAuthentication.KeyNameClaim) is { } key)
                {
                    context.Items[ApiKeyItem] = key.Value;
                }
            }
            else if (IsSignIn(request) && request.HasFormContentType && !await IsOneSignInAsync(context))
            {
                return;
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    /// <summary>
    /// Reads the sign-in form and refuses it (400) when a field comes more than once: the limiter and
    /// the sign-in must act on one and the same user name, and with two the limiter counted their
    /// join while the sign-in tried the first, so every new second name bought ten more guesses.
    /// </summary>
    private static async Task<bool> IsOneSignInAsync(HttpContext context)
    {
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException)
        {
            return await RefuseSignInFormAsync(context, exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest);
        }
        // The form's keys are case-insensitive, so "input.username" and "Input.UserName" count as one field repeated.
        return !form.Any(field => field.Value.Count > 1) || await RefuseSignInFormAsync(context, StatusCodes.Status400BadRequest);
    }

    private static async Task<bool> RefuseSignInFormAsync(HttpContext context, int status)
    {
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(l["Account.MalformedForm"], context.RequestAborted);
        return false;
    }

    /// <summary>
    /// The user name as the user store looks it up (trimmed as the sign-in trims it, then Identity's own
    /// normalizer), so that no spelling the store takes for the same account ("ſession" for "session") is a
    /// fresh bucket. Longer than any valid name, it is cut: such names are all refused alike.
    /// </summary>
    private static string SignInUserName(HttpContext context)
    {
        var typed = context.Request.HasFormContentType ? context.Request.Form["Input.UserName"].ToString().Trim() : "";
        if (typed.Length > MaxUserNameKeyLength)
        {
            typed = typed[..MaxUserNameKeyLength];
        }
        return context.RequestServices.GetRequiredService<ILookupNormalizer>().NormalizeName(typed) ?? "";
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (IsGateway(request))
        {
            return Window("gateway:" + ip, limits.Gateway);
        }
        if (IsApi(request))
        {
            return context.Items[ApiKeyItem] is string key ? Window("key:" + key, limits.Api) : Window("ip:" + ip, limits.Api);
        }
        if (IsSignIn(request))
        {
            return Window($"sign-in:{ip}:{SignInUserName(context)}", limits.SignIn);
        }
        return RateLimitPartition.GetNoLimiter("unlimited");
    }

    private static RateLimitPartition<string> Window(string key, RateLimitWindow window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = TimeSpan.FromSeconds(window.WindowSeconds),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (IsApi(context.Request))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests.",
                    Detail = $"This caller has made more requests than the portal accepts in its window. Try again in {seconds} seconds.",
                },
            });
            return;
        }
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(l["Account.TooManyAttempts", seconds], cancellationToken);
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static bool IsGateway(HttpRequest request) => request.Path.StartsWithSegments(GatewayPath);

    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(AccountEndpoints.LoginPath);
}
