using MudBlazor;

namespace OverdueSmsPortal.Web.Components.Layout;

/// <summary>
/// The portal's colours: a calm blue for work that must not feel alarming. Every colour that carries
/// text meets WCAG AA (4.5:1) as filled background under white, as text on white and the page
/// background, and as text on its own light tint (text chips, alerts); MudBlazor's stock success,
/// warning and info colours do not (about 2:1 to 3.5:1). PortalThemeContrastTests holds this.
/// </summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#0b6e61",
            Info = "#01579b",
            Success = "#1b5e20",
            Warning = "#8a4b00",
            Error = "#b71c1c",
            TextPrimary = "#1a1a1a",
            TextSecondary = "#4f5b6a",
            // Input borders and icon buttons are controls: 3:1 against white at least.
            LinesInputs = "#767676",
            ActionDefault = "#5f6368",
            AppbarBackground = "#1f3b5c",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["-apple-system", "BlinkMacSystemFont", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Segoe UI", "Roboto", "sans-serif"],
            },
            // User names and English labels keep their case.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
