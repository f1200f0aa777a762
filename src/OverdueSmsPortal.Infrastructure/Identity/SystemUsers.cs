using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;

namespace OverdueSmsPortal.Infrastructure.Identity;

/// <summary>
/// Users the portal creates itself at start (the configured first administrator, the demo users), with no
/// one signed in to ask: created by the system, audited as such.
/// </summary>
public sealed partial class SystemUsers(UserManager<PortalUser> users, AuditTrail audit, TimeProvider clock, ILogger<SystemUsers> logger)
{
    public async Task CreateAsync(string userName, string displayName, string password, string role)
    {
        var user = new PortalUser { UserName = userName, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
        // The user, the role and the entry together: a start stopped half-way leaves no user without its role.
        await audit.TogetherAsync(async () =>
        {
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Could not create user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
            await users.AddToRoleAsync(user, role);
            await audit.RecordAsync(AuditNames.SystemActor, AuditNames.User, user.Id, AuditNames.Created,
                after: new { user.UserName, user.DisplayName, roles = new[] { role } });
            return user;
        });
        LogUserCreated(logger, userName, role);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created user {UserName} with role {Role}")]
    private static partial void LogUserCreated(ILogger logger, string userName, string role);
}
