using Microsoft.AspNetCore.Identity;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Identity;

namespace OverdueSmsPortal.Web.Account;

/// <summary>
/// Signs users in and out with Identity and writes each attempt to the audit trail: who, from which
/// address, and for a refusal why (never the password typed).
/// </summary>
public sealed class PortalSignIn(SignInManager<PortalUser> signIn, LoginPolicy policy, AuditTrail audit,
    IHttpContextAccessor http)
{
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
            await RecordAsync(null, userName, AuditNames.SignInFailed, Reasons.UnknownUser);
            return "Account.Invalid";
        }
        var lockedBefore = await signIn.UserManager.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, input.Password, input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordAsync(user, userName, AuditNames.SignedIn, reason: null);
            return null;
        }
        if (result.IsLockedOut)
        {
            await RecordAsync(user, userName, AuditNames.SignInFailed, lockedBefore ? Reasons.LockedOut : Reasons.BadPassword);
            if (!lockedBefore)
            {
                // This attempt was the one too many: the account is locked from now on.
                await RecordAsync(user, userName, AuditNames.LockedOut, reason: null);
            }
            return "Account.LockedOut";
        }
        await RecordAsync(user, userName, AuditNames.SignInFailed, result.IsNotAllowed ? Reasons.NotAllowed : Reasons.BadPassword);
        return "Account.Invalid";
    }

    public async Task SignOutAsync(string? userName, string? userId)
    {
        await signIn.SignOutAsync();
        if (userName is not null)
        {
            await audit.RecordAsync(userName, AuditNames.User, userId ?? "", AuditNames.SignedOut, after: new { ip = RemoteAddress() });
        }
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
