using System.Globalization;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Web.Components.Pages.Complaints;

/// <summary>What the filter bar of the complaints list holds; dates are business days as the date fields give them.</summary>
public sealed record ComplaintFilter
{
    public ComplaintStatus? Status { get; init; }
    public ComplaintCategory? Category { get; init; }
    public ComplaintSeverity? Severity { get; init; }
    public ComplaintSource? Source { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? AccountRef { get; init; }

    public bool IsEmpty => Status is null && Category is null && Severity is null && Source is null && Day(From) is null && Day(To) is null
                           && string.IsNullOrWhiteSpace(AccountRef);

    /// <summary>The query for one page: a day range covers whole days in the business time zone, the last one included.</summary>
    public ComplaintQuery ToQuery(BusinessClock clock, int page, int pageSize) => new()
    {
        Status = Status,
        Category = Category,
        Severity = Severity,
        Source = Source,
        From = Day(From) is { } from ? clock.ToInstant(from.ToDateTime(TimeOnly.MinValue)) : null,
        To = Day(To) is { } to ? clock.EndOf(to) : null,
        AccountRef = string.IsNullOrWhiteSpace(AccountRef) ? null : AccountRef.Trim(),
        Page = page,
        PageSize = pageSize,
    };

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
