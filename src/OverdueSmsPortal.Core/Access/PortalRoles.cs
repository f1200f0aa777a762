namespace OverdueSmsPortal.Core.Access;

/// <summary>The roles of the portal. Names are stored in the identity tables: never rename one.</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string Author = "Author";
    public const string Approver = "Approver";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Author, Approver, Viewer];

    /// <summary>Roles that may see personal data (names, numbers, amounts) unmasked.</summary>
    public static bool SeesPersonalData(Func<string, bool> isInRole) =>
        isInRole(Admin) || isInRole(Author) || isInRole(Approver);
}
