using System.Globalization;
using MudBlazor;
using MudBlazor.Utilities;
using OverdueSmsPortal.Web.Components.Layout;

namespace OverdueSmsPortal.Web.Tests.Layout;

/// <summary>
/// The palette read as an operator with low vision reads it: every colour that carries text meets
/// WCAG AA (4.5:1) in the ways MudBlazor paints it, and input borders meet 3:1 against white.
/// </summary>
public sealed class PortalThemeContrastTests
{
    private const double Text = 4.5;
    private const double Control = 3.0;
    private const string White = "#ffffff";

    private static readonly Palette Palette = PortalTheme.Theme.PaletteLight;

    public static TheoryData<string> Colours => new() { "Primary", "Secondary", "Info", "Success", "Warning", "Error" };

    [Theory]
    [MemberData(nameof(Colours))]
    public void White_text_on_a_filled_chip_button_or_alert_is_readable(string colour) =>
        AssertContrast(White, Colour(colour), Text, $"white on filled {colour}");

    [Theory]
    [MemberData(nameof(Colours))]
    public void Coloured_text_on_white_and_on_the_page_background_is_readable(string colour)
    {
        AssertContrast(Colour(colour), White, Text, $"{colour} on white");
        AssertContrast(Colour(colour), Palette.Background.ToString(MudColorOutputFormats.Hex), Text, $"{colour} on the page background");
    }

    [Theory]
    [MemberData(nameof(Colours))]
    public void Coloured_text_on_its_own_light_tint_is_readable(string colour)
    {
        // Text chips and text alerts lay the colour at low opacity over white and write in the colour itself.
        var tint = Blend(Colour(colour), White, 0.12);
        AssertContrast(Colour(colour), tint, Text, $"{colour} on its tint {tint}");
    }

    [Fact]
    public void Secondary_text_is_readable_on_white_and_on_the_page_background()
    {
        var secondary = Palette.TextSecondary.ToString(MudColorOutputFormats.Hex);
        AssertContrast(secondary, White, Text, "secondary text on white");
        AssertContrast(secondary, Palette.Background.ToString(MudColorOutputFormats.Hex), Text, "secondary text on the page background");
    }

    [Fact]
    public void Input_borders_stand_out_from_white()
    {
        AssertContrast(Palette.LinesInputs.ToString(MudColorOutputFormats.Hex), White, Control, "input border on white");
        AssertContrast(Palette.ActionDefault.ToString(MudColorOutputFormats.Hex), White, Control, "icon button on white");
    }

    [Fact]
    public void A_stock_green_chip_is_caught_as_unreadable()
    {
        // The check itself must fail where the portal used to: MudBlazor's stock success green on its tint.
        Assert.True(Ratio("#00c853", "#f0fcf5") < Text);
    }

    private static string Colour(string name) =>
        ((MudColor)typeof(Palette).GetProperty(name)!.GetValue(Palette)!).ToString(MudColorOutputFormats.Hex);

    private static void AssertContrast(string foreground, string background, double minimum, string what)
    {
        var ratio = Ratio(foreground, background);
        Assert.True(ratio >= minimum, $"{what}: {foreground} on {background} is {ratio:0.00}:1, below {minimum}:1");
    }

    /// <summary>WCAG 2 contrast ratio of two opaque #rrggbb colours.</summary>
    private static double Ratio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        var (r, g, b) = Channels(hex);
        static double Linear(double c) => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        return 0.2126 * Linear(r / 255.0) + 0.7152 * Linear(g / 255.0) + 0.0722 * Linear(b / 255.0);
    }

    private static string Blend(string foreground, string background, double alpha)
    {
        var (fr, fg, fb) = Channels(foreground);
        var (br, bg, bb) = Channels(background);
        int Mix(int f, int k) => (int)Math.Round(f * alpha + k * (1 - alpha));
        return $"#{Mix(fr, br):x2}{Mix(fg, bg):x2}{Mix(fb, bb):x2}";
    }

    private static (int R, int G, int B) Channels(string hex)
    {
        var digits = hex.TrimStart('#')[..6];
        int Channel(int at) => int.Parse(digits.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (Channel(0), Channel(2), Channel(4));
    }
}
