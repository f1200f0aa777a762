using System.Globalization;
using System.Text.RegularExpressions;

namespace OverdueSmsPortal.Core.Policy;

/// <summary>Times the lender's systems send as text (a payment's, a complaint's).</summary>
public static partial class IsoInstant
{
    /// <summary>
    /// An ISO 8601 time; without an offset it is a wall-clock time in <paramref name="zone"/>. Null when it is none.
    /// A time whose instant falls outside the calendar (year 1 east of Greenwich, year 9999 west of it) is
    /// read as the calendar's first or last instant, so that the validators refuse it as too early or in
    /// the future instead of the conversion failing.
    /// </summary>
    public static DateTimeOffset? Parse(string text, TimeZoneInfo zone)
    {
        text = text.Trim();
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return BeyondTheCalendar(text);
        }
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            var utcTicks = parsed.Ticks - zone.GetUtcOffset(parsed).Ticks;
            return utcTicks < DateTime.MinValue.Ticks ? DateTimeOffset.MinValue
                : utcTicks > DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay ? DateTimeOffset.MaxValue
                : ContactHours.ToInstant(parsed, zone);
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant.ToUniversalTime()
            : BeyondTheCalendar(text);
    }

    /// <summary>
    /// The first or last instant for a time in year 1 or 9999 whose offset moves it off the calendar, which
    /// neither <see cref="DateTime"/> nor <see cref="DateTimeOffset"/> parses; null for any other text.
    /// </summary>
    private static DateTimeOffset? BeyondTheCalendar(string text)
    {
        var match = WithOffset().Match(text);
        if (!match.Success
            || !DateTime.TryParse(match.Groups["local"].Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || int.Parse(match.Groups["hours"].Value, CultureInfo.InvariantCulture) > 14)
        {
            return null;
        }
        return local.Year switch
        {
            1 => DateTimeOffset.MinValue,
            9999 => DateTimeOffset.MaxValue,
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?<local>.+?)[+-](?<hours>\d{2}):?\d{2}$")]
    private static partial Regex WithOffset();
}

/// <summary>
/// The span of time a lender's report may name. Nothing the portal holds happened before 2000 (a year-1
/// time is a default value or a typing error, never a payment), and a due date is within the next two centuries.
/// </summary>
public static class ReportedTime
{
    /// <summary>The earliest time a payment or a complaint may have.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The earliest due date a customer may have.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>The latest due date a customer may have.</summary>
    public static readonly DateOnly LatestDate = new(2199, 12, 31);
}
