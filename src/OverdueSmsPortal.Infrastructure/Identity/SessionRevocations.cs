namespace OverdueSmsPortal.Infrastructure.Identity;

/// <summary>
/// Tells this node's open pages (Blazor circuits) that a user's sessions have just ended — sign-out,
/// password reset, role change or lock — so that they check again now instead of at their next
/// periodic re-check. Raised after the user's new security stamp is saved; pages on other nodes of a
/// cluster find out at their periodic re-check.
/// </summary>
public sealed class SessionRevocations
{
    /// <summary>Raised with the id of the user whose sessions ended.</summary>
    public event Action<string>? Revoked;

    public void Revoke(string userId) => Revoked?.Invoke(userId);
}
