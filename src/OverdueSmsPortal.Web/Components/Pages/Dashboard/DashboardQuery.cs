using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Outcomes;

namespace OverdueSmsPortal.Web.Components.Pages.Dashboard;

/// <summary>
/// The dashboard's filter as it travels in the address: the page, its drill-downs and its CSV exports
/// share one query string, so a link shows what the reader saw. Unknown or malformed values are
/// ignored, never an error.
/// </summary>
public static class DashboardQuery
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366 * 3;

    public static DashboardFilter Parse(IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues> query, DateOnly today)
    {
        var to = Date(query, "to") ?? today;
        var from = Date(query, "from") ?? to.AddDays(1 - DefaultDays);
        if (from > to)
        {
            (from, to) = (to, from);
        }
        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            from = to.AddDays(1 - MaxDays);
        }
        return new DashboardFilter(from, to,
            CampaignId: Long(query, "campaign"),
            SegmentId: Long(query, "segment"),
            Tone: Enum<Tone>(query, "tone"),
            TemplateVersionId: Long(query, "version"),
            Region: query.TryGetValue("region", out var region) && !string.IsNullOrWhiteSpace(region) ? region.ToString() : null,
            Product: Enum<LoanProduct>(query, "product"),
            Variant: Enum<Variant>(query, "variant"));
    }

    public static DashboardFilter Parse(Uri uri, DateOnly today) => Parse(QueryHelpers.ParseQuery(uri.Query), today);

    /// <summary>The filter as a query string without the leading "?".</summary>
    public static string Format(DashboardFilter filter, DashboardMeasure? measure = null)
    {
        var parts = new List<KeyValuePair<string, string?>>
        {
            new("from", filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("to", filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        Add(parts, "campaign", filter.CampaignId?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "segment", filter.SegmentId?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "tone", filter.Tone?.ToString());
        Add(parts, "version", filter.TemplateVersionId?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "region", filter.Region);
        Add(parts, "product", filter.Product?.ToString());
        Add(parts, "variant", filter.Variant?.ToString());
        Add(parts, "measure", measure?.ToString());
        return QueryString.Create(parts).ToUriComponent().TrimStart('?');
    }

    public static DashboardMeasure Measure(IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues> query) =>
        Enum<DashboardMeasure>(query, "measure") ?? DashboardMeasure.Sent;

    private static void Add(List<KeyValuePair<string, string?>> parts, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(new(key, value));
        }
    }

    private static DateOnly? Date(IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
        query.TryGetValue(key, out var value)
        && DateOnly.TryParseExact(value.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static long? Long(IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
        query.TryGetValue(key, out var value) && long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static T? Enum<T>(IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) where T : struct, System.Enum =>
        query.TryGetValue(key, out var value) && System.Enum.TryParse<T>(value.ToString(), ignoreCase: true, out var parsed)
                                              && System.Enum.IsDefined(parsed) && !long.TryParse(value.ToString(), out _)
            ? parsed
            : null;
}
