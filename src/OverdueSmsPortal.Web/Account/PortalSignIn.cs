using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Identity;

namespace OverdueSmsPortal.Web.Account;

/// <summary>
/// Signs users in and out with Identity and writes each attempt to the audit trail: who, from which
/// address, and for a refusal why (never the password typed). A refusal looks the same from outside
/// whatever the name: one message, and the cost of one password hash, for an unknown name, a wrong
/// password and a locked account alike, so that nobody can learn which names are accounts.
/// </summary>
public sealed class PortalSignIn(SignInManager<PortalUser> signIn, LoginPolicy policy, AuditTrail audit,
    IHttpContextAccessor http, SessionRevocations revocations)
{
    /// <summary>The one message of every refused sign-in except the demo password's.</summary>
    public const string Refused = "Account.Invalid";

    /// <summary>A hash of a random password, made once by the portal's own hasher, to check typed passwords against when there is no user's hash to check.</summary>
    private static string? decoyHash;

    /// <summary>Why a sign-in was refused, as the audit trail records it.</summary>
    public static class Reasons
    {
        public const string UnknownUser = "UnknownUser";
        public const string BadPassword = "BadPassword";
        public const string LockedOut = "LockedOut";
        public const string NotAllowed = "NotAllowed";
        public const string DemoPassword = "DemoPassword";
    }

    /// <summary>The resource key of the error to show, or null when the user is signed in.</summary>
    public async Task<string?> SignInAsync(LoginInput input)
    {
        var userName = input.UserName.Trim();
        var user = await signIn.UserManager.FindByNameAsync(userName);
        var refusal = policy.Refusal(input.Password);
        if (refusal is not null)
        {
            await RecordAsync(user, userName, AuditNames.SignInFailed, Reasons.DemoPassword);
            return refusal;
        }
        if (user is null)
        {
            SpendOneHash(input.Password);
            await RecordAsync(null, userName, AuditNames.SignInFailed, Reasons.UnknownUser);
            return Refused;
        }
        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            // Identity refuses a locked account before it hashes anything: hash here, or a locked name answers fast.
            SpendOneHash(input.Password);
            await RecordAsync(user, userName, AuditNames.SignInFailed, Reasons.LockedOut);
            return Refused;
        }
        var result = await signIn.PasswordSignInAsync(user, input.Password, input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordAsync(user, userName, AuditNames.SignedIn, reason: null);
            return null;
        }
        await RecordAsync(user, userName, AuditNames.SignInFailed, result.IsNotAllowed ? Reasons.NotAllowed : Reasons.BadPassword);
        if (result.IsLockedOut)
        {
            // This attempt was the one too many: the account is locked from now on.
            await RecordAsync(user, userName, AuditNames.LockedOut, reason: null);
        }
        return Refused;
    }

    /// <summary>
    /// Ends the user's session on the server, not only in this browser: a new security stamp refuses
    /// the cookie wherever it was copied to, and ends the user's open pages. It ends the user's
    /// sessions in other browsers too.
    /// </summary>
    public async Task SignOutAsync(string? userName, string? userId)
    {
        if (userId is not null && await signIn.UserManager.FindByIdAsync(userId) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            revocations.Revoke(user.Id);
        }
        await signIn.SignOutAsync();
        if (userName is not null)
        {
            await audit.RecordAsync(userName, AuditNames.User, userId ?? "", AuditNames.SignedOut, after: new { ip = RemoteAddress() });
        }
    }

    /// <summary>
    /// Changes the signed-in user's password under Identity's rules. A wrong current password counts
    /// toward lockout as a failed sign-in does, and the attempt that locks the account ends its sessions,
    /// so a page left open cannot be used to guess. A change ends the user's other sessions (new security
    /// stamp) and keeps this one: its cookie is issued again with the new stamp.
    /// </summary>
    /// <returns>The resource keys of what was wrong; empty when the password is changed.</returns>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal principal, ChangePasswordInput input)
    {
        var users = signIn.UserManager;
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return [Refused];
        }
        if (await users.IsLockedOutAsync(user))
        {
            SpendOneHash(input.CurrentPassword);
            await RecordAsync(user, user.UserName!, AuditNames.PasswordChangeFailed, Reasons.LockedOut);
            return [ChangeRefused];
        }
        if (!await users.CheckPasswordAsync(user, input.CurrentPassword))
        {
            await users.AccessFailedAsync(user);
            await RecordAsync(user, user.UserName!, AuditNames.PasswordChangeFailed, Reasons.BadPassword);
            if (await users.IsLockedOutAsync(user))
            {
                await RecordAsync(user, user.UserName!, AuditNames.LockedOut, reason: null);
                await users.UpdateSecurityStampAsync(user);
                revocations.Revoke(user.Id);
                return [ChangeRefused];
            }
            return [WrongCurrentPassword];
        }
        // Identity checks the current password again and gives the user a new security stamp with the new hash.
        var changed = await users.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
        if (!changed.Succeeded)
        {
            return changed.Errors.Select(e => "Identity." + e.Code).Distinct().ToList();
        }
        await users.ResetAccessFailedCountAsync(user);
        await signIn.RefreshSignInAsync(user);
        await RecordAsync(user, user.UserName!, AuditNames.PasswordChanged, reason: null);
        // Told once this response is out: told now, this very page would see its own old stamp and sign itself out.
        var userId = user.Id;
        if (http.HttpContext is { } context)
        {
            context.Response.OnCompleted(() =>
            {
                revocations.Revoke(userId);
                return Task.CompletedTask;
            });
        }
        else
        {
            revocations.Revoke(userId);
        }
        return [];
    }

    /// <summary>The current password typed on the change-password page is wrong.</summary>
    public const string WrongCurrentPassword = "Account.ChangePassword.WrongCurrent";

    /// <summary>The account is locked: no change, and the session ends.</summary>
    public const string ChangeRefused = "Account.ChangePassword.Locked";

    private void SpendOneHash(string password)
    {
        var hasher = signIn.UserManager.PasswordHasher;
        var decoy = new PortalUser();
        decoyHash ??= hasher.HashPassword(decoy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(decoy, decoyHash, password);
    }

    private Task RecordAsync(PortalUser? user, string typedName, string action, string? reason)
    {
        // An unknown name is kept as typed (cut short), so that guessing shows in the trail.
        var name = user?.UserName ?? (typedName.Length > 64 ? typedName[..64] : typedName);
        return audit.RecordAsync(string.IsNullOrWhiteSpace(name) ? "unknown" : name, AuditNames.User, user?.Id ?? "",
            action, after: new { reason, ip = RemoteAddress() });
    }

    private string? RemoteAddress() => http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
