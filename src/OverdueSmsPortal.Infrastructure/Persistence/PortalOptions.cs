using System.ComponentModel.DataAnnotations;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>Demo data settings (<c>Portal:Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string Section = "Portal:Demo";

    /// <summary>Seed demo customers into an empty database (and demo users in Development).</summary>
    public bool Seed { get; set; } = true;

    [Range(0, 1_000_000)]
    public int CustomerCount { get; set; } = 2000;

    /// <summary>
    /// In Development, also seed three weeks of demo campaigns, runs, replies and repayments when no
    /// campaign has run yet, so that the dashboard has figures on first start.
    /// </summary>
    public bool OutcomeHistory { get; set; }

    /// <summary>The password of the demo users. It is refused at sign-in outside Development.</summary>
    public const string DemoPassword = "Demo-Portal-2026";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> Users =
    [
        ("admin", "系统管理员", Core.Access.PortalRoles.Admin),
        ("author", "模板编辑", Core.Access.PortalRoles.Author),
        ("approver", "审批人", Core.Access.PortalRoles.Approver),
        ("viewer", "监控", Core.Access.PortalRoles.Viewer),
    ];
}

/// <summary>The first administrator of a production installation (<c>Portal:Admin</c>), created when no admin exists.</summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Portal:Admin";

    public string? UserName { get; set; }
    public string? Password { get; set; }
}

/// <summary>General settings (<c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The lender's business time zone: "today" for days overdue is the date there.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
