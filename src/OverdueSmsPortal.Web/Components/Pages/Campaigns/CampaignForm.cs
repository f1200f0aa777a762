using System.Globalization;
using FluentValidation;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Core.Time;

namespace OverdueSmsPortal.Web.Components.Pages.Campaigns;

/// <summary>
/// What the campaign builder edits: a <see cref="CampaignPlan"/> in the shapes the form's inputs
/// use (times and dates as the browser's time and date fields give them).
/// </summary>
public sealed class CampaignForm
{
    private const string TimeFormat = "HH:mm";
    private const string DateFormat = "yyyy-MM-dd";

    public string Name { get; set; } = "";
    public List<SegmentEntry> Segments { get; set; } = [];
    public ScheduleKind Kind { get; set; } = ScheduleKind.Daily;
    public string OnceDate { get; set; } = "";
    public string OnceTime { get; set; } = "19:00";
    public string DailyTime { get; set; } = Text(CampaignSchedule.Recommended.DailyAt);
    public bool SeparateWeekendTime { get; set; } = true;
    public string WeekendTime { get; set; } = Text(CampaignSchedule.Recommended.WeekendAt);
    public string Cron { get; set; } = "0 0 19 ? * MON-FRI";
    public string WindowFrom { get; set; } = Text(SendWindow.Recommended.From);
    public string WindowTo { get; set; } = Text(SendWindow.Recommended.To);
    public bool SeparateWeekendWindow { get; set; } = true;
    public string WeekendWindowFrom { get; set; } = Text(SendWindow.Recommended.WeekendFrom);
    public string WeekendWindowTo { get; set; } = Text(SendWindow.Recommended.WeekendTo);
    public WeekDays Days { get; set; } = SendWindow.Recommended.Days;
    public int? DaysBeforePayday { get; set; }
    public int Throughput { get; set; } = 20;
    public string EndDate { get; set; } = "";

    /// <summary>One segment of the campaign as the form holds it.</summary>
    public sealed class SegmentEntry
    {
        public long SegmentId { get; set; }
        public long VersionAId { get; set; }
        public bool Split { get; set; }
        public long? VersionBId { get; set; }
        public int SplitBPercent { get; set; } = 50;
    }

    public static CampaignForm New(DateOnly today) => new()
    {
        OnceDate = today.ToString(DateFormat, CultureInfo.InvariantCulture),
        EndDate = today.AddDays(14).ToString(DateFormat, CultureInfo.InvariantCulture),
    };

    public static CampaignForm From(CampaignPlan plan) => new()
    {
        Name = plan.Name,
        Segments = plan.Segments.Select(s => new SegmentEntry
        {
            SegmentId = s.SegmentId,
            VersionAId = s.VersionAId,
            Split = s.VersionBId is not null,
            VersionBId = s.VersionBId,
            SplitBPercent = s.VersionBId is null ? 50 : s.SplitBPercent,
        }).ToList(),
        Kind = plan.Schedule.Kind,
        OnceDate = plan.Schedule.OnceAt?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? plan.EndDate.ToString(DateFormat, CultureInfo.InvariantCulture),
        OnceTime = plan.Schedule.OnceAt?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "19:00",
        DailyTime = Text(plan.Schedule.DailyAt ?? CampaignSchedule.Recommended.DailyAt),
        // A campaign saved without weekend parts keeps them off when edited: its behaviour stays as approved.
        SeparateWeekendTime = plan.Schedule.WeekendAt is not null,
        WeekendTime = Text(plan.Schedule.WeekendAt ?? CampaignSchedule.Recommended.WeekendAt),
        Cron = plan.Schedule.Cron ?? "0 0 19 ? * MON-FRI",
        WindowFrom = Text(plan.Window.From),
        WindowTo = Text(plan.Window.To),
        SeparateWeekendWindow = plan.Window.HasWeekendHours,
        WeekendWindowFrom = Text(plan.Window.WeekendFrom ?? SendWindow.Recommended.WeekendFrom),
        WeekendWindowTo = Text(plan.Window.WeekendTo ?? SendWindow.Recommended.WeekendTo),
        Days = plan.Window.Days,
        DaysBeforePayday = plan.Window.DaysBeforePayday,
        Throughput = plan.ThroughputPerSecond,
        EndDate = plan.EndDate.ToString(DateFormat, CultureInfo.InvariantCulture),
    };

    /// <summary>The plan the form describes. A field that does not parse is left empty, and the validator names it.</summary>
    public CampaignPlan ToPlan()
    {
        var onceAt = Date(OnceDate) is { } date && Time(OnceTime) is { } time ? date.ToDateTime(time) : (DateTime?)null;
        var schedule = Kind switch
        {
            ScheduleKind.Once => new CampaignSchedule(ScheduleKind.Once, OnceAt: onceAt),
            ScheduleKind.Daily => new CampaignSchedule(ScheduleKind.Daily, DailyAt: Time(DailyTime),
                WeekendAt: SeparateWeekendTime ? Time(WeekendTime) : null),
            _ => new CampaignSchedule(ScheduleKind.Cron, Cron: Cron),
        };
        return new CampaignPlan
        {
            Name = Name,
            Segments = Segments.Select(s => new CampaignSegmentPlan(s.SegmentId, s.VersionAId,
                s.Split ? s.VersionBId ?? 0 : null, s.Split ? s.SplitBPercent : 0)).ToList(),
            Schedule = schedule,
            // An unreadable time becomes one the validator refuses, so the error shows by the field.
            Window = new SendWindow(Time(WindowFrom) ?? TimeOnly.MinValue, Time(WindowTo) ?? TimeOnly.MaxValue, Days, DaysBeforePayday,
                SeparateWeekendWindow ? Time(WeekendWindowFrom) ?? TimeOnly.MinValue : null,
                SeparateWeekendWindow ? Time(WeekendWindowTo) ?? TimeOnly.MaxValue : null),
            ThroughputPerSecond = Throughput,
            EndDate = Date(EndDate) ?? DateOnly.MinValue,
        };
    }

    /// <summary>
    /// Fields the plan cannot carry when they do not parse, named as the validator names them. A weekend
    /// time left empty would otherwise read as "no weekend time" and fire at the workday time unseen.
    /// </summary>
    public IEnumerable<(string Property, string Code)> UnreadableFields()
    {
        if (Kind == ScheduleKind.Daily && SeparateWeekendTime && Time(WeekendTime) is null)
        {
            yield return ("Schedule.WeekendAt", "campaign.schedule.weekend_required");
        }
    }

    private static string Text(TimeOnly? time) => time?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "";

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>
/// Checks what the builder holds: the plan it makes, as the desk checks it on saving (errors and the
/// timing warnings, against the business day of the check), then the fields the browser gave in a shape
/// no plan can hold.
/// </summary>
public sealed class CampaignFormValidator : AbstractValidator<CampaignForm>
{
    public CampaignFormValidator(BusinessClock clock)
    {
        RuleFor(form => form).Custom((form, context) =>
        {
            foreach (var failure in CampaignDesk.Validator(clock).Validate(form.ToPlan()).Errors)
            {
                context.AddFailure(failure);
            }
            foreach (var (property, code) in form.UnreadableFields())
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(property, code) { ErrorCode = code });
            }
        });
    }
}
