using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Core.Campaigns;

public enum CampaignStatus
{
    Draft = 1,
    InReview = 2,
    /// <summary>Approved and scheduled: its trigger fires runs.</summary>
    Active = 3,
    Rejected = 4,
    Paused = 5,
    /// <summary>The schedule has no more firings (a one-off ran, or the end date passed).</summary>
    Completed = 6,
    Cancelled = 7,
}

/// <summary>Why a campaign step was refused; the portal shows each as a sentence.</summary>
public enum CampaignError
{
    NotEditable = 1,
    NotSubmittable = 2,
    NotInReview = 3,
    OwnCampaign = 4,
    CommentRequired = 5,
    CommentTooLong = 6,
    NotActive = 7,
    NotPaused = 8,
    AlreadyFinished = 9,
    /// <summary>Someone else changed the campaign at the same moment.</summary>
    ChangedMeanwhile = 10,
    /// <summary>A template version the plan names is not approved, or not of that segment.</summary>
    VersionNotApproved = 11,
    SegmentMissing = 12,
}

public sealed class CampaignException(CampaignError error)
    : InvalidOperationException($"Campaign step refused: {error}.")
{
    public CampaignError Error { get; } = error;
}

/// <summary>
/// A campaign (DESIGN §2.7): which segments get which approved template versions, when it fires,
/// when and how fast messages may leave. It is built, submitted, approved by someone who did not make
/// it, then run by the scheduler; any change sends it back to draft, so nothing unapproved ever runs.
/// </summary>
public class Campaign
{
    private readonly List<CampaignSegment> segments = [];

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public CampaignStatus Status { get; private set; }

    /// <summary>Counts changes to the plan; a run records the revision it was fired under.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<CampaignSegment> Segments => segments;

    public ScheduleKind ScheduleKind { get; private set; }
    public DateTime? OnceAt { get; private set; }
    public TimeOnly? DailyAt { get; private set; }
    public string? Cron { get; private set; }

    /// <summary>A daily campaign's time on Saturdays and Sundays; null fires at <see cref="DailyAt"/> every day.</summary>
    public TimeOnly? WeekendAt { get; private set; }

    public TimeOnly WindowFrom { get; private set; }
    public TimeOnly WindowTo { get; private set; }

