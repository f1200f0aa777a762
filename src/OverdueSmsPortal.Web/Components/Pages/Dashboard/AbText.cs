using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Dashboard;

/// <summary>How the A/B page words its figures and its verdicts.</summary>
public static class AbText
{
    public static string Rate(double? rate, bool perThousand = false) => rate is not { } value
        ? "—"
        : perThousand
            ? (value * 1000).ToString("N1", CultureInfo.CurrentCulture) + "‰"
            : value.ToString("P1", CultureInfo.CurrentCulture);

    /// <summary>The 95 % Wilson interval, "3.1% – 5.4%".</summary>
    public static string Interval(Proportion proportion, bool perThousand = false) => proportion.Interval() is not { } interval
        ? "—"
        : $"{Rate(interval.Low, perThousand)} – {Rate(interval.High, perThousand)}";

    /// <summary>"Variant B repays better, with 95 % confidence" / "Not enough data yet" for one measure (Repayment or Complaint).</summary>
    public static string Verdict(IStringLocalizer<SharedResource> l, string measure, AbComparison comparison) =>
        l[$"Ab.{measure}.{comparison.Verdict}", PValue(comparison.PValue)];

    /// <summary>
    /// "p = 0.017", or "p &lt; 0.001" below what three decimals show: a p-value is never zero, and "p = 0"
    /// would claim a certainty no test gives.
    /// </summary>
    public static string PValue(double? p) => p switch
    {
        null or double.NaN => "p = —",
        < 0.0005 => "p < " + 0.001.ToString("0.###", CultureInfo.CurrentCulture),
        { } value => "p = " + value.ToString("0.###", CultureInfo.CurrentCulture),
    };

    public static Severity Severity(AbComparison comparison) => comparison.Verdict switch
    {
        AbVerdict.BBetter or AbVerdict.ABetter => MudBlazor.Severity.Success,
        AbVerdict.NotEnoughData => MudBlazor.Severity.Info,
        _ => MudBlazor.Severity.Normal,
    };
}
