using Bunit;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The portal's one date and one time picker: yyyy-MM-dd and the 24-hour clock, whatever the language.</summary>
public sealed class DateAndTimeFieldTests : PortalComponentTest
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void A_day_is_shown_year_month_day_in_every_language(string culture)
    {
        using var _ = CultureScope.Use(culture);

        var field = Render<DateField>(p => p.Add(f => f.Value, "2026-11-08").Add(f => f.TestId, "day"));

        Assert.Equal("2026-11-08", field.Find(Input("day")).GetAttribute("value"));
    }

    [Fact]
    public void A_day_typed_as_the_operator_reads_it_reaches_the_page_as_yyyy_MM_dd()
    {
        using var _ = CultureScope.Use("zh-CN");
        string? reached = null;
        var field = Render<DateField>(p => p.Add(f => f.Value, "").Add(f => f.TestId, "day").Add(f => f.ValueChanged, v => reached = v));

        field.Find(Input("day")).Change("2026-12-31");

        Assert.Equal("2026-12-31", reached);
    }

    [Fact]
    public void A_day_typed_as_nonsense_does_not_change_the_day_the_page_holds()
    {
        using var _ = CultureScope.Use("zh-CN");
        var reached = new List<string?>();
        var field = Render<DateField>(p => p.Add(f => f.Value, "2026-11-08").Add(f => f.TestId, "day").Add(f => f.ValueChanged, v => reached.Add(v)));

        field.Find(Input("day")).Change("明天下午");

        Assert.All(reached, v => Assert.Equal("2026-11-08", v));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void An_evening_time_is_shown_on_the_24_hour_clock_without_am_or_pm(string culture)
    {
        using var _ = CultureScope.Use(culture);

        var field = Render<TimeField>(p => p.Add(f => f.Value, "20:30").Add(f => f.TestId, "time"));

        Assert.Equal("20:30", field.Find(Input("time")).GetAttribute("value"));
    }

    [Fact]
    public void A_time_typed_on_the_24_hour_clock_reaches_the_page_as_HH_mm()
    {
        using var _ = CultureScope.Use("en");
        string? reached = null;
        var field = Render<TimeField>(p => p.Add(f => f.Value, "09:00").Add(f => f.TestId, "time").Add(f => f.ValueChanged, v => reached = v));

        field.Find(Input("time")).Change("18:45");

        Assert.Equal("18:45", reached);
    }

    // Where MudBlazor puts the test id (the input or its wrapper) is its business; the input is what the operator types in.
    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";
}
