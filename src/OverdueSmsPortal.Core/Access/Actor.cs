namespace OverdueSmsPortal.Core.Access;

/// <summary>
/// A signed-in user acting on something. Maker-checker compares <see cref="Id"/> (the user id), never
/// the name, so a renamed account is still the same person. <see cref="Roles"/> are the roles the
/// user held when they signed in; services ask them again with <see cref="Demand"/>, so a page that
/// forgets to hide a button still cannot do what the user may not.
/// </summary>
public sealed record Actor(string Id, string Name)
{
    public IReadOnlyCollection<string> Roles { get; init; } = [];

    public bool IsSameUserAs(string? userId) => userId is not null && string.Equals(Id, userId, StringComparison.Ordinal);

    public bool May(PortalAction action) => PortalPermissions.RolesFor(action).Any(Roles.Contains);

    /// <summary>Throws <see cref="AccessRefusedException"/> unless one of the actor's roles may do <paramref name="action"/>.</summary>
    public void Demand(PortalAction action)
    {
        if (!May(action))
        {
            throw new AccessRefusedException(action);
        }
    }
}

/// <summary>Someone asked a service for work their roles do not allow; nothing was changed.</summary>
public sealed class AccessRefusedException(PortalAction action)
    : UnauthorizedAccessException($"The user's roles do not allow {action}.")
{
    public PortalAction Action { get; } = action;
}
