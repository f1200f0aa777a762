using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;

namespace OverdueSmsPortal.Web.Components.Pages.Audit;

/// <summary>Where an audit entry's subject can be looked at in the portal, or null when it has no page (a sign-in, an export).</summary>
public static class AuditSubjectLink
{
    public static string? Of(AuditRow row) => row.EntityType switch
    {
        AuditNames.Customer when row.CustomerId is { } id => $"customers/{id}",
        AuditNames.Campaign when long.TryParse(row.EntityId, out var id) => $"campaigns/{id}",
        AuditNames.Segment when long.TryParse(row.EntityId, out var id) => $"segments/{id}",
        AuditNames.Complaint => "complaints",
        AuditNames.Escalation => "campaigns/escalations",
        AuditNames.Reply => "replies",
        AuditNames.User => "users",
        AuditNames.ApiKey => "settings",
        AuditNames.CustomerImport => "customers",
        AuditNames.SendPolicy => "settings/policy",
        AuditNames.Gateway => "settings/gateway",
        AuditNames.LintTerm or AuditNames.LinkDomain => "settings/lint",
        AuditNames.OutcomeSettings => "settings/outcomes",
        AuditNames.ReplyRule => "settings/replies",
        AuditNames.StageLadder => "segments/stages",
        AuditNames.TemplateVersion => "templates",
        _ => null,
    };
}
