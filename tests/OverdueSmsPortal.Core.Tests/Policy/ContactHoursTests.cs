using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Tests.Policy;

public sealed class ContactHoursTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Urumqi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset FarAway = new(2027, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        ContactHours.ToInstant(new DateTime(year, month, day, hour, minute, second), zone);

    private static DateTimeOffset? Next(DateTimeOffset now, TimeZoneInfo zone, SendWindow? window = null, int? payday = null,
        DateTimeOffset? deadline = null) =>
        ContactHours.NextOpening(now, zone, window ?? SendWindow.ContactHours, payday, deadline ?? FarAway);

    [Fact]
    public void At_eight_sharp_a_message_may_leave()
    {
        var eight = Local(Shanghai, 2026, 11, 24, 8);
        Assert.Equal(eight, Next(eight, Shanghai));
    }

    [Fact]
    public void One_second_before_eight_it_waits_until_eight()
    {
        var before = Local(Shanghai, 2026, 11, 24, 7, 59, 59);
        Assert.Equal(Local(Shanghai, 2026, 11, 24, 8), Next(before, Shanghai));
    }

    [Fact]
    public void One_second_before_nine_in_the_evening_it_may_still_leave()
    {
        var late = Local(Shanghai, 2026, 11, 24, 20, 59, 59);
        Assert.Equal(late, Next(late, Shanghai));
    }

    [Fact]
    public void At_nine_in_the_evening_it_waits_until_eight_next_morning()
    {
        var nine = Local(Shanghai, 2026, 11, 24, 21);
        Assert.Equal(Local(Shanghai, 2026, 11, 25, 8), Next(nine, Shanghai));
    }

    [Fact]
    public void Hours_are_read_in_the_customers_own_zone()
    {
        // 09:00 in Shanghai (UTC+8) is 07:00 in Urumqi (UTC+6): the Urumqi customer waits an hour.
        var now = Local(Shanghai, 2026, 11, 24, 9);
        Assert.Equal(now, Next(now, Shanghai));
        Assert.Equal(now.AddHours(1), Next(now, Urumqi));
    }

    [Fact]
    public void Daylight_saving_time_moves_the_utc_instant_of_eight_oclock()
    {
        // New York: 08:00 is 13:00 UTC in winter (EST) and 12:00 UTC in summer (EDT).
        var winter = Next(new DateTimeOffset(2026, 1, 15, 12, 30, 0, TimeSpan.Zero), NewYork);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 13, 0, 0, TimeSpan.Zero), winter);
        var summer = Next(new DateTimeOffset(2026, 7, 15, 11, 30, 0, TimeSpan.Zero), NewYork);
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero), summer);
    }

    [Fact]
    public void On_the_day_clocks_spring_forward_eight_oclock_is_still_eight_local()
    {
        // 2026-03-08: New York jumps from 02:00 to 03:00; 08:00 EDT is 12:00 UTC.
        var night = new DateTimeOffset(2026, 3, 8, 6, 0, 0, TimeSpan.Zero);
        var opening = Next(night, NewYork)!.Value;
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero), opening);
        Assert.Equal(8, TimeZoneInfo.ConvertTime(opening, NewYork).Hour);
    }

    [Fact]
    public void A_campaign_window_narrows_the_hours()
    {
        var evenings = new SendWindow(new TimeOnly(18, 0), new TimeOnly(20, 30));
        var noon = Local(Shanghai, 2026, 11, 24, 12);
        Assert.Equal(Local(Shanghai, 2026, 11, 24, 18), Next(noon, Shanghai, evenings));
        var late = Local(Shanghai, 2026, 11, 24, 20, 30);
        Assert.Equal(Local(Shanghai, 2026, 11, 25, 18), Next(late, Shanghai, evenings));
    }

    [Fact]
    public void A_window_wider_than_the_contact_hours_is_held_to_them()
    {
        var wide = new SendWindow(new TimeOnly(6, 0), new TimeOnly(23, 0));
        Assert.Equal(Local(Shanghai, 2026, 11, 24, 8), Next(Local(Shanghai, 2026, 11, 24, 6, 30), Shanghai, wide));
        Assert.Equal(Local(Shanghai, 2026, 11, 25, 8), Next(Local(Shanghai, 2026, 11, 24, 22), Shanghai, wide));
    }

    [Fact]
    public void A_weekend_window_waits_for_saturday()
    {
        var weekend = SendWindow.ContactHours with { Days = WeekDays.Weekend };
        var tuesday = Local(Shanghai, 2026, 11, 24, 10); // 2026-11-24 is a Tuesday
        Assert.Equal(Local(Shanghai, 2026, 11, 28, 8), Next(tuesday, Shanghai, weekend));
    }

    [Fact]
    public void A_payday_window_sends_only_in_the_days_up_to_payday()
    {
        var beforePayday = SendWindow.ContactHours with { DaysBeforePayday = 3 };
        var now = Local(Shanghai, 2026, 11, 24, 10);
        Assert.Equal(Local(Shanghai, 2026, 12, 7, 8), Next(now, Shanghai, beforePayday, payday: 10));
        Assert.Equal(now, Next(now, Shanghai, beforePayday, payday: 25));
        Assert.Equal(now, Next(now, Shanghai, beforePayday, payday: null));
    }

    [Fact]
    public void A_payday_early_in_the_month_opens_at_the_end_of_the_month_before()
    {
        var beforePayday = SendWindow.ContactHours with { DaysBeforePayday = 3 };
        var now = Local(Shanghai, 2026, 11, 20, 10);
        Assert.Equal(Local(Shanghai, 2026, 11, 29, 8), Next(now, Shanghai, beforePayday, payday: 2));
    }

    [Fact]
    public void A_payday_on_the_31st_falls_on_the_last_day_of_a_short_month() =>
        Assert.True((SendWindow.ContactHours with { DaysBeforePayday = 1 }).IsSendingDay(new DateOnly(2027, 2, 28), 31));

    [Fact]
    public void No_opening_before_the_deadline_means_the_message_expires()
    {
        var nine = Local(Shanghai, 2026, 11, 24, 21);
        Assert.Null(Next(nine, Shanghai, deadline: Local(Shanghai, 2026, 11, 25, 7, 59)));
        Assert.Equal(Local(Shanghai, 2026, 11, 25, 8), Next(nine, Shanghai, deadline: Local(Shanghai, 2026, 11, 25, 8)));
    }

    [Theory]
    [InlineData(7, 59, false)]
    [InlineData(8, 0, true)]
    [InlineData(20, 59, true)]
    [InlineData(21, 0, false)]
    public void The_hard_hours_include_eight_and_exclude_nine_in_the_evening(int hour, int minute, bool inside) =>
        Assert.Equal(inside, ContactHours.Contain(new TimeOnly(hour, minute)));
}
