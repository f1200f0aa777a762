namespace OverdueSmsPortal.Core.Access;

/// <summary>
/// A signed-in user acting on something. Maker-checker compares <see cref="Id"/> (the user id), never
/// the name, so a renamed account is still the same person.
/// </summary>
public sealed record Actor(string Id, string Name)
{
    public bool IsSameUserAs(string? userId) => userId is not null && string.Equals(Id, userId, StringComparison.Ordinal);
}
