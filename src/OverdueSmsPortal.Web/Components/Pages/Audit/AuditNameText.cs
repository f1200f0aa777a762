using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Audit;

/// <summary>An entity type or action of the audit trail in the reader's language; a name without a translation shows as stored.</summary>
public static class AuditNameText
{
    public static string Of(IStringLocalizer<SharedResource> localizer, string name)
    {
        var text = localizer[$"Audit.Name.{name}"];
        return text.ResourceNotFound ? name : text.Value;
    }
}
