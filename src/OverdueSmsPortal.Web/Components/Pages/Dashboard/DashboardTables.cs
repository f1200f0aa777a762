using System.Globalization;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Dashboard;

public enum FigureKind
{
    Count,
    Rate,
    Money,
    PerThousand,
}

/// <summary>One figure of the dashboard: its label key, how it is made from counts, and the messages behind it.</summary>
public sealed record FigureColumn(string Key, FigureKind Kind, DashboardMeasure Measure, Func<OutcomeFigures, double?> Value)
{
    /// <summary>The figure for a reader in <paramref name="culture"/>: 1,234 · 12.3% · ¥1,234.50 · 2.5‰; "—" when there is nothing to divide by.</summary>
    public string Format(OutcomeFigures figures, CultureInfo culture) => Value(figures) is not { } value
        ? "—"
        : Kind switch
        {
            FigureKind.Count => value.ToString("N0", culture),
            FigureKind.Rate => value.ToString("P1", culture),
            FigureKind.Money => "¥" + value.ToString("N2", culture),
            _ => value.ToString("N1", culture),
        };

    /// <summary>The figure for a spreadsheet: plain invariant numbers, rates as fractions, amounts in yuan.</summary>
    public string Raw(OutcomeFigures figures) => Value(figures) is not { } value
        ? ""
        : Kind switch
        {
            FigureKind.Count => value.ToString("0", CultureInfo.InvariantCulture),
            FigureKind.Money => value.ToString("0.00", CultureInfo.InvariantCulture),
            _ => value.ToString("0.####", CultureInfo.InvariantCulture),
        };
}

/// <summary>A table of the dashboard: the columns naming each row, and the rows with their counts.</summary>
public sealed record DashboardTable(string Name, IReadOnlyList<string> KeyHeaders, IReadOnlyList<DashboardTableRow> Rows);

/// <summary>One row: its names, the filter that narrows the dashboard to it (for drill-down), and its counts.</summary>
public sealed record DashboardTableRow(IReadOnlyList<string> Keys, DashboardFilter Filter, RollupCounts Counts)
{
    public OutcomeFigures Figures { get; } = Counts.Figures();
}

/// <summary>The dashboard's figures and tables, shared by the page and its CSV exports.</summary>
public static class DashboardTables
{
    public const string Days = "days";
    public const string SegmentTones = "segments";
    public const string Campaigns = "campaigns";
    public const string Versions = "versions";
    public const string Ab = "ab";

    public static readonly IReadOnlyList<string> Names = [Days, SegmentTones, Campaigns, Versions, Ab];

    public static readonly IReadOnlyList<FigureColumn> Columns =
    [
        new("Dashboard.Sent", FigureKind.Count, DashboardMeasure.Sent, f => f.Sent),
        new("Dashboard.Delivered", FigureKind.Count, DashboardMeasure.Delivered, f => f.Delivered),
        new("Dashboard.DeliveryRate", FigureKind.Rate, DashboardMeasure.Delivered, f => f.DeliveryRate),
        new("Dashboard.Failed", FigureKind.Count, DashboardMeasure.Failed, f => f.Failed),
        new("Dashboard.Suppressed", FigureKind.Count, DashboardMeasure.Suppressed, f => f.Suppressed),
        new("Dashboard.ReplyRate", FigureKind.Rate, DashboardMeasure.Replied, f => f.ReplyRate),
        new("Dashboard.RepaymentRate", FigureKind.Rate, DashboardMeasure.Repaid, f => f.RepaymentRate),
        new("Dashboard.Recovered", FigureKind.Money, DashboardMeasure.Repaid, f => (double)f.AmountRecovered),
        new("Dashboard.ComplaintsPerThousand", FigureKind.PerThousand, DashboardMeasure.Complained, f => f.ComplaintsPerThousand),
        new("Dashboard.OptOutRate", FigureKind.Rate, DashboardMeasure.OptedOut, f => f.OptOutRate),
    ];

    public static DashboardTable Build(string name, DashboardView view, DashboardChoices choices, IStringLocalizer<SharedResource> l,
        CultureInfo culture)
    {
        var filter = view.Filter;
        return name switch
        {
            Days => new DashboardTable(name, [l["Dashboard.Day"]],
                // The portal writes days as 2026-12-01 everywhere, in either language; "d" gave 2026/12/1 and,
                // in the CSV export, 12/01/2026.
                view.ByDay.Select(d => new DashboardTableRow([d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], filter with { From = d.Key, To = d.Key }, d.Counts))
                    .ToList()),
            SegmentTones => new DashboardTable(name, [l["Dashboard.Segment"], l["Dashboard.Tone"]],
                view.BySegmentTone.Select(s => new DashboardTableRow(
                    [choices.Segments.GetValueOrDefault(s.Key.SegmentId, $"#{s.Key.SegmentId}"), l[$"Tone.{s.Key.Tone}"]],
                    filter with { SegmentId = s.Key.SegmentId, Tone = s.Key.Tone }, s.Counts)).ToList()),
            Campaigns => new DashboardTable(name, [l["Dashboard.Campaign"]],
                view.ByCampaign.Select(c => new DashboardTableRow([choices.Campaigns.GetValueOrDefault(c.Key, $"#{c.Key}")],
                    filter with { CampaignId = c.Key }, c.Counts)).ToList()),
            Versions => new DashboardTable(name, [l["Dashboard.TemplateVersion"]],
                view.ByTemplateVersion.Select(v => new DashboardTableRow([VersionLabel(v.Key, choices, l)],
                    filter with { TemplateVersionId = v.Key }, v.Counts)).ToList()),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a dashboard table."),
        };
    }

    public static string VersionLabel(long? versionId, DashboardChoices choices, IStringLocalizer<SharedResource> l) =>
        versionId is { } id && choices.Versions.TryGetValue(id, out var version)
            ? l["Dashboard.VersionLabel", version.Segment, l[$"Tone.{version.Tone}"], version.Number]
            : l["Dashboard.NoVersion"];
}
