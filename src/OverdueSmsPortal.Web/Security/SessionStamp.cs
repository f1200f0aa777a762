using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Infrastructure.Identity;

namespace OverdueSmsPortal.Web.Security;

/// <summary>
/// A signed-in session stands only while its user exists and still has the security stamp the session
/// was signed in with. Sign-out, a password reset, a role change and a lock each give the user a new
/// stamp, so a copied <c>portal.auth</c> cookie opens nothing after them. Checked on every request
/// (one primary-key read), not at Identity's default 30-minute interval, and by open pages
/// (<see cref="PortalAuthenticationStateProvider"/>).
/// </summary>
public static class SessionStamp
{
    public static async Task<bool> IsCurrentAsync(SecurityStamps stamps, ClaimsPrincipal principal, IdentityOptions options,
        CancellationToken cancellationToken)
    {
        var userId = principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType);
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }
        var current = await stamps.CurrentAsync(userId, cancellationToken);
        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }

    /// <summary>The cookie's validation: a session that no longer stands is dropped and its cookie deleted, as if never signed in.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        if (!await IsCurrentAsync(services.GetRequiredService<SecurityStamps>(), context.Principal, options, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
