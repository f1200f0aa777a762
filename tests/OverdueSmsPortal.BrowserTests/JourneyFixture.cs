namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// A portal as a lender gets it on the first day: no demo data, no demo users, only the first
/// administrator from <c>Portal:Admin</c> (with a password made for this run). Its whole console
/// output is kept, with Debug from the portal's own categories and every SQL command EF Core runs,
/// so that the journey's log can be searched for personal data.
/// </summary>
public sealed class JourneyFixture : PortalFixture
{
    public const string AdminUserName = "ops-admin";

    public string AdminPassword { get; } = NewPassword();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Demo:Seed"] = "false",
        ["Portal:Demo:OutcomeHistory"] = "false",
        ["Portal:Admin:UserName"] = AdminUserName,
        ["Portal:Admin:Password"] = AdminPassword,
        ["Logging:LogLevel:OverdueSmsPortal"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Debug",
    };

    protected override string PortalLogName => "browser-portal-journey.log";

    protected override int? PortalOutputLimit => null;

    /// <summary>A password for one run that meets the portal's policy; never the same twice, never in the repository.</summary>
    public static string NewPassword() => $"Jy-{Guid.NewGuid():N}"[..24] + "-Aa9";
}

[CollectionDefinition(Name)]
public sealed class JourneyCollection : ICollectionFixture<JourneyFixture>
{
    public const string Name = "Journey";
}
