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
}
