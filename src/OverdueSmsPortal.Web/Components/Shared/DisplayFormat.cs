using System.Globalization;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// The one way the portal writes days and times to a reader, whatever the UI language:
/// culture short dates ("2026/11/8", "11/8/2026") read differently beside the tables' 2026-11-09.
/// </summary>
public static class DisplayFormat
{
    /// <summary>The pattern of a day, as the pickers and the query strings use it.</summary>
    public const string DayPattern = "yyyy-MM-dd";

    /// <summary>The pattern of a time of day, always on the 24-hour clock.</summary>
    public const string TimePattern = "HH:mm";

    /// <summary>The pattern of an instant to the minute.</summary>
    public const string MinutePattern = "yyyy-MM-dd HH:mm";

    public static string Day(DateOnly day) => day.ToString(DayPattern, CultureInfo.InvariantCulture);

    public static string Day(DateTime day) => day.ToString(DayPattern, CultureInfo.InvariantCulture);

    public static string Minute(DateTime at) => at.ToString(MinutePattern, CultureInfo.InvariantCulture);

    public static string Time(TimeSpan time) => time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DayPattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static TimeSpan? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToTimeSpan()
            : null;
}
