using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Core.Tests.Campaigns;

public sealed class CampaignTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Author = new("u-author", "author");
    private static readonly Actor Approver = new("u-approver", "approver");
    private static readonly Actor Operator = new("u-operator", "operator");

    internal static CampaignPlan APlan() => new()
    {
        Name = "M1 提醒",
        Segments = [new CampaignSegmentPlan(SegmentId: 1, VersionAId: 10)],
        Schedule = CampaignSchedule.Daily(new TimeOnly(10, 0)),
        Window = SendWindow.ContactHours,
        ThroughputPerSecond = 20,
        EndDate = new DateOnly(2026, 12, 31),
    };

    private static Campaign Submitted()
    {
        var campaign = new Campaign(APlan(), Author, Now);
        campaign.Submit(Author, Now);
        return campaign;
    }

    private static Campaign Active()
    {
        var campaign = Submitted();
        campaign.Approve(Approver, "好", Now);
        return campaign;
    }

    [Fact]
    public void A_new_campaign_is_a_draft_at_revision_one()
    {
        var campaign = new Campaign(APlan(), Author, Now);
        Assert.Equal(CampaignStatus.Draft, campaign.Status);
        Assert.Equal(1, campaign.Revision);
        Assert.Equal(APlan().Name, campaign.Plan().Name);
    }

    [Fact]
    public void An_approver_who_did_not_make_it_approves_it_and_it_becomes_active()
    {
        var campaign = Active();
        Assert.Equal(CampaignStatus.Active, campaign.Status);
        Assert.True(campaign.IsScheduled);
        Assert.Equal(Approver.Id, campaign.Review.ReviewerId);
    }

    [Fact]
    public void Nobody_approves_a_campaign_they_submitted()
    {
        var campaign = new Campaign(APlan(), Author, Now);
        campaign.Submit(Approver, Now);
        var refusal = Assert.Throws<CampaignException>(() => campaign.Approve(Approver, null, Now));
        Assert.Equal(CampaignError.OwnCampaign, refusal.Error);
    }

    [Fact]
    public void Nobody_approves_a_campaign_they_changed_even_if_someone_else_submitted_it()
    {
        var campaign = new Campaign(APlan(), Author, Now);
        campaign.Edit(APlan() with { ThroughputPerSecond = 5 }, Approver, Now);
        campaign.Submit(Author, Now);
        Assert.Equal(CampaignError.OwnCampaign, Assert.Throws<CampaignException>(() => campaign.Approve(Approver, null, Now)).Error);
    }

    [Fact]
    public void A_second_account_with_the_same_name_but_another_id_is_another_person()
    {
        var campaign = Submitted();
        campaign.Approve(new Actor("u-other", Author.Name), null, Now);
        Assert.Equal(CampaignStatus.Active, campaign.Status);
    }

    [Fact]
    public void Rejection_needs_a_comment_and_allows_resubmission()
    {
        var campaign = Submitted();
        Assert.Equal(CampaignError.CommentRequired, Assert.Throws<CampaignException>(() => campaign.Reject(Approver, " ", Now)).Error);
        campaign.Reject(Approver, "窗口太晚", Now);
        Assert.Equal(CampaignStatus.Rejected, campaign.Status);
        Assert.Equal("窗口太晚", campaign.Review.Comment);
        campaign.Submit(Author, Now);
        Assert.Equal(CampaignStatus.InReview, campaign.Status);
        Assert.Null(campaign.Review.Comment);
    }

    [Fact]
    public void Any_change_after_approval_returns_it_to_draft_under_a_new_revision()
    {
        var campaign = Active();
        campaign.Edit(APlan() with { ThroughputPerSecond = 50 }, Author, Now);
        Assert.Equal(CampaignStatus.Draft, campaign.Status);
        Assert.Equal(2, campaign.Revision);
        Assert.Null(campaign.Review.ReviewerId);
        Assert.False(campaign.IsScheduled);
    }

    [Fact]
    public void A_change_while_in_review_withdraws_it_from_review()
    {
        var campaign = Submitted();
        campaign.Edit(APlan() with { Name = "改名" }, Author, Now);
        Assert.Equal(CampaignStatus.Draft, campaign.Status);
        Assert.Equal(CampaignError.NotInReview, Assert.Throws<CampaignException>(() => campaign.Approve(Approver, null, Now)).Error);
    }

    [Fact]
    public void Pause_and_resume_move_an_active_campaign_and_do_not_make_the_operator_its_maker()
    {
        var campaign = Active();
        campaign.Pause(Operator, Now);
        Assert.Equal(CampaignStatus.Paused, campaign.Status);
        Assert.False(campaign.IsScheduled);
        campaign.Resume(Operator, Now);
        Assert.Equal(CampaignStatus.Active, campaign.Status);
        Assert.False(campaign.IsMadeBy(Operator));
    }

    [Fact]
    public void Only_an_active_campaign_pauses_and_only_a_paused_one_resumes()
    {
        var draft = new Campaign(APlan(), Author, Now);
        Assert.Equal(CampaignError.NotActive, Assert.Throws<CampaignException>(() => draft.Pause(Operator, Now)).Error);
        Assert.Equal(CampaignError.NotPaused, Assert.Throws<CampaignException>(() => Active().Resume(Operator, Now)).Error);
    }

    [Fact]
    public void A_cancelled_campaign_is_final()
    {
        var campaign = Active();
        campaign.Cancel(Operator, Now);
        Assert.True(campaign.IsFinished);
        Assert.Equal(CampaignError.NotEditable, Assert.Throws<CampaignException>(() => campaign.Edit(APlan(), Author, Now)).Error);
        Assert.Equal(CampaignError.AlreadyFinished, Assert.Throws<CampaignException>(() => campaign.Cancel(Operator, Now)).Error);
    }

    [Fact]
    public void Only_drafts_and_rejected_campaigns_are_submitted() =>
        Assert.Equal(CampaignError.NotSubmittable, Assert.Throws<CampaignException>(() => Active().Submit(Author, Now)).Error);

    [Fact]
    public void The_plan_round_trips_with_segment_order_and_split()
    {
        var plan = APlan() with
        {
            Segments = [new CampaignSegmentPlan(3, 30, 31, 40), new CampaignSegmentPlan(1, 10)],
            Schedule = CampaignSchedule.ByCron(" 0 0 18 ? * MON-FRI "),
            Window = new SendWindow(new TimeOnly(18, 0), new TimeOnly(20, 30), WeekDays.Workdays, 3),
        };
        var campaign = new Campaign(plan, Author, Now);
        var back = campaign.Plan();
        Assert.Equal(plan.Segments, back.Segments);
        Assert.Equal("0 0 18 ? * MON-FRI", back.Schedule.Cron);
        Assert.Null(back.Schedule.DailyAt);
        Assert.Equal(plan.Window, back.Window);
    }

    [Fact]
    public void A_campaign_keeps_its_weekend_time_and_hours_and_gives_them_back_in_its_plan()
    {
        var plan = APlan() with { Schedule = CampaignSchedule.Recommended, Window = SendWindow.Recommended };
        var campaign = new Campaign(plan, Author, Now);

        Assert.Equal(new TimeOnly(10, 0), campaign.WeekendAt);
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(20, 30)), (campaign.WeekendWindowFrom, campaign.WeekendWindowTo));
        Assert.Equal(plan.Schedule, campaign.Plan().Schedule);
        Assert.Equal(plan.Window, campaign.Plan().Window);
    }

    [Fact]
    public void A_campaign_without_weekend_parts_fires_and_sends_the_same_every_day()
    {
        var campaign = new Campaign(APlan(), Author, Now);

        Assert.Null(campaign.WeekendAt);
        Assert.False(campaign.Window.HasWeekendHours);
        Assert.Equal(campaign.Schedule.DailyTimeOn(DayOfWeek.Monday), campaign.Schedule.DailyTimeOn(DayOfWeek.Sunday));
    }

    [Fact]
    public void A_weekend_time_is_dropped_when_the_schedule_is_not_daily()
    {
        var plan = APlan() with { Schedule = CampaignSchedule.ByCron("0 0 19 ? * MON-FRI") with { WeekendAt = new TimeOnly(10, 0) } };
        Assert.Null(new Campaign(plan, Author, Now).WeekendAt);
    }

    [Theory]
    [InlineData(DayOfWeek.Friday, 19)]
    [InlineData(DayOfWeek.Saturday, 10)]
    [InlineData(DayOfWeek.Sunday, 10)]
    [InlineData(DayOfWeek.Monday, 19)]
    public void The_recommended_schedule_fires_in_the_evening_on_workdays_and_in_the_morning_at_weekends(DayOfWeek day, int hour) =>
        Assert.Equal(new TimeOnly(hour, 0), CampaignSchedule.Recommended.DailyTimeOn(day));
}
