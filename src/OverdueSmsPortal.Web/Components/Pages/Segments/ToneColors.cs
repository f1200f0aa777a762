using MudBlazor;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Web.Components.Pages.Segments;

/// <summary>One colour per tone, from calm to formal, used wherever tones appear as chips.</summary>
public static class ToneColors
{
    public static Color Of(Tone tone) => tone switch
    {
        Tone.Gentle => Color.Success,
        Tone.Standard => Color.Info,
        Tone.Firm => Color.Warning,
        _ => Color.Error,
    };
}
