using System.Security.Claims;
using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Web.Security;

public static class PrincipalExtensions
{
    /// <summary>The signed-in user as an <see cref="Actor"/>: the identity's user id, name and portal roles.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user has no id claim."),
        user.Identity?.Name ?? "")
    {
        Roles = PortalRoles.All.Where(user.IsInRole).ToList(),
    };
}
