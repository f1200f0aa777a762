using System.Globalization;
using OverdueSmsPortal.Core.Campaigns;

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
    public string OnceTime { get; set; } = "10:00";
    public string DailyTime { get; set; } = "10:00";
    public string Cron { get; set; } = "0 0 10 ? * MON-FRI";
    public string WindowFrom { get; set; } = "09:00";
    public string WindowTo { get; set; } = "20:00";
    public WeekDays Days { get; set; } = WeekDays.All;
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
        OnceTime = plan.Schedule.OnceAt?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "10:00",
        DailyTime = plan.Schedule.DailyAt?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "10:00",
        Cron = plan.Schedule.Cron ?? "0 0 10 ? * MON-FRI",
        WindowFrom = plan.Window.From.ToString(TimeFormat, CultureInfo.InvariantCulture),
        WindowTo = plan.Window.To.ToString(TimeFormat, CultureInfo.InvariantCulture),
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
            ScheduleKind.Daily => new CampaignSchedule(ScheduleKind.Daily, DailyAt: Time(DailyTime)),
            _ => new CampaignSchedule(ScheduleKind.Cron, Cron: Cron),
        };
        return new CampaignPlan
        {
            Name = Name,
            Segments = Segments.Select(s => new CampaignSegmentPlan(s.SegmentId, s.VersionAId,
                s.Split ? s.VersionBId ?? 0 : null, s.Split ? s.SplitBPercent : 0)).ToList(),
            Schedule = schedule,
            // An unreadable time becomes one the validator refuses, so the error shows by the field.
            Window = new SendWindow(Time(WindowFrom) ?? TimeOnly.MinValue, Time(WindowTo) ?? TimeOnly.MaxValue, Days, DaysBeforePayday),
            ThroughputPerSecond = Throughput,
            EndDate = Date(EndDate) ?? DateOnly.MinValue,
        };
    }

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
