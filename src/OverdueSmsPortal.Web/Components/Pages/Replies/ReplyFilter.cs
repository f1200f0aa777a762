using System.Globalization;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Replies;

namespace OverdueSmsPortal.Web.Components.Pages.Replies;

/// <summary>What the filter bar of the replies list holds; dates are business days as the date fields give them.</summary>
public sealed record ReplyFilter
{
    public ReplyCategory? Category { get; init; }
    public bool? Matched { get; init; }
    public bool OnlyOptOuts { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Search { get; init; }

    public bool IsEmpty => Category is null && Matched is null && !OnlyOptOuts && Day(From) is null && Day(To) is null
                           && string.IsNullOrWhiteSpace(Search);

    /// <summary>The query for one page: a day range covers whole days in the business time zone, the last one included.</summary>
    public ReplyQuery ToQuery(BusinessClock clock, int page, int pageSize) => new()
    {
        Category = Category,
        Matched = Matched,
        OnlyOptOuts = OnlyOptOuts,
        From = Day(From) is { } from ? clock.ToInstant(from.ToDateTime(TimeOnly.MinValue)) : null,
        To = Day(To) is { } to ? clock.EndOf(to) : null,
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        Page = page,
        PageSize = pageSize,
    };

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
