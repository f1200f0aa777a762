using Microsoft.AspNetCore.Identity;

namespace OverdueSmsPortal.Infrastructure.Identity;

/// <summary>An operator of the portal. Roles come from <see cref="Core.Access.PortalRoles"/>.</summary>
public class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
