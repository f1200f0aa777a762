using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Tests.Policy;

/// <summary>A send window with hours of its own on Saturdays and Sundays, read in each customer's zone.</summary>
public sealed class WeekendHoursTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Urumqi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset FarAway = new(2027, 12, 31, 0, 0, 0, TimeSpan.Zero);

    // 2026-11-28 is a Saturday, 2026-11-30 a Monday.
    private static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0) =>
        ContactHours.ToInstant(new DateTime(year, month, day, hour, minute, 0), zone);

    private static DateTimeOffset? Next(DateTimeOffset now, TimeZoneInfo zone, SendWindow window, DateTimeOffset? deadline = null) =>
        ContactHours.NextOpening(now, zone, window, null, deadline ?? FarAway);

    [Fact]
    public void The_recommended_window_is_evenings_on_workdays_and_the_day_at_weekends()
    {
        Assert.Equal(new DailyHours(new TimeOnly(18, 0), new TimeOnly(20, 30)), SendWindow.Recommended.HoursOn(DayOfWeek.Monday));
        Assert.Equal(new DailyHours(new TimeOnly(9, 0), new TimeOnly(20, 30)), SendWindow.Recommended.HoursOn(DayOfWeek.Saturday));
        Assert.Equal(new DailyHours(new TimeOnly(9, 0), new TimeOnly(20, 30)), SendWindow.Recommended.HoursOn(DayOfWeek.Sunday));
        Assert.Equal(WeekDays.All, SendWindow.Recommended.Days);
    }

    [Fact]
    public void On_a_saturday_morning_a_message_leaves_at_once()
    {
        var saturdayTen = Local(Shanghai, 2026, 11, 28, 10);
        Assert.Equal(saturdayTen, Next(saturdayTen, Shanghai, SendWindow.Recommended));
    }

    [Fact]
    public void On_a_monday_morning_a_message_waits_for_the_evening()
    {
        var mondayTen = Local(Shanghai, 2026, 11, 30, 10);
        Assert.Equal(Local(Shanghai, 2026, 11, 30, 18), Next(mondayTen, Shanghai, SendWindow.Recommended));
    }

    [Fact]
    public void Late_on_a_friday_a_message_waits_for_saturday_morning_not_saturday_evening()
    {
        var fridayLate = Local(Shanghai, 2026, 11, 27, 20, 45);
        Assert.Equal(Local(Shanghai, 2026, 11, 28, 9), Next(fridayLate, Shanghai, SendWindow.Recommended));
    }

    [Fact]
    public void Late_on_a_sunday_a_message_waits_for_monday_evening()
    {
        var sundayLate = Local(Shanghai, 2026, 11, 29, 20, 30);
        Assert.Equal(Local(Shanghai, 2026, 11, 30, 18), Next(sundayLate, Shanghai, SendWindow.Recommended));
    }

    [Fact]
    public void The_weekend_is_the_customers_own_saturday()
    {
        // Saturday 09:30 in Shanghai is Saturday 07:30 in Urumqi: the Urumqi customer waits until 09:00 there.
        var now = Local(Shanghai, 2026, 11, 28, 9, 30);
        Assert.Equal(now, Next(now, Shanghai, SendWindow.Recommended));
        Assert.Equal(Local(Urumqi, 2026, 11, 28, 9), Next(now, Urumqi, SendWindow.Recommended));
    }

    [Fact]
    public void Friday_evening_in_new_york_is_already_saturday_in_shanghai()
    {
        // Saturday 08:30 in Shanghai is Friday 19:30 in New York: one customer waits, the other is inside the window.
        var now = Local(Shanghai, 2026, 11, 28, 8, 30);
        Assert.Equal(Local(Shanghai, 2026, 11, 28, 9), Next(now, Shanghai, SendWindow.Recommended));
        Assert.Equal(now, Next(now, NewYork, SendWindow.Recommended));
    }

    [Fact]
    public void The_weekend_opening_follows_the_daylight_saving_change()
    {
        // New York springs forward on Sunday 2026-03-08: 09:00 is 14:00 UTC on Saturday and 13:00 UTC on Sunday.
        var saturdayLate = Local(NewYork, 2026, 3, 7, 21);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 13, 0, 0, TimeSpan.Zero), Next(saturdayLate, NewYork, SendWindow.Recommended));
        var fridayLate = Local(NewYork, 2026, 3, 6, 21);
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 14, 0, 0, TimeSpan.Zero), Next(fridayLate, NewYork, SendWindow.Recommended));
    }

    [Fact]
    public void Weekend_hours_are_still_cut_to_the_hard_contact_hours()
    {
        // A window built past the validator: 06:00–23:00 at weekends still opens at 08:00 and closes at 21:00.
        var wide = SendWindow.Recommended with { WeekendFrom = new TimeOnly(6, 0), WeekendTo = new TimeOnly(23, 0) };
        Assert.Equal(Local(Shanghai, 2026, 11, 28, 8), Next(Local(Shanghai, 2026, 11, 28, 6), Shanghai, wide));
        Assert.Equal(Local(Shanghai, 2026, 11, 29, 8), Next(Local(Shanghai, 2026, 11, 28, 21), Shanghai, wide));
    }

    [Fact]
    public void Without_weekend_hours_saturday_keeps_the_workday_hours()
    {
        var evenings = new SendWindow(new TimeOnly(18, 0), new TimeOnly(20, 30));
        Assert.Equal(Local(Shanghai, 2026, 11, 28, 18), Next(Local(Shanghai, 2026, 11, 28, 10), Shanghai, evenings));
    }

    [Fact]
    public void Half_a_weekend_window_is_no_weekend_window()
    {
        var half = new SendWindow(new TimeOnly(18, 0), new TimeOnly(20, 30), WeekendFrom: new TimeOnly(9, 0));
        Assert.False(half.HasWeekendHours);
        Assert.Equal(new DailyHours(new TimeOnly(18, 0), new TimeOnly(20, 30)), half.HoursOn(DayOfWeek.Saturday));
    }

    [Fact]
    public void A_workday_window_outside_the_contact_hours_still_lets_the_weekend_send()
    {
        // Nothing is left of 21:00–21:00 on workdays; the weekend hours still open.
        var weekendOnly = SendWindow.Recommended with { From = new TimeOnly(21, 0), To = new TimeOnly(21, 30) };
        Assert.Equal(Local(Shanghai, 2026, 11, 28, 9), Next(Local(Shanghai, 2026, 11, 24, 10), Shanghai, weekendOnly));
    }

    [Fact]
    public void A_deadline_before_the_weekend_opening_expires_the_message()
    {
        var fridayLate = Local(Shanghai, 2026, 11, 27, 20, 45);
        Assert.Null(Next(fridayLate, Shanghai, SendWindow.Recommended, deadline: Local(Shanghai, 2026, 11, 28, 8, 59)));
    }
}
