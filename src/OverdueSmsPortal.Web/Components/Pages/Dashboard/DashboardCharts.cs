using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Charts;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Dashboard;

/// <summary>One of the dashboard's charts: its kind, days, series and axis, ready for a <see cref="MudChart{T}"/>.</summary>
public sealed record DashboardChart(ChartType Type, string[] Labels, List<ChartSeries<double>> Series, LineChartOptions LineOptions,
    BarChartOptions BarOptions)
{
    public IAxisChartOptions Axis => Type == ChartType.Bar ? BarOptions : LineOptions;
}

/// <summary>
/// Turns the dashboard's days into its volume and rate charts. A rate over no messages is no point
/// (a gap, not a 0 % that reads as a crash); with only a few days of messages the charts are bars of
/// those days, because a line from one point ramps from nothing.
/// </summary>
public static class DashboardCharts
{
    /// <summary>Fewer days with messages than this and a line says more than the data: bars instead.</summary>
    public const int FewestDaysForLines = 5;

    public static (DashboardChart Volume, DashboardChart Rates) Build(DashboardView view, IStringLocalizer<SharedResource> l)
    {
        var byDay = view.ByDay.Where(d => d.Counts.Planned > 0 || d.Counts.Sent > 0)
            .ToDictionary(d => d.Key, d => d.Counts.Figures());
        var withMessages = byDay.Where(d => d.Value.Sent > 0).Select(d => d.Key).ToHashSet();
        var bars = withMessages.Count < FewestDaysForLines;
        var days = bars ? withMessages.Order().ToList() : Period(view.Filter).ToList();
        OutcomeFigures On(DateOnly day) => byDay.GetValueOrDefault(day) ?? new OutcomeFigures();

        // Every label on a short period; on a long one about eight, so that they never run into each other.
        var step = Math.Max(1, (int)Math.Ceiling(days.Count / 8.0));
        var labels = days.Select((d, i) => i % step == 0 ? d.ToString("M/d", CultureInfo.InvariantCulture) : "").ToArray();
        var type = bars ? ChartType.Bar : ChartType.Line;

        var sent = new ChartSeries<double> { Name = l["Dashboard.Sent"], Data = days.Select(d => (double)On(d).Sent).ToArray() };
        var volume = new List<ChartSeries<double>>
        {
            sent,
            new() { Name = l["Dashboard.Delivered"], Data = days.Select(d => (double)On(d).Delivered).ToArray() },
            new() { Name = l["Dashboard.Failed"], Data = days.Select(d => (double)On(d).Failed).ToArray() },
        };
        var volumeMax = days.Count == 0 ? 0 : days.Max(d => (double)On(d).Sent);
        var volumeStep = NiceStep(volumeMax);
        var volumeLine = Line(volumeStep, RoundUp(volumeMax, volumeStep), v => v.ToString("N0", CultureInfo.CurrentCulture));
        // Sent is drawn as a filled area under the other lines: where every message was delivered the two
        // lines coincide, and the area keeps "sent" in sight instead of hiding it under "delivered".
        volumeLine.SeriesDisplayOverrides = new Dictionary<IChartSeries, SeriesDisplayOverride>
        {
            [sent] = new() { LineDisplayType = LineDisplayType.Area, FillOpacity = 0.18 },
        };

        var rates = new List<ChartSeries<double>>
        {
            Rate(l["Dashboard.ReplyRate"], days, d => On(d).ReplyRate),
            Rate(l["Dashboard.RepaymentRate"], days, d => On(d).RepaymentRate),
            Rate(l["Dashboard.OptOutRate"], days, d => On(d).OptOutRate),
        };
        var rateMax = RateAxisMax(rates.SelectMany(s => s.Data.Points).Where(p => p.HasValue).Select(p => p.Y).DefaultIfEmpty(0).Max());
        var rateStep = RateTick(rateMax);
        static string PercentLabel(double v) => v.ToString("0", CultureInfo.CurrentCulture) + "%";

        return (
            new DashboardChart(type, labels, volume, volumeLine,
                Bar(volumeStep, RoundUp(volumeMax, volumeStep), v => v.ToString("N0", CultureInfo.CurrentCulture))),
            new DashboardChart(type, labels, rates, Line(rateStep, rateMax, PercentLabel), Bar(rateStep, rateMax, PercentLabel)));
    }

    /// <summary>The top of the rate axis: the next 10 % above the highest rate, never under 10 %, never over 100 %.</summary>
    public static double RateAxisMax(double highestPercent) =>
        Math.Clamp(Math.Floor(highestPercent / 10) * 10 + 10, 10, 100);

    /// <summary>Every 5 % up to 20 %, every 10 % above: five to ten labelled lines.</summary>
    public static int RateTick(double axisMax) => axisMax <= 20 ? 5 : 10;

    private static IEnumerable<DateOnly> Period(DashboardFilter filter)
    {
        for (var day = filter.From; day <= filter.To; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>A rate in percent per day; a day without messages has no value, which the line leaves as a gap.</summary>
    private static ChartSeries<double> Rate(string name, IEnumerable<DateOnly> days, Func<DateOnly, double?> rate) => new()
    {
        Name = name,
        Data = days.Select(d => rate(d) is { } value ? Math.Round(value * 100, 2) : (double?)null).ToArray(),
    };

    /// <summary>1, 2 or 5 times a power of ten, so that the axis has at most about six labelled lines.</summary>
    private static int NiceStep(double max)
    {
        var step = 1;
        while (max / step > 6)
        {
            step = step.ToString(CultureInfo.InvariantCulture)[0] switch { '1' => step * 2, '2' => step / 2 * 5, _ => step * 2 };
        }
        return step;
    }

    private static double RoundUp(double max, int step) => Math.Max(step, Math.Ceiling(max / step) * step);

    private static LineChartOptions Line(int tick, double max, Func<double, string> label) => new()
    {
        YAxisTicks = tick,
        MaxNumYAxisTicks = (int)(max / tick) + 1,
        YAxisSuggestedMax = max,
        YAxisToStringFunc = label,
        YAxisRequireZeroPoint = true,
        ClampToZero = true,
        ShowDataMarkers = true,
        ConnectNullPoints = false,
        InterpolationOption = InterpolationOption.Straight,
        LineStrokeWidth = 2.5,
    };

    private static BarChartOptions Bar(int tick, double max, Func<double, string> label) => new()
    {
        YAxisTicks = tick,
        MaxNumYAxisTicks = (int)(max / tick) + 1,
        YAxisSuggestedMax = max,
        YAxisToStringFunc = label,
        // A day's bars stay slim side by side; stretched over the whole width one day reads as a wall.
        FixedBarWidth = 28,
    };
}
