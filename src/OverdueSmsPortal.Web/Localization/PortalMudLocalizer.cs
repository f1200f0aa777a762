using Microsoft.Extensions.Localization;
using MudBlazor;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Localization;

/// <summary>
/// Gives MudBlazor's own texts (the stepper's Next and Previous, the pagers' labels) in the portal's
/// languages: a key <c>Mud.&lt;MudBlazor key&gt;</c> in the portal's resources wins over MudBlazor's English.
/// </summary>
public sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> portal) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var own = portal[$"Mud.{key}"];
            return own.ResourceNotFound ? base[key] : new LocalizedString(key, own.Value);
        }
    }
}
