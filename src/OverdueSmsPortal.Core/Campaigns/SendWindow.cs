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

    /// <summary>The single days in the set, Monday first.</summary>
    public static IEnumerable<WeekDays> Singles(this WeekDays days) =>
        Enum.GetValues<WeekDays>().Where(d => d != WeekDays.None && (d & (d - 1)) == 0 && days.HasFlag(d));
}

/// <summary>
/// When a campaign's messages may leave, read in each customer's own time zone: a time of day inside
/// the hard contact hours, the days of the week, and optionally only the days before the customer's
/// payday (DESIGN §2.9).
/// </summary>
/// <param name="From">Earliest local time of day, not before 08:00.</param>
/// <param name="To">Local time of day by which messages stop, not after 21:00.</param>
/// <param name="Days">Days of the week it sends on.</param>
/// <param name="DaysBeforePayday">Send only from this many days before the customer's payday up to the payday; customers without a known payday are not held back.</param>
public sealed record SendWindow(TimeOnly From, TimeOnly To, WeekDays Days = WeekDays.All, int? DaysBeforePayday = null)
{
    public const int MaxDaysBeforePayday = 10;

    /// <summary>The widest window: the hard contact hours, every day.</summary>
    public static readonly SendWindow ContactHours = new(Policy.ContactHours.Opens, Policy.ContactHours.Closes);

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
