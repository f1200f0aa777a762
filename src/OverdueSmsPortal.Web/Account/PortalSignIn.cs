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
