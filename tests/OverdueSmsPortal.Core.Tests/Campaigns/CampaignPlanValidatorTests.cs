using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Core.Tests.Campaigns;

public sealed class CampaignPlanValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static IReadOnlyList<string> Errors(CampaignPlan plan) =>
        new CampaignPlanValidator(Today, cron => cron.StartsWith("0 ", StringComparison.Ordinal))
            .Validate(plan).Errors.Select(e => e.ErrorCode).ToList();

    [Fact]
    public void A_complete_plan_is_valid() => Assert.Empty(Errors(CampaignTests.APlan()));

    [Fact]
    public void A_plan_needs_a_name_and_a_segment()
    {
        var errors = Errors(CampaignTests.APlan() with { Name = " ", Segments = [] });
        Assert.Contains("campaign.name.required", errors);
        Assert.Contains("campaign.segments.required", errors);
    }

    [Fact]
    public void A_segment_appears_once()
    {
        var twice = CampaignTests.APlan() with { Segments = [new(1, 10), new(1, 11)] };
        Assert.Contains("campaign.segments.duplicate", Errors(twice));
    }

    [Theory]
    [InlineData(11L, 0, "campaign.split.percent")]
    [InlineData(11L, 100, "campaign.split.percent")]
    [InlineData(10L, 50, "campaign.split.same_version")]
    [InlineData(null, 30, "campaign.split.percent_without_variant")]
    public void A_split_names_two_versions_and_a_share_between_1_and_99(long? versionB, int percent, string code)
    {
        var plan = CampaignTests.APlan() with { Segments = [new(1, 10, versionB, percent)] };
        Assert.Contains(code, Errors(plan));
    }

    [Fact]
    public void The_window_stays_inside_the_contact_hours()
    {
        var early = CampaignTests.APlan() with { Window = new SendWindow(new TimeOnly(7, 30), new TimeOnly(12, 0)) };
        Assert.Contains("campaign.window.before_contact_hours", Errors(early));
        var late = CampaignTests.APlan() with { Window = new SendWindow(new TimeOnly(18, 0), new TimeOnly(21, 30)) };
        Assert.Contains("campaign.window.after_contact_hours", Errors(late));
        var empty = CampaignTests.APlan() with { Window = new SendWindow(new TimeOnly(18, 0), new TimeOnly(18, 0)) };
        Assert.Contains("campaign.window.empty", Errors(empty));
        var noDays = CampaignTests.APlan() with { Window = SendWindow.ContactHours with { Days = WeekDays.None } };
        Assert.Contains("campaign.window.no_days", Errors(noDays));
    }

    [Fact]
    public void Each_schedule_kind_needs_its_own_field()
    {
        Assert.Contains("campaign.schedule.once_required", Errors(CampaignTests.APlan() with { Schedule = new(ScheduleKind.Once) }));
        Assert.Contains("campaign.schedule.daily_required", Errors(CampaignTests.APlan() with { Schedule = new(ScheduleKind.Daily) }));
        Assert.Contains("campaign.schedule.cron_required", Errors(CampaignTests.APlan() with { Schedule = new(ScheduleKind.Cron) }));
        Assert.Contains("campaign.schedule.cron_invalid", Errors(CampaignTests.APlan() with { Schedule = CampaignSchedule.ByCron("x y") }));
    }

    [Fact]
    public void A_one_off_after_the_end_date_is_refused() =>
        Assert.Contains("campaign.schedule.once_after_end",
            Errors(CampaignTests.APlan() with { Schedule = CampaignSchedule.Once(new DateTime(2027, 1, 2, 10, 0, 0)) }));

    [Fact]
    public void The_end_date_is_not_in_the_past_and_within_a_year()
    {
        Assert.Contains("campaign.end.past", Errors(CampaignTests.APlan() with { EndDate = Today.AddDays(-1) }));
        Assert.Contains("campaign.end.too_far", Errors(CampaignTests.APlan() with { EndDate = Today.AddDays(400) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Throughput_is_between_1_and_1000_per_second(int cap) =>
        Assert.Contains("campaign.throughput.range", Errors(CampaignTests.APlan() with { ThroughputPerSecond = cap }));

    private static IReadOnlyList<string> Warnings(CampaignPlan plan) =>
        new CampaignPlanValidator(Today, cron => cron.StartsWith("0 ", StringComparison.Ordinal))
            .Validate(plan).Errors.Where(e => e.Severity == FluentValidation.Severity.Warning).Select(e => e.ErrorCode).ToList();

    private static CampaignPlan Recommended() =>
        CampaignTests.APlan() with { Schedule = CampaignSchedule.Recommended, Window = SendWindow.Recommended };

    [Fact]
    public void The_recommended_schedule_and_window_pass_without_a_warning() => Assert.Empty(Errors(Recommended()));

    [Theory]
    [InlineData(7, 30, 20, 0, "Window.WeekendFrom", "campaign.window.before_contact_hours")]
    [InlineData(9, 0, 21, 30, "Window.WeekendTo", "campaign.window.after_contact_hours")]
    [InlineData(12, 0, 12, 0, "Window.WeekendTo", "campaign.window.empty")]
    [InlineData(15, 0, 9, 0, "Window.WeekendTo", "campaign.window.empty")]
    public void The_weekend_window_stays_inside_the_contact_hours_and_is_not_empty(int fromHour, int fromMinute, int toHour, int toMinute,
        string property, string code)
    {
        var plan = Recommended() with
        {
            Window = SendWindow.Recommended with { WeekendFrom = new TimeOnly(fromHour, fromMinute), WeekendTo = new TimeOnly(toHour, toMinute) },
        };
        var failure = Assert.Single(new CampaignPlanValidator(Today, _ => true).Validate(plan).Errors,
            e => e.Severity == FluentValidation.Severity.Error);
        Assert.Equal((property, code), (failure.PropertyName, failure.ErrorCode));
    }

    [Fact]
    public void A_weekend_window_has_both_ends()
    {
        var plan = Recommended() with { Window = SendWindow.Recommended with { WeekendTo = null } };
        Assert.Contains("campaign.window.weekend_incomplete", Errors(plan));
    }

    [Theory]
    [InlineData(ScheduleKind.Once)]
    [InlineData(ScheduleKind.Cron)]
    public void Only_a_daily_schedule_has_a_weekend_time(ScheduleKind kind)
    {
        var schedule = new CampaignSchedule(kind, new DateTime(2026, 12, 1, 19, 0, 0), null, "0 0 19 ? * MON-FRI", WeekendAt: new TimeOnly(10, 0));
        Assert.Contains("campaign.schedule.weekend_daily_only", Errors(Recommended() with { Schedule = schedule }));
    }

    [Fact]
    public void A_workday_time_outside_the_workday_window_is_a_warning_not_an_error()
    {
        var plan = Recommended() with { Schedule = CampaignSchedule.Daily(new TimeOnly(10, 0), weekendAt: new TimeOnly(10, 0)) };
        Assert.Equal(["campaign.schedule.outside_window"], Warnings(plan));
        Assert.Equal(["campaign.schedule.outside_window"], Errors(plan));
    }

    [Fact]
    public void A_weekend_time_outside_the_weekend_window_is_a_warning()
    {
        var plan = Recommended() with { Schedule = CampaignSchedule.Daily(new TimeOnly(19, 0), weekendAt: new TimeOnly(8, 30)) };
        Assert.Equal(["campaign.schedule.weekend_outside_window"], Warnings(plan));
    }

    [Fact]
    public void Without_a_weekend_time_the_daily_time_must_fit_the_weekend_window_too()
    {
        // 19:00 fits 18:00–20:30 on workdays; at weekends the window is 09:00–12:00, so Saturday's 19:00 misses it.
        var plan = Recommended() with
        {
            Schedule = CampaignSchedule.Daily(new TimeOnly(19, 0)),
            Window = SendWindow.Recommended with { WeekendTo = new TimeOnly(12, 0) },
        };
        Assert.Equal(["campaign.schedule.outside_window"], Warnings(plan));
    }

    [Fact]
    public void A_time_on_days_the_window_never_sends_is_not_warned_about()
    {
        var plan = Recommended() with
        {
            Schedule = CampaignSchedule.Daily(new TimeOnly(19, 0), weekendAt: new TimeOnly(22, 0)),
            Window = SendWindow.Recommended with { Days = WeekDays.Workdays },
        };
        Assert.Empty(Warnings(plan));
    }

    [Fact]
    public void A_one_off_at_0340_with_a_nine_to_eight_window_is_a_warning_not_an_error()
    {
        var plan = Recommended() with
        {
            Schedule = CampaignSchedule.Once(new DateTime(2026, 12, 8, 3, 40, 0)),
            Window = new SendWindow(new TimeOnly(9, 0), new TimeOnly(20, 0)),
        };
        Assert.Equal(["campaign.schedule.once_outside_window"], Warnings(plan));
        Assert.Equal(["campaign.schedule.once_outside_window"], Errors(plan));
    }

    [Fact]
    public void A_one_off_on_a_day_the_window_does_not_send_is_a_warning()
    {
        // 2026-12-12 is a Saturday.
        var plan = Recommended() with
        {
            Schedule = CampaignSchedule.Once(new DateTime(2026, 12, 12, 10, 0, 0)),
            Window = SendWindow.Recommended with { Days = WeekDays.Workdays },
        };
        Assert.Equal(["campaign.schedule.once_outside_window"], Warnings(plan));
    }

    [Fact]
    public void A_one_off_inside_its_days_window_has_no_warning()
    {
        // A Saturday at 10:00: the weekend hours 09:00–20:30 apply, not the workday evening.
        var plan = Recommended() with { Schedule = CampaignSchedule.Once(new DateTime(2026, 12, 12, 10, 0, 0)) };
        Assert.Empty(Warnings(plan));
    }

    [Fact]
    public void The_window_closing_minute_is_outside_it()
    {
        var plan = Recommended() with { Schedule = CampaignSchedule.Daily(new TimeOnly(20, 30), weekendAt: new TimeOnly(10, 0)) };
        Assert.Equal(["campaign.schedule.outside_window"], Warnings(plan));
    }
}
