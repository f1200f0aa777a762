using MudBlazor;

namespace OverdueSmsPortal.Web.Components.Layout;

/// <summary>The portal's colours: a calm blue for work that must not feel alarming.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#0f8a7a",
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
