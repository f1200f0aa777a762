using FluentValidation;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Campaigns;

/// <summary>How a campaign fires: once, every day at a time, or by a cron expression (DESIGN §2.7).</summary>
public enum ScheduleKind
{
    Once = 1,
    Daily = 2,
    Cron = 3,
}

/// <summary>
/// When a campaign fires, in the lender's business time zone. <see cref="OnceAt"/> is used by
/// <see cref="ScheduleKind.Once"/>, <see cref="DailyAt"/> by <see cref="ScheduleKind.Daily"/> and
/// <see cref="Cron"/> (Quartz syntax, seconds first) by <see cref="ScheduleKind.Cron"/>. A daily
/// schedule may fire at another time on Saturdays and Sundays (<see cref="WeekendAt"/>): collection
/// texts are read best in the evening on workdays and in the morning at weekends.
/// </summary>
public sealed record CampaignSchedule(ScheduleKind Kind, DateTime? OnceAt = null, TimeOnly? DailyAt = null, string? Cron = null,
    TimeOnly? WeekendAt = null)
{
    /// <summary>The guidance's schedule and the builder's default: workdays at 19:00, weekends at 10:00.</summary>
    public static readonly CampaignSchedule Recommended = Daily(new TimeOnly(19, 0), weekendAt: new TimeOnly(10, 0));

    public static CampaignSchedule Once(DateTime localTime) => new(ScheduleKind.Once, OnceAt: localTime);

    /// <summary>Every day at <paramref name="time"/>; on Saturdays and Sundays at <paramref name="weekendAt"/> when given.</summary>
    public static CampaignSchedule Daily(TimeOnly time, TimeOnly? weekendAt = null) =>
        new(ScheduleKind.Daily, DailyAt: time, WeekendAt: weekendAt);

    public static CampaignSchedule ByCron(string expression) => new(ScheduleKind.Cron, Cron: expression);

    /// <summary>Whether a daily schedule fires at another time at weekends.</summary>
    public bool HasWeekendTime => Kind == ScheduleKind.Daily && WeekendAt is not null;

    /// <summary>The time a daily schedule fires on <paramref name="day"/>; null for other kinds.</summary>
    public TimeOnly? DailyTimeOn(DayOfWeek day) =>
        Kind != ScheduleKind.Daily ? null : HasWeekendTime && day.IsWeekend() ? WeekendAt : DailyAt;

    /// <summary>Only the fields that belong to <see cref="Kind"/> are kept.</summary>
    public CampaignSchedule Normalized() => Kind switch
    {
        ScheduleKind.Once => new(Kind, OnceAt: OnceAt),
        ScheduleKind.Daily => new(Kind, DailyAt: DailyAt, WeekendAt: WeekendAt),
        _ => new(Kind, Cron: Cron?.Trim()),
    };
}

/// <summary>
/// One segment of a campaign and the approved template version(s) its customers get: version A, or
/// for an A/B split also version B, which <c>SplitBPercent</c> of the segment's customers get.
/// </summary>
public sealed record CampaignSegmentPlan(long SegmentId, long VersionAId, long? VersionBId = null, int SplitBPercent = 0);

/// <summary>What the campaign builder produces: everything about a campaign that a reviewer approves.</summary>
public sealed record CampaignPlan
{
    public const int MaxNameLength = 80;
    public const int MaxThroughput = 1000;

    public string Name { get; init; } = "";
    public IReadOnlyList<CampaignSegmentPlan> Segments { get; init; } = [];
    public CampaignSchedule Schedule { get; init; } = CampaignSchedule.Daily(new TimeOnly(10, 0));
    public SendWindow Window { get; init; } = SendWindow.ContactHours;

    /// <summary>The cap on messages per second for the whole campaign.</summary>
    public int ThroughputPerSecond { get; init; } = 20;

    /// <summary>The last day (business time zone) on which the campaign may fire or messages may leave.</summary>
    public DateOnly EndDate { get; init; }
}

