using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Infrastructure.ApiKeys;

namespace OverdueSmsPortal.Web.Security;

/// <summary>
/// Authenticates the lender's systems by the <c>X-Api-Key</c> header. A missing or unknown key is
/// answered with a problem-details 401, never a redirect to the sign-in page.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string KeyNameClaim = "api_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var presented))
        {
            return AuthenticateResult.NoResult();
        }
        var name = await keys.VerifyAsync(presented.ToString(), Context.RequestAborted);
        if (name is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "api:" + name), new Claim(KeyNameClaim, name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        var hasKey = Request.Headers.ContainsKey(Header);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = hasKey ? "The API key is not valid." : "An API key is required.",
                Detail = hasKey
                    ? "The key in the X-Api-Key header is unknown or has been revoked. Ask an administrator for a new key."
                    : "Send the key an administrator issued in Settings in the X-Api-Key header.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "This API key may not do that." },
        });
    }
}
