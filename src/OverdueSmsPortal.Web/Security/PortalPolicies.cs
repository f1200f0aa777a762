using Microsoft.AspNetCore.Authorization;
using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Web.Security;

/// <summary>The authorization policies of the portal, one per kind of work.</summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in operator: reading customers and, later, the dashboard.</summary>
    public const string Operator = "Operator";

    /// <summary>Users, roles, API keys and settings.</summary>
    public const string Admin = "Admin";

    /// <summary>Uploading customer files.</summary>
    public const string ImportCustomers = "ImportCustomers";

    /// <summary>Uploading the lender's repayment files.</summary>
    public const string UploadRepayments = "UploadRepayments";

    /// <summary>Segments and the stage ladder they build on.</summary>
    public const string ManageSegments = "ManageSegments";

    /// <summary>Writing template versions and submitting them for review.</summary>
    public const string EditTemplates = "EditTemplates";

    /// <summary>Opening the template studio, whose previews show real customers' names and amounts.</summary>
    public const string TemplateStudio = "TemplateStudio";

    /// <summary>Building campaigns and submitting them for approval.</summary>
    public const string BuildCampaigns = "BuildCampaigns";

    /// <summary>Pausing, resuming and cancelling campaigns, and playing replies on the development gateway.</summary>
    public const string OperateCampaigns = "OperateCampaigns";

    /// <summary>Approving or rejecting what someone else submitted (maker-checker).</summary>
    public const string Review = "Review";

    /// <summary>Recording, uploading, taking up and closing complaints; closing one may lift the complaint hold.</summary>
    public const string HandleComplaints = "HandleComplaints";

    /// <summary>The lender's systems calling the JSON API with an <c>X-Api-Key</c>.</summary>
    public const string ApiClient = "ApiClient";

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(Operator, policy => policy.RequireRole(PortalRoles.All))
        .AddPolicy(Admin, Roles(PortalAction.ManageSettings))
        .AddPolicy(ImportCustomers, Roles(PortalAction.ImportCustomers))
        .AddPolicy(UploadRepayments, Roles(PortalAction.UploadRepayments))
        .AddPolicy(ManageSegments, Roles(PortalAction.ManageSegments))
        .AddPolicy(EditTemplates, Roles(PortalAction.EditTemplates))
        .AddPolicy(TemplateStudio, Roles(PortalAction.OpenTemplateStudio))
        .AddPolicy(Review, Roles(PortalAction.Review))
        .AddPolicy(BuildCampaigns, Roles(PortalAction.BuildCampaigns))
        .AddPolicy(HandleComplaints, Roles(PortalAction.HandleComplaints))
        .AddPolicy(OperateCampaigns, Roles(PortalAction.OperateCampaigns))
        .AddPolicy(ApiClient, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser());

    /// <summary>A policy of the roles Core's permission table gives <paramref name="action"/>, the same table services check.</summary>
    private static Action<AuthorizationPolicyBuilder> Roles(PortalAction action) =>
        policy => policy.RequireRole(PortalPermissions.RolesFor(action));
}
