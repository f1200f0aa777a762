using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Web.Components.Pages.Dashboard;
using OverdueSmsPortal.Web.Localization;
using OverdueSmsPortal.Web.Resources;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>How the A/B page words a test's p-value: never "p = 0", whatever the data.</summary>
public sealed class AbTextTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(0.0, "p < 0.001")]
    [InlineData(1e-12, "p < 0.001")]
    [InlineData(0.000499, "p < 0.001")]
    [InlineData(0.0005, "p = 0.001")]
    [InlineData(0.0174, "p = 0.017")]
    [InlineData(0.05, "p = 0.05")]
    [InlineData(1.0, "p = 1")]
    [InlineData(double.NaN, "p = —")]
    public void A_p_value_shows_three_decimals_or_that_it_is_below_them(double p, string shown)
    {
        using var _ = CultureScope.Use(PortalCultures.English);

        Assert.Equal(shown, AbText.PValue(p));
    }

    [Fact]
    public void A_missing_p_value_is_a_dash() => Assert.Equal("p = —", AbText.PValue(null));

    [Theory]
    [InlineData(PortalCultures.Chinese, "还款：版本 B 更好，置信度 95%（p < 0.001）。")]
    [InlineData(PortalCultures.English, "Repayment: variant B is better with 95 % confidence (p < 0.001).")]
    public void A_very_clear_split_says_p_is_below_a_thousandth_not_zero(string culture, string verdict)
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        using var _ = CultureScope.Use(culture);

        var text = AbText.Verdict(localizer, "Repayment", new AbComparison(0.08, 5.2, 0.0000002, AbVerdict.BBetter));

        Assert.Equal(verdict, text);
    }
}
