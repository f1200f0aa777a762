namespace OverdueSmsPortal.Core.Access;

/// <summary>The kinds of work in the portal that not every role may do.</summary>
public enum PortalAction
{
    /// <summary>Users, roles, passwords and locks.</summary>
    ManageUsers = 1,

    /// <summary>API keys, lint lists, send policy, outcome settings, the SMS gateway and reply rules.</summary>
    ManageSettings = 2,

    /// <summary>Placing and lifting a customer's legal hold.</summary>
    HoldCustomers = 3,

    ImportCustomers = 4,
    UploadRepayments = 5,

    /// <summary>Segments and the stage ladder.</summary>
    ManageSegments = 6,

    /// <summary>Writing template versions and submitting them.</summary>
    EditTemplates = 7,

    /// <summary>Opening the template studio, whose previews show real customers.</summary>
    OpenTemplateStudio = 8,

    /// <summary>Building campaigns and submitting them.</summary>
    BuildCampaigns = 9,

    /// <summary>Approving or rejecting templates and campaigns someone else made (maker-checker).</summary>
    Review = 10,

    /// <summary>Pausing, resuming, cancelling campaigns; reclassifying replies; resolving escalations; playing replies.</summary>
    OperateCampaigns = 11,

    /// <summary>Recording, uploading, taking up and closing complaints.</summary>
    HandleComplaints = 12,
}

/// <summary>
/// Which roles may do each <see cref="PortalAction"/>: the one table the web policies and the
/// services' own checks both read.
/// </summary>
public static class PortalPermissions
{
    private static readonly Dictionary<PortalAction, string[]> Allowed = new()
    {
        [PortalAction.ManageUsers] = [PortalRoles.Admin],
        [PortalAction.ManageSettings] = [PortalRoles.Admin],
        [PortalAction.HoldCustomers] = [PortalRoles.Admin],
        [PortalAction.ImportCustomers] = [PortalRoles.Admin],
        [PortalAction.UploadRepayments] = [PortalRoles.Admin],
        [PortalAction.ManageSegments] = [PortalRoles.Admin],
        [PortalAction.EditTemplates] = [PortalRoles.Admin, PortalRoles.Author],
        [PortalAction.OpenTemplateStudio] = [PortalRoles.Admin, PortalRoles.Author, PortalRoles.Approver],
        [PortalAction.BuildCampaigns] = [PortalRoles.Admin, PortalRoles.Author],
        [PortalAction.Review] = [PortalRoles.Approver],
        [PortalAction.OperateCampaigns] = [PortalRoles.Admin, PortalRoles.Author, PortalRoles.Approver],
        [PortalAction.HandleComplaints] = [PortalRoles.Admin, PortalRoles.Approver],
    };

    public static IReadOnlyList<string> RolesFor(PortalAction action) =>
        Allowed.TryGetValue(action, out var roles) ? roles : throw new ArgumentOutOfRangeException(nameof(action), action, null);
}
