using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Core.Policy;

/// <summary>
/// The hard contact hours: collection messages leave only from 08:00 until 21:00 in the customer's own
/// time zone. No setting and no campaign window can widen them.
/// </summary>
public static class ContactHours
{
    public static readonly TimeOnly Opens = new(8, 0);
    public static readonly TimeOnly Closes = new(21, 0);

    /// <summary>How far ahead a waiting message looks for its next window before it gives up.</summary>
    private const int MaxDaysAhead = 400;

    /// <summary>Whether <paramref name="localTime"/> is inside the hard hours (08:00 included, 21:00 not).</summary>
    public static bool Contain(TimeOnly localTime) => localTime >= Opens && localTime < Closes;

    /// <summary>
    /// The first instant at or after <paramref name="now"/> at which a message may leave: inside the
    /// hard hours and the campaign's window, in the customer's zone; on the customer's Saturdays and
    /// Sundays the window's weekend hours when it has them. Null when there is none before
    /// <paramref name="deadline"/>: the message expires instead of waiting.
    /// </summary>
    public static DateTimeOffset? NextOpening(DateTimeOffset now, TimeZoneInfo zone, SendWindow window, int? paydayOfMonth,
        DateTimeOffset deadline)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var day = 0; day <= MaxDaysAhead; day++)
        {
            var date = today.AddDays(day);
            // The day's start bounds the search even when its hours are empty: every later day starts later.
            if (ToInstant(date.ToDateTime(Opens), zone) > deadline)
            {
                return null;
            }
            var hours = window.HoursOn(date.DayOfWeek).WithinContactHours();
            if (hours.IsEmpty || !window.IsSendingDay(date, paydayOfMonth))
            {
                continue;
            }
            var opens = ToInstant(date.ToDateTime(hours.From), zone);
            if (opens > deadline)
            {
                return null;
            }
            var closes = ToInstant(date.ToDateTime(hours.To), zone);
            var candidate = opens > now ? opens : now;
            if (candidate < closes)
            {
                return candidate <= deadline ? candidate : null;
            }
        }
        return null;
    }

    /// <summary>
    /// A local wall-clock time as an instant. A time that a daylight-saving jump skips is moved past
    /// the gap; an ambiguous one takes the zone's standard offset.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
