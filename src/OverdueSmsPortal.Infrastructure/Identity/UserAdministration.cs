using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Identity;

/// <summary>A user as the Users page lists them.</summary>
public sealed record UserSummary(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, DateTimeOffset CreatedAt);

/// <summary>The outcome of an administrative change: success, or error codes the page translates.</summary>
public sealed record UserChangeResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static readonly UserChangeResult Success = new(true, []);
    public static UserChangeResult Failed(params string[] errors) => new(false, errors);
    public static UserChangeResult From(IdentityResult result) =>
        result.Succeeded ? Success : new(false, result.Errors.Select(e => "Identity." + e.Code).ToList());
}

/// <summary>
/// What an admin does to users: create, change roles, lock, unlock and reset passwords; every change
/// is audited. An admin cannot lock themselves out or take away the last admin (themselves known by
/// user id, not name). Every change asks the acting user's roles again, whatever page called it.
/// </summary>
public sealed class UserAdministration(UserManager<PortalUser> users, AuditTrail audit, TimeProvider clock,
    SessionRevocations revocations)
{
    public async Task<List<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var result = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            var locked = user.LockoutEnd is { } end && end > clock.GetUtcNow();
            result.Add(new UserSummary(user.Id, user.UserName!, user.DisplayName, roles.Order().ToList(), locked, user.CreatedAt));
        }
        return result;
    }

    public async Task<UserChangeResult> CreateAsync(string userName, string displayName, string password,
        IReadOnlyCollection<string> roles, Actor by)
    {
        by.Demand(PortalAction.ManageUsers);
        if (roles.Any(r => !PortalRoles.All.Contains(r)))
        {
            return UserChangeResult.Failed("Users.UnknownRole");
        }
        // The user, their roles and the audit entry are stored together or not at all: a user
        // left without roles could sign in and see nothing, and nobody would know why.
        return await audit.TogetherAsync(() => CreateInTransactionAsync(userName, displayName, password, roles, by.Name),
            keep: result => result.Succeeded);
    }

    private async Task<UserChangeResult> CreateInTransactionAsync(string userName, string displayName, string password,
        IReadOnlyCollection<string> roles, string actor)
    {
        var user = new PortalUser { UserName = userName.Trim(), DisplayName = displayName.Trim(), CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return UserChangeResult.From(created);
        }
        IdentityResult added;
        try
        {
            added = await users.AddToRolesAsync(user, roles);
        }
        catch (InvalidOperationException)
        {
            // Identity throws when a role is missing from the database.
            return UserChangeResult.Failed("Users.UnknownRole");
        }
        if (!added.Succeeded)
        {
            return UserChangeResult.From(added);
        }
        await audit.RecordAsync(actor, AuditNames.User, user.Id, AuditNames.Created,
            after: new { user.UserName, user.DisplayName, roles });
        return UserChangeResult.Success;
    }

    public async Task<UserChangeResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, Actor by)
    {
        by.Demand(PortalAction.ManageUsers);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChangeResult.Failed("Users.NotFound");
        }
        if (roles.Any(r => !PortalRoles.All.Contains(r)))
        {
            return UserChangeResult.Failed("Users.UnknownRole");
        }
        var before = (await users.GetRolesAsync(user)).Order().ToList();
        if (before.Contains(PortalRoles.Admin) && !roles.Contains(PortalRoles.Admin))
        {
            if (by.IsSameUserAs(user.Id))
            {
                return UserChangeResult.Failed("Users.CannotDemoteSelf");
            }
            if ((await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count <= 1)
            {
                return UserChangeResult.Failed("Users.LastAdmin");
            }
        }
        // Identity saves each step on its own: the roles, the new stamp and the entry are kept together or not at all.
        var result = await audit.TogetherAsync(async () =>
        {
            var removed = await users.RemoveFromRolesAsync(user, before.Except(roles));
            var added = removed.Succeeded ? await users.AddToRolesAsync(user, roles.Except(before)) : removed;
            if (!added.Succeeded)
            {
                return UserChangeResult.From(added);
            }
            // A new stamp signs the user's open pages out, so the new roles take effect at once.
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(by.Name, AuditNames.User, user.Id, AuditNames.RolesChanged,
                before: new { roles = before }, after: new { roles = roles.Order().ToList() });
            return UserChangeResult.Success;
        }, keep: result => result.Succeeded);
        if (result.Succeeded)
        {
            revocations.Revoke(user.Id);
        }
        return result;
    }

    public async Task<UserChangeResult> SetLockedAsync(string userId, bool locked, Actor by)
    {
        by.Demand(PortalAction.ManageUsers);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChangeResult.Failed("Users.NotFound");
        }
        if (locked && by.IsSameUserAs(user.Id))
        {
            return UserChangeResult.Failed("Users.CannotLockSelf");
        }
        // Identity saves each step on its own: the lock, the new stamp and the entry are kept together or not at all.
        var changed = await audit.TogetherAsync(async () =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            var result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            if (!result.Succeeded)
            {
                return UserChangeResult.From(result);
            }
            if (!locked)
            {
                await users.ResetAccessFailedCountAsync(user);
            }
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(by.Name, AuditNames.User, user.Id, locked ? AuditNames.Locked : AuditNames.Unlocked);
            return UserChangeResult.Success;
        }, keep: result => result.Succeeded);
        if (changed.Succeeded)
        {
            revocations.Revoke(user.Id);
        }
        return changed;
    }

    public async Task<UserChangeResult> ResetPasswordAsync(string userId, string newPassword, Actor by)
    {
        by.Demand(PortalAction.ManageUsers);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChangeResult.Failed("Users.NotFound");
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await audit.TogetherAsync(async () =>
        {
            var result = await users.ResetPasswordAsync(user, token, newPassword);
            if (!result.Succeeded)
            {
                return UserChangeResult.From(result);
            }
            // The audit entry records that the password changed, never the password.
            await audit.RecordAsync(by.Name, AuditNames.User, user.Id, AuditNames.PasswordReset);
            return UserChangeResult.Success;
        }, keep: result => result.Succeeded);
        if (!reset.Succeeded)
        {
            return reset;
        }
        // The reset gave the user a new security stamp: every session signed in with the old password ends.
        revocations.Revoke(user.Id);
        return UserChangeResult.Success;
    }
}
