namespace OverdueSmsPortal.Core.Campaigns;

/// <summary>Days of the week a campaign may send on.</summary>
[Flags]
public enum WeekDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Workdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    Weekend = Saturday | Sunday,
    All = Workdays | Weekend,
}

public static class WeekDaysExtensions
{
    public static WeekDays ToWeekDay(this DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => WeekDays.Monday,
        DayOfWeek.Tuesday => WeekDays.Tuesday,
        DayOfWeek.Wednesday => WeekDays.Wednesday,
        DayOfWeek.Thursday => WeekDays.Thursday,
        DayOfWeek.Friday => WeekDays.Friday,
        DayOfWeek.Saturday => WeekDays.Saturday,
        _ => WeekDays.Sunday,
    };

    /// <summary>Whether the day is a Saturday or a Sunday.</summary>
    public static bool IsWeekend(this DayOfWeek day) => day is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>The single days in the set, Monday first.</summary>
    public static IEnumerable<WeekDays> Singles(this WeekDays days) =>
        Enum.GetValues<WeekDays>().Where(d => d != WeekDays.None && (d & (d - 1)) == 0 && days.HasFlag(d));
}

/// <summary>
/// When a campaign's messages may leave, read in each customer's own time zone: a time of day inside
/// the hard contact hours (optionally another one on Saturdays and Sundays), the days of the week, and
/// optionally only the days before the customer's payday (DESIGN §2.9).
/// </summary>
/// <param name="From">Earliest local time of day, not before 08:00.</param>
/// <param name="To">Local time of day by which messages stop, not after 21:00.</param>
/// <param name="Days">Days of the week it sends on.</param>
/// <param name="DaysBeforePayday">Send only from this many days before the customer's payday up to the payday; customers without a known payday are not held back.</param>
/// <param name="WeekendFrom">Earliest local time on Saturdays and Sundays; with <paramref name="WeekendTo"/>, replaces <paramref name="From"/> there.</param>
/// <param name="WeekendTo">Local time by which messages stop on Saturdays and Sundays.</param>
public sealed record SendWindow(TimeOnly From, TimeOnly To, WeekDays Days = WeekDays.All, int? DaysBeforePayday = null,
    TimeOnly? WeekendFrom = null, TimeOnly? WeekendTo = null)
{
    public const int MaxDaysBeforePayday = 10;

    /// <summary>The widest window: the hard contact hours, every day.</summary>
    public static readonly SendWindow ContactHours = new(Policy.ContactHours.Opens, Policy.ContactHours.Closes);

    /// <summary>
    /// The guidance's window and the builder's default: 18:00–20:30 on workdays, 09:00–20:30 at
    /// weekends, every day of the week.
    /// </summary>
    public static readonly SendWindow Recommended = new(new TimeOnly(18, 0), new TimeOnly(20, 30),
        WeekendFrom: new TimeOnly(9, 0), WeekendTo: new TimeOnly(20, 30));

    /// <summary>Whether Saturdays and Sundays have hours of their own.</summary>
    public bool HasWeekendHours => WeekendFrom is not null && WeekendTo is not null;

    /// <summary>The window's own hours on <paramref name="day"/>, before the hard contact hours clamp them.</summary>
    public DailyHours HoursOn(DayOfWeek day) =>
        day.IsWeekend() && WeekendFrom is { } from && WeekendTo is { } to ? new(from, to) : new(From, To);

    /// <summary>Whether a customer's local date is a sending day of this window.</summary>
    public bool IsSendingDay(DateOnly localDate, int? paydayOfMonth)
    {
        if (!Days.HasFlag(localDate.DayOfWeek.ToWeekDay()))
        {
            return false;
        }
        if (DaysBeforePayday is not { } before || paydayOfMonth is not { } payday)
        {
            return true;
        }
        // The payday of this month and of the next: a payday on the 3rd is near the end of the month before.
        var thisMonth = Payday(localDate.Year, localDate.Month, payday);
        var next = localDate.AddMonths(1);
        var nextMonth = Payday(next.Year, next.Month, payday);
        return IsWithin(thisMonth) || IsWithin(nextMonth);

        bool IsWithin(DateOnly paydayDate)
        {
            var daysUntil = paydayDate.DayNumber - localDate.DayNumber;
            return daysUntil >= 0 && daysUntil <= before;
        }
    }

    private static DateOnly Payday(int year, int month, int dayOfMonth) =>
        new(year, month, Math.Min(dayOfMonth, DateTime.DaysInMonth(year, month)));
}


/// <summary>The hours of one day of a send window: from <see cref="From"/> included until <see cref="To"/> excluded.</summary>
public readonly record struct DailyHours(TimeOnly From, TimeOnly To)
{
    /// <summary>Whether <paramref name="time"/> falls inside the hours.</summary>
    public bool Contain(TimeOnly time) => time >= From && time < To;

    /// <summary>These hours cut to the hard contact hours; empty (<c>From &gt;= To</c>) when nothing is left.</summary>
    public DailyHours WithinContactHours() => new(
        From > Policy.ContactHours.Opens ? From : Policy.ContactHours.Opens,
        To < Policy.ContactHours.Closes ? To : Policy.ContactHours.Closes);

    public bool IsEmpty => From >= To;
}