/// <summary>
/// Checks a campaign plan field by field. Whether a cron expression is valid is the scheduler's
/// business, so the check is handed in.
/// </summary>
public sealed class CampaignPlanValidator : AbstractValidator<CampaignPlan>
{
    public CampaignPlanValidator(DateOnly today, Func<string, bool> isValidCron)
    {
        RuleFor(p => p.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithErrorCode("campaign.name.required")
            .MaximumLength(CampaignPlan.MaxNameLength).WithErrorCode("campaign.name.too_long");
        RuleFor(p => p.Segments).Cascade(CascadeMode.Stop)
            .Must(s => s.Count > 0).WithErrorCode("campaign.segments.required")
            .Must(s => s.Select(x => x.SegmentId).Distinct().Count() == s.Count).WithErrorCode("campaign.segments.duplicate");
        RuleForEach(p => p.Segments).ChildRules(segment =>
        {
            segment.RuleFor(s => s.VersionAId).GreaterThan(0).WithErrorCode("campaign.version.required");
            segment.RuleFor(s => s.VersionBId).Cascade(CascadeMode.Stop)
                .Must(b => b > 0).WithErrorCode("campaign.split.version_required")
                .Must((s, b) => b != s.VersionAId).WithErrorCode("campaign.split.same_version")
                .When(s => s.VersionBId is not null);
            segment.RuleFor(s => s.SplitBPercent).InclusiveBetween(1, 99)
                .When(s => s.VersionBId is not null).WithErrorCode("campaign.split.percent");
            segment.RuleFor(s => s.SplitBPercent).Equal(0)
                .When(s => s.VersionBId is null).WithErrorCode("campaign.split.percent_without_variant");
        });

        RuleFor(p => p.Schedule.OnceAt).NotNull().WithErrorCode("campaign.schedule.once_required")
            .When(p => p.Schedule.Kind == ScheduleKind.Once);
        RuleFor(p => p.Schedule.OnceAt).Must((p, at) => DateOnly.FromDateTime(at!.Value) <= p.EndDate)
            .When(p => p.Schedule is { Kind: ScheduleKind.Once, OnceAt: not null })
            .WithErrorCode("campaign.schedule.once_after_end");
        RuleFor(p => p.Schedule.DailyAt).NotNull().WithErrorCode("campaign.schedule.daily_required")
            .When(p => p.Schedule.Kind == ScheduleKind.Daily);
        RuleFor(p => p.Schedule.WeekendAt).Null().WithErrorCode("campaign.schedule.weekend_daily_only")
            .When(p => p.Schedule.Kind != ScheduleKind.Daily);
        RuleFor(p => p.Schedule.Cron).Cascade(CascadeMode.Stop)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithErrorCode("campaign.schedule.cron_required")
            .Must(c => isValidCron(c!.Trim())).WithErrorCode("campaign.schedule.cron_invalid")
            .When(p => p.Schedule.Kind == ScheduleKind.Cron);
        RuleFor(p => p.Schedule.Kind).IsInEnum().WithErrorCode("campaign.schedule.kind");

        RuleFor(p => p.Window.From).GreaterThanOrEqualTo(ContactHours.Opens).WithErrorCode("campaign.window.before_contact_hours");
        RuleFor(p => p.Window.To).LessThanOrEqualTo(ContactHours.Closes).WithErrorCode("campaign.window.after_contact_hours");
        RuleFor(p => p.Window).Must(w => w.From < w.To).WithErrorCode("campaign.window.empty")
            .OverridePropertyName("Window.To");
        RuleFor(p => p.Window.Days).Must(d => d != WeekDays.None).WithErrorCode("campaign.window.no_days");
        RuleFor(p => p.Window.WeekendFrom).NotNull().WithErrorCode("campaign.window.weekend_incomplete")
            .When(p => p.Window.WeekendTo is not null);
        RuleFor(p => p.Window.WeekendTo).NotNull().WithErrorCode("campaign.window.weekend_incomplete")
            .When(p => p.Window.WeekendFrom is not null);
        RuleFor(p => p.Window.WeekendFrom).GreaterThanOrEqualTo(ContactHours.Opens).WithErrorCode("campaign.window.before_contact_hours")
            .When(p => p.Window.WeekendFrom is not null);
        RuleFor(p => p.Window.WeekendTo).LessThanOrEqualTo(ContactHours.Closes).WithErrorCode("campaign.window.after_contact_hours")
            .When(p => p.Window.WeekendTo is not null);
        RuleFor(p => p.Window).Must(w => w.WeekendFrom < w.WeekendTo).WithErrorCode("campaign.window.empty")
            .OverridePropertyName("Window.WeekendTo")
            .When(p => p.Window is { WeekendFrom: not null, WeekendTo: not null });
        RuleFor(p => p.Window.DaysBeforePayday).InclusiveBetween(1, SendWindow.MaxDaysBeforePayday)
            .When(p => p.Window.DaysBeforePayday is not null).WithErrorCode("campaign.window.payday");

        // A firing outside its day's window is allowed (its messages wait for the window to open), but
        // it is seldom meant: a warning, which does not stop the plan from being saved.
        RuleFor(p => p.Schedule.DailyAt)
            .Must((p, at) => Fits(p.Window, at!.Value, weekend: false) && (p.Schedule.HasWeekendTime || Fits(p.Window, at.Value, weekend: true)))
            .When(p => p.Schedule is { Kind: ScheduleKind.Daily, DailyAt: not null })
            .WithSeverity(Severity.Warning).WithErrorCode("campaign.schedule.outside_window");
        RuleFor(p => p.Schedule.WeekendAt).Must((p, at) => Fits(p.Window, at!.Value, weekend: true))
            .When(p => p.Schedule is { Kind: ScheduleKind.Daily, WeekendAt: not null })
            .WithSeverity(Severity.Warning).WithErrorCode("campaign.schedule.weekend_outside_window");

        RuleFor(p => p.Schedule.OnceAt).Must((p, at) => FitsOn(p.Window, at!.Value))
            .When(p => p.Schedule is { Kind: ScheduleKind.Once, OnceAt: not null })
            .WithSeverity(Severity.Warning).WithErrorCode("campaign.schedule.once_outside_window");

        RuleFor(p => p.ThroughputPerSecond).InclusiveBetween(1, CampaignPlan.MaxThroughput)
            .WithErrorCode("campaign.throughput.range");
        RuleFor(p => p.EndDate).Cascade(CascadeMode.Stop)
            .GreaterThanOrEqualTo(today).WithErrorCode("campaign.end.past")
            .LessThanOrEqualTo(today.AddDays(366)).WithErrorCode("campaign.end.too_far");
    }

    // A one-off fires on one known day: that day must be a sending day and the time inside its hours.
    private static bool FitsOn(SendWindow window, DateTime firesAt) =>
        window.Days.HasFlag(firesAt.DayOfWeek.ToWeekDay())
        && window.HoursOn(firesAt.DayOfWeek).WithinContactHours().Contain(TimeOnly.FromDateTime(firesAt));

    // A day type the window never sends on cannot be missed.
    private static bool Fits(SendWindow window, TimeOnly firesAt, bool weekend) =>
        (window.Days & (weekend ? WeekDays.Weekend : WeekDays.Workdays)) == 0
        || window.HoursOn(weekend ? DayOfWeek.Saturday : DayOfWeek.Monday).Contain(firesAt);
}