    /// <summary>The window's hours on Saturdays and Sundays; null uses <see cref="WindowFrom"/>–<see cref="WindowTo"/> there too.</summary>
    public TimeOnly? WeekendWindowFrom { get; private set; }
    public TimeOnly? WeekendWindowTo { get; private set; }
    public WeekDays WindowDays { get; private set; }
    public int? DaysBeforePayday { get; private set; }
    public int ThroughputPerSecond { get; private set; }
    public DateOnly EndDate { get; private set; }

    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedById { get; private set; } = "";
    public string UpdatedByName { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// The id of everyone who ever changed the plan, in the order they first did. The last editor alone
    /// is not enough: a checker who changed it before someone else touched it last still wrote part of
    /// what they would approve.
    /// </summary>
    public IReadOnlyList<string> ChangedByIds { get; private set; } = [];

    /// <summary>Who put the current plan up for review, and who approved or rejected it.</summary>
    public Review Review { get; private set; } = Review.None;

    public DateTimeOffset? FinishedAt { get; private set; }

    private Campaign()
    {
    }

    public Campaign(CampaignPlan plan, Actor author, DateTimeOffset now)
    {
        CreatedById = author.Id;
        CreatedByName = author.Name;
        CreatedAt = now;
        Status = CampaignStatus.Draft;
        Apply(plan, author, now);
    }

    public CampaignSchedule Schedule => new(ScheduleKind, OnceAt, DailyAt, Cron, WeekendAt);

    public SendWindow Window => new(WindowFrom, WindowTo, WindowDays, DaysBeforePayday, WeekendWindowFrom, WeekendWindowTo);

    public bool IsFinished => Status is CampaignStatus.Completed or CampaignStatus.Cancelled;

    /// <summary>Whether its trigger should be scheduled: approved and neither paused nor finished.</summary>
    public bool IsScheduled => Status == CampaignStatus.Active;

    public CampaignPlan Plan() => new()
    {
        Name = Name,
        Segments = segments.OrderBy(s => s.Position)
            .Select(s => new CampaignSegmentPlan(s.SegmentId, s.VersionAId, s.VersionBId, s.SplitBPercent)).ToList(),
        Schedule = Schedule,
        Window = Window,
        ThroughputPerSecond = ThroughputPerSecond,
        EndDate = EndDate,
    };

    /// <summary>Whether <paramref name="actor"/> made this campaign, changed it or put it up for review.</summary>
    public bool IsMadeBy(Actor actor) =>
        actor.IsSameUserAs(CreatedById) || actor.IsSameUserAs(UpdatedById) || Review.IsSubmittedBy(actor)
        || ChangedByIds.Any(actor.IsSameUserAs);

    /// <summary>
    /// Takes a changed plan. A campaign in review, approved or paused goes back to draft: the change
    /// has to be approved again before anything runs under it.
    /// </summary>
    public void Edit(CampaignPlan plan, Actor editor, DateTimeOffset now)
    {
        Require(!IsFinished, CampaignError.NotEditable);
        Apply(plan, editor, now);
        Status = CampaignStatus.Draft;
        Review = Review.Undecided();
    }

    public void Submit(Actor by, DateTimeOffset now)
    {
        Require(Status is CampaignStatus.Draft or CampaignStatus.Rejected, CampaignError.NotSubmittable);
        Status = CampaignStatus.InReview;
        Review = Review.Submitted(by, now);
    }

    /// <summary>Approves the campaign; whoever made, changed or submitted it may not.</summary>
    public void Approve(Actor reviewer, string? comment, DateTimeOffset now)
    {
        Require(Status == CampaignStatus.InReview, CampaignError.NotInReview);
        Require(!IsMadeBy(reviewer), CampaignError.OwnCampaign);
        RequireComment(comment, required: false);
        Decide(CampaignStatus.Active, reviewer, comment, now);
    }

    /// <summary>Sends the campaign back to its author, who needs to know why: a comment is required.</summary>
    public void Reject(Actor reviewer, string? comment, DateTimeOffset now)
    {
        Require(Status == CampaignStatus.InReview, CampaignError.NotInReview);
        Require(!IsMadeBy(reviewer), CampaignError.OwnCampaign);
        RequireComment(comment, required: true);
        Decide(CampaignStatus.Rejected, reviewer, comment, now);
    }

    /// <summary>Stops the trigger and holds back messages not yet sent; <see cref="Resume"/> goes on.</summary>
    public void Pause(Actor by, DateTimeOffset now)
    {
        Require(Status == CampaignStatus.Active, CampaignError.NotActive);
        Status = CampaignStatus.Paused;
        Touch(by, now, keepMaker: true);
    }

    public void Resume(Actor by, DateTimeOffset now)
    {
        Require(Status == CampaignStatus.Paused, CampaignError.NotPaused);
        Status = CampaignStatus.Active;
        Touch(by, now, keepMaker: true);
    }

    /// <summary>Ends the campaign for good; messages that have not left are suppressed as cancelled.</summary>
    public void Cancel(Actor by, DateTimeOffset now)
    {
        Require(!IsFinished, CampaignError.AlreadyFinished);
        Status = CampaignStatus.Cancelled;
        FinishedAt = now;
        Touch(by, now, keepMaker: true);
    }

    /// <summary>The scheduler found no more firings: the campaign is done once its runs are.</summary>
    public void Complete(DateTimeOffset now)
    {
        Require(Status is CampaignStatus.Active or CampaignStatus.Paused, CampaignError.NotActive);
        Status = CampaignStatus.Completed;
        FinishedAt = now;
    }

    private void Apply(CampaignPlan plan, Actor editor, DateTimeOffset now)
    {
        Name = plan.Name.Trim();
        segments.Clear();
        var position = 0;
        foreach (var segment in plan.Segments)
        {
            segments.Add(new CampaignSegment(segment, position++));
        }
        var schedule = plan.Schedule.Normalized();
        ScheduleKind = schedule.Kind;
        OnceAt = schedule.OnceAt;
        DailyAt = schedule.DailyAt;
        Cron = schedule.Cron;
        WeekendAt = schedule.WeekendAt;
        WindowFrom = plan.Window.From;
        WindowTo = plan.Window.To;
        // Half a weekend window is no window: the plan's validator refuses it, and here it is not kept.
        WeekendWindowFrom = plan.Window.HasWeekendHours ? plan.Window.WeekendFrom : null;
        WeekendWindowTo = plan.Window.HasWeekendHours ? plan.Window.WeekendTo : null;
        WindowDays = plan.Window.Days;
        DaysBeforePayday = plan.Window.DaysBeforePayday;
        ThroughputPerSecond = plan.ThroughputPerSecond;
        EndDate = plan.EndDate;
        Revision++;
        Touch(editor, now, keepMaker: false);
    }

    // Pause, resume and cancel are operations, not changes to what was approved: they do not make
    // the operator a maker of the campaign.
    private void Touch(Actor by, DateTimeOffset now, bool keepMaker)
    {
        if (!keepMaker)
        {
            UpdatedById = by.Id;
            UpdatedByName = by.Name;
            if (!ChangedByIds.Any(by.IsSameUserAs))
            {
                ChangedByIds = [.. ChangedByIds, by.Id];
            }
        }
        UpdatedAt = now;
    }

    private void Decide(CampaignStatus status, Actor reviewer, string? comment, DateTimeOffset now)
    {
        Status = status;
        Review = Review.DecidedBy(reviewer, comment, now);
    }

    private static void RequireComment(string? comment, bool required)
    {
        if (Review.CheckComment(comment, required) is { } problem)
        {
            throw new CampaignException(problem == ReviewCommentProblem.Missing ? CampaignError.CommentRequired : CampaignError.CommentTooLong);
        }
    }

    private static void Require(bool condition, CampaignError error)
    {
        if (!condition)
        {
            throw new CampaignException(error);
        }
    }
}

/// <summary>One segment of a campaign: its position (a customer in two segments gets the first one's message) and its variants.</summary>
public class CampaignSegment
{
    public long Id { get; private set; }
    public long CampaignId { get; private set; }
    public int Position { get; private set; }
    public long SegmentId { get; private set; }
    public long VersionAId { get; private set; }
    public long? VersionBId { get; private set; }
    public int SplitBPercent { get; private set; }

    private CampaignSegment()
    {
    }

    internal CampaignSegment(CampaignSegmentPlan plan, int position)
    {
        Position = position;
        SegmentId = plan.SegmentId;
        VersionAId = plan.VersionAId;
        VersionBId = plan.VersionBId;
        SplitBPercent = plan.VersionBId is null ? 0 : plan.SplitBPercent;
    }

    public long VersionFor(Variant variant) => variant == Variant.B && VersionBId is { } b ? b : VersionAId;
}
