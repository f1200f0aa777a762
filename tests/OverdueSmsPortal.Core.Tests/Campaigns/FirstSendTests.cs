using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Tests.Campaigns;

/// <summary>
/// What the builder shows an author under the schedule: when the campaign fires next and when its
/// first message can really leave, read in the business zone (Asia/Shanghai, no daylight saving).
/// </summary>
public sealed class FirstSendTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly SendWindow NineToEight = new(new TimeOnly(9, 0), new TimeOnly(20, 0));

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0, TimeZoneInfo? zone = null) =>
        ContactHours.ToInstant(new DateTime(2026, month, day, hour, minute, 0), zone ?? Shanghai);

    private static CampaignPlan Plan(CampaignSchedule schedule, SendWindow? window = null, DateOnly? end = null) => new()
    {
        Name = "十二月提醒",
        Schedule = schedule,
        Window = window ?? NineToEight,
        EndDate = end ?? new DateOnly(2026, 12, 31),
    };

    // 2026-12-07 is a Monday, 2026-12-12 a Saturday.
    private static FirstSend? At(DateTimeOffset now, CampaignPlan plan, TimeZoneInfo? zone = null) =>
        FirstSend.Of(plan, zone ?? Shanghai, new Clock(now));

    [Fact]
    public void A_one_off_at_0340_with_a_nine_to_eight_window_first_sends_at_0900_the_same_day()
    {
        var first = At(Local(12, 7, 1, 0), Plan(CampaignSchedule.Once(new DateTime(2026, 12, 8, 3, 40, 0))));

        Assert.Equal(new FirstSend(Local(12, 8, 3, 40), Local(12, 8, 9, 0)), first);
        Assert.True(first!.IsHeldBack);
    }

    [Fact]
    public void A_one_off_inside_the_window_sends_when_it_fires()
    {
        var first = At(Local(12, 7, 1, 0), Plan(CampaignSchedule.Once(new DateTime(2026, 12, 8, 10, 15, 0))));

        Assert.Equal(Local(12, 8, 10, 15), first!.LeavesAt);
        Assert.False(first.IsHeldBack);
    }

    [Fact]
    public void A_firing_after_the_window_closes_sends_when_it_opens_the_next_day()
    {
        var first = At(Local(12, 7, 1, 0), Plan(CampaignSchedule.Once(new DateTime(2026, 12, 8, 20, 30, 0))));

        Assert.Equal(Local(12, 9, 9, 0), first!.LeavesAt);
    }

    [Fact]
    public void A_window_that_allows_what_the_contact_hours_do_not_still_waits_for_0800()
    {
        // The validator refuses such a window; the hard hours hold even if one slipped through.
        var early = new SendWindow(new TimeOnly(6, 0), new TimeOnly(23, 0));

        var first = At(Local(12, 7, 1, 0), Plan(CampaignSchedule.Once(new DateTime(2026, 12, 8, 6, 30, 0)), early));

        Assert.Equal(Local(12, 8, 8, 0), first!.LeavesAt);
    }

    [Fact]
    public void A_window_on_workdays_only_moves_a_saturday_firing_to_monday()
    {
        var workdays = NineToEight with { Days = WeekDays.Workdays };

        var first = At(Local(12, 7, 1, 0), Plan(CampaignSchedule.Once(new DateTime(2026, 12, 12, 10, 0, 0)), workdays));

        Assert.Equal(Local(12, 14, 9, 0), first!.LeavesAt);
    }

    [Fact]
    public void A_daily_firing_takes_todays_time_while_it_is_still_ahead()
    {
        var first = At(Local(12, 7, 6, 0), Plan(CampaignSchedule.Daily(new TimeOnly(7, 0))));

        Assert.Equal(new FirstSend(Local(12, 7, 7, 0), Local(12, 7, 9, 0)), first);
    }

    [Fact]
    public void A_daily_firing_already_past_today_is_tomorrows()
    {
        var first = At(Local(12, 7, 19, 30), Plan(CampaignSchedule.Daily(new TimeOnly(19, 0))));

        Assert.Equal(new FirstSend(Local(12, 8, 19, 0), Local(12, 8, 19, 0)), first);
    }

    [Fact]
    public void A_weekend_firing_time_is_read_against_the_weekend_hours()
    {
        var window = NineToEight with { From = new TimeOnly(18, 0), WeekendFrom = new TimeOnly(10, 0), WeekendTo = new TimeOnly(20, 0) };
        var schedule = CampaignSchedule.Daily(new TimeOnly(19, 0), weekendAt: new TimeOnly(8, 30));

        var first = At(Local(12, 11, 20, 0), Plan(schedule, window));

        Assert.Equal(new FirstSend(Local(12, 12, 8, 30), Local(12, 12, 10, 0)), first);
    }

    [Fact]
    public void A_daily_run_with_no_opening_before_the_next_firing_leaves_nothing()
    {
        // Friday 21:30: Friday's window is over, Saturday is no sending day, and Saturday's firing takes over.
        var workdays = NineToEight with { Days = WeekDays.Workdays };

        var first = At(Local(12, 11, 20, 0), Plan(CampaignSchedule.Daily(new TimeOnly(21, 30)), workdays));

        Assert.Equal(new FirstSend(Local(12, 11, 21, 30), null), first);
        Assert.True(first!.IsHeldBack);
    }

    [Fact]
    public void A_one_off_on_the_last_day_after_the_window_has_no_send_time()
    {
        var first = At(Local(12, 7, 1, 0), Plan(CampaignSchedule.Once(new DateTime(2026, 12, 8, 20, 30, 0)), end: new DateOnly(2026, 12, 8)));

        Assert.Null(first!.LeavesAt);
    }

    [Fact]
    public void Times_are_read_in_the_zone_given_even_across_a_daylight_saving_change()
    {
        // New York leaves daylight saving on 2026-11-01: 03:40 local is 08:40 UTC that day, not 07:40.
        var first = At(new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero),
            Plan(CampaignSchedule.Once(new DateTime(2026, 11, 1, 3, 40, 0))), NewYork);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 40, 0, TimeSpan.Zero), first!.FiresAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 14, 0, 0, TimeSpan.Zero), first.LeavesAt);
    }

    [Fact]
    public void A_one_off_whose_time_has_passed_fires_now_as_the_scheduler_fires_it()
    {
        var now = Local(12, 7, 12, 0).AddSeconds(30);

        var first = At(now, Plan(CampaignSchedule.Once(new DateTime(2026, 12, 7, 12, 0, 0))));

        Assert.Equal(new FirstSend(now, now), first);
    }

    [Fact]
    public void A_cron_schedule_or_a_missing_time_has_nothing_to_show()
    {
        var now = Local(12, 7, 12, 0);

        Assert.Null(At(now, Plan(CampaignSchedule.ByCron("0 0 10 * * ?"))));
        Assert.Null(At(now, Plan(new CampaignSchedule(ScheduleKind.Daily))));
        Assert.Null(At(now, Plan(new CampaignSchedule(ScheduleKind.Once))));
    }

    [Fact]
    public void A_firing_after_the_campaign_ends_has_nothing_to_show()
    {
        Assert.Null(At(Local(12, 7, 20, 0), Plan(CampaignSchedule.Daily(new TimeOnly(19, 0)), end: new DateOnly(2026, 12, 7))));
    }
}
