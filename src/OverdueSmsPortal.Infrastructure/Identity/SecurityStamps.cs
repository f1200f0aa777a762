using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Identity;

/// <summary>
/// A user's security stamp as it stands now: sign-out, a password reset, a role change and a lock each
/// give a new one, and a signed-in session stands only while it still carries the current one.
/// </summary>
public sealed class SecurityStamps(PortalDbContext db)
{
    /// <summary>The user's current stamp, or null when the user no longer exists (one primary-key read).</summary>
    public Task<string?> CurrentAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(cancellationToken);
}
