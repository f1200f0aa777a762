using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Time;

/// <summary>
/// Today's date in the lender's business time zone, from the one injectable clock: days overdue, a
/// campaign's first day and a dashboard's day all turn on which day it is there, not on the server's.
/// </summary>
public sealed class BusinessClock(TimeProvider clock, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset UtcNow() => clock.GetUtcNow();

    public DateOnly Today() => DateOnly.FromDateTime(ToBusinessTime(clock.GetUtcNow()).DateTime);

    /// <summary>An instant as the lender's staff read it: in the business time zone.</summary>
    public DateTimeOffset ToBusinessTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>A wall-clock time in the business time zone as a UTC instant.</summary>
    public DateTimeOffset ToInstant(DateTime businessTime) => ContactHours.ToInstant(businessTime, Zone);

    /// <summary>The instant a business day ends: midnight at its close.</summary>
    public DateTimeOffset EndOf(DateOnly day) => ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
}
