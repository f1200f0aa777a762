using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OverdueSmsPortal.Core.Campaigns;

/// <summary>
/// A piece of a schedule said in words: a resource key of the portal and the values its placeholders take.
/// A value is a number, a clock time such as "09:30", another phrase, a <see cref="CronList"/> or a <see cref="CronOrdinal"/>.
/// </summary>
public sealed record CronPhrase(string Key, params IReadOnlyList<object> Values);

/// <summary>Items said as one list ("a, b and c"; "a、b、c").</summary>
public sealed record CronList(IReadOnlyList<object> Items);

/// <summary>A number said as an ordinal where the language has one ("2nd").</summary>
public readonly record struct CronOrdinal(int Value);

/// <summary>The resource keys a <see cref="CronPhrase"/> may name; the portal's resource files hold the words.</summary>
public static class CronKeys
{
    /// <summary>A day and the clock times it fires at: {0} the day, {1} the times.</summary>
    public const string DayAt = "Cron.Sentence.DayAt";
    /// <summary>A day and a repeating time: {0} the day, {1} the repetition.</summary>
    public const string DayRepeating = "Cron.Sentence.DayRepeating";
    /// <summary>A sentence limited to some months: {0} the sentence, {1} the months.</summary>
    public const string InMonths = "Cron.Sentence.InMonths";

    public const string At = "Cron.Time.At";
    public const string EveryHour = "Cron.Time.EveryHour";
    public const string EveryHours = "Cron.Time.EveryHours";
    public const string EveryMinute = "Cron.Time.EveryMinute";
    public const string EveryMinutes = "Cron.Time.EveryMinutes";
    /// <summary>A repetition between two clock times: {0} the repetition, {1} from, {2} to.</summary>
    public const string Between = "Cron.Time.Between";
    public const string AtMinutes = "Cron.Time.AtMinutes";
    /// <summary>A repetition within minutes of the hour: {0} the repetition, {1} the first minute, {2} the last.</summary>
    public const string EveryBetweenMinutes = "Cron.Time.EveryBetweenMinutes";
    public const string OfEveryHour = "Cron.Time.OfEveryHour";
    /// <summary>Minutes of one hour: {0} the minutes, {1} the hour.</summary>
    public const string OfHour = "Cron.Time.OfHour";
    public const string OfHours = "Cron.Time.OfHours";
    public const string Hour = "Cron.Hour";

    public const string EveryDay = "Cron.Day.Every";
    public const string OnWeekday = "Cron.Day.OnWeekday";
    public const string Weekdays = "Cron.Day.Weekdays";
    public const string LastWeekdayOfMonth = "Cron.Day.LastWeekdayOfMonth";
    /// <summary>The nth weekday of the month: {0} which (<see cref="Nth"/>), {1} the weekday.</summary>
    public const string NthWeekdayOfMonth = "Cron.Day.NthWeekdayOfMonth";
    public const string MonthDay = "Cron.Day.MonthDay";
    public const string MonthDays = "Cron.Day.MonthDays";
    public const string DayOfMonth = "Cron.DayOfMonth";
    public const string LastOfMonth = "Cron.Day.LastOfMonth";
    public const string LastWorkdayOfMonth = "Cron.Day.LastWorkdayOfMonth";
    public const string NthLastOfMonth = "Cron.Day.NthLastOfMonth";
    public const string NearestWorkday = "Cron.Day.NearestWorkday";

    public const string HourRange = "Cron.Range.Hour";
    public const string MinuteRange = "Cron.Range.Minute";
    public const string WeekdayRange = "Cron.Range.Weekday";
    public const string MonthDayRange = "Cron.Range.MonthDay";
    public const string MonthRange = "Cron.Range.Month";

    /// <summary>Between list items but the last two, and between the last two.</summary>
    public const string ListSeparator = "Cron.List.Separator";
    public const string ListLast = "Cron.List.Last";

    /// <summary>An ordinal: the key with the number's last two digits, else with its last digit, else this one.</summary>
    public const string Ordinal = "Cron.Ordinal";

    /// <summary>A weekday by Quartz's number, 1 (Sunday) to 7 (Saturday).</summary>
    public static string Weekday(int day) => string.Create(CultureInfo.InvariantCulture, $"Cron.Weekday.{day}");

    public static string Month(int month) => string.Create(CultureInfo.InvariantCulture, $"Cron.Month.{month}");

    /// <summary>First to fifth, as in "the third Friday".</summary>
    public static string Nth(int nth) => string.Create(CultureInfo.InvariantCulture, $"Cron.Nth.{nth}");

    /// <summary>Every key a description may name, for the resource files' checks.</summary>
    public static IEnumerable<string> All() =>
        typeof(CronKeys).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Concat(Enumerable.Range(1, 7).Select(Weekday))
            .Concat(Enumerable.Range(1, 12).Select(Month))
            .Concat(Enumerable.Range(1, 5).Select(Nth))
            .Concat(OrdinalExceptions.Select(n => string.Create(CultureInfo.InvariantCulture, $"{Ordinal}.{n}")));

    private static readonly int[] OrdinalExceptions = [1, 2, 3, 11, 12, 13];
}

/// <summary>
/// Describes a Quartz.NET cron expression for the people who read a campaign's schedule, as phrases whose words
/// are in the portal's resource files: e.g. "Monday to Friday at 09:30" or "周一至周五 09:30".
/// </summary>
public static class CronWords
{
    private static readonly string[] DayTokens = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] MonthTokens = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private enum Kind { Any, List, Step }

    private readonly record struct Segment(int From, int To);

    private sealed record Field(Kind Kind, IReadOnlyList<Segment> Segments, int Step);

    /// <summary>A time of day: clock times it fires at (<paramref name="At"/>), or a repetition.</summary>
    private sealed record Phrase(CronPhrase Words, bool At);

    /// <summary>Puts <paramref name="expression"/> into phrases.</summary>
    /// <param name="expression">A Quartz cron expression: seconds, minutes, hours, day of month, month, day of week, optional year.</param>
    /// <param name="description">The sentence, or null when the method returns false.</param>
    /// <returns>
    /// True when every field is a form this class knows; false otherwise, so the caller can fall back to the raw
    /// expression and the next firing times. This is not a validator: Quartz checks the expression elsewhere.
    /// </returns>
    public static bool TryDescribe(string expression, [NotNullWhen(true)] out CronPhrase? description)
    {
        description = Describe(expression ?? "");
        return description is not null;
    }

    private static CronPhrase? Describe(string expression)
    {
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (6 or 7) || (fields.Length == 7 && fields[6] != "*"))
        {
            return null;
        }

        if (!TryNumber(fields[0], 0, 59, null, out var second))
        {
            return null;
        }

        var minutes = Parse(fields[1], 0, 59, null);
        var hours = Parse(fields[2], 0, 23, null);
        var months = Parse(fields[4], 1, 12, MonthTokens);
        var time = minutes is null || hours is null ? null : Time(second, minutes, hours);
        var day = Day(fields[3], fields[5]);
        if (time is null || day is null || months is null)
        {
            return null;
        }

        var everyDay = fields[3] is "*" or "?" && fields[5] is "*" or "?";
        var sentence = time.At ? new CronPhrase(CronKeys.DayAt, day, time.Words)
            : everyDay ? time.Words
            : new CronPhrase(CronKeys.DayRepeating, day, time.Words);
        return months.Kind == Kind.Any
            ? sentence
            : new CronPhrase(CronKeys.InMonths, sentence, Texts(Items(months), m => new CronPhrase(CronKeys.Month(m)), CronKeys.MonthRange));
    }

    private static Phrase? Time(int second, Field minutes, Field hours)
    {
        if (minutes.Kind == Kind.Any)
        {
            minutes = new Field(Kind.Step, [new Segment(0, 59)], 1);
        }

        if (minutes.Kind == Kind.Step)
        {
            return MinuteSteps(second, minutes, hours);
        }

        var minuteValues = Values(minutes);
        var hourValues = Values(hours);
        if (minuteValues.Count * hourValues.Count <= 6)
        {
            var clocks = hourValues.SelectMany(h => minuteValues.Select(m => (object)Clock(h, m, second))).ToList();
            return new Phrase(new CronPhrase(CronKeys.At, new CronList(clocks)), true);
        }

        if (minuteValues.Count == 1)
        {
            var minute = minuteValues[0];
            if (hours.Kind == Kind.Step && hours.Step > 1)
            {
                var every = new CronPhrase(CronKeys.EveryHours, hours.Step);
                var wholeDay = second == 0 && minute == 0 && hourValues[0] < hours.Step && hourValues[^1] + hours.Step > 23;
                return wholeDay
                    ? new Phrase(every, false)
                    : Between(every, Clock(hourValues[0], minute, second), Clock(hourValues[^1], minute, second));
            }

            if (hours.Kind == Kind.Any && minute == 0 && second == 0)
            {
                return new Phrase(new CronPhrase(CronKeys.EveryHour), false);
            }

            if (Span(hours) is { } span)
            {
                return Between(new CronPhrase(CronKeys.EveryHour), Clock(span.From, minute, second), Clock(span.To, minute, second));
            }
        }

        var minuteList = Texts(minutes.Segments, m => m, CronKeys.MinuteRange);
        return second == 0 ? ByParts(new CronPhrase(CronKeys.AtMinutes, minuteList), hours) : null;
    }

    private static Phrase? MinuteSteps(int second, Field minutes, Field hours)
    {
        var (start, end) = minutes.Segments[0];
        var every = minutes.Step == 1 ? new CronPhrase(CronKeys.EveryMinute) : new CronPhrase(CronKeys.EveryMinutes, minutes.Step);
        var continuous = start < minutes.Step && end == 59;

        if (continuous && hours.Kind == Kind.Any)
        {
            return second == 0 ? new Phrase(every, false) : null;
        }

        if (continuous && Span(hours) is { } span)
        {
            return Between(every, Clock(span.From, start, second), Clock(span.To, 59, second));
        }

        if (second != 0)
        {
            return null;
        }

        return ByParts(continuous ? every : new CronPhrase(CronKeys.EveryBetweenMinutes, every, start, end), hours);
    }

    private static Phrase Between(CronPhrase every, string from, string to) =>
        new(new CronPhrase(CronKeys.Between, every, from, to), false);

    private static Phrase ByParts(CronPhrase minutePart, Field hours)
    {
        if (hours.Kind == Kind.Any)
        {
            return new Phrase(new CronPhrase(CronKeys.OfEveryHour, minutePart), false);
        }

        var items = Items(hours);
        var hourList = Texts(items, h => new CronPhrase(CronKeys.Hour, h), CronKeys.HourRange);
        var plural = items.Count > 1 || items[0].From != items[0].To;
        return new Phrase(new CronPhrase(plural ? CronKeys.OfHours : CronKeys.OfHour, minutePart, hourList), false);
    }

    private static CronPhrase? Day(string dayOfMonth, string dayOfWeek)
    {
        if (dayOfMonth == "?" == (dayOfWeek == "?"))
        {
            return null;
        }

        if (dayOfMonth is "*" || dayOfWeek is "*")
        {
            return new CronPhrase(CronKeys.EveryDay);
        }

        return dayOfMonth == "?" ? WeekDays(dayOfWeek) : MonthDays(dayOfMonth);
    }

    private static CronPhrase? WeekDays(string text)
    {
        static CronPhrase Name(int day) => new(CronKeys.Weekday(day));

        if (text.Length > 1 && text[^1] is 'L' or 'l')
        {
            return TryNumber(text[..^1], 1, 7, DayTokens, out var last)
                ? new CronPhrase(CronKeys.LastWeekdayOfMonth, Name(last))
                : null;
        }

        var hash = text.Split('#');
        if (hash.Length == 2)
        {
            return TryNumber(hash[0], 1, 7, DayTokens, out var day) && TryNumber(hash[1], 1, 5, null, out var nth)
                ? new CronPhrase(CronKeys.NthWeekdayOfMonth, new CronPhrase(CronKeys.Nth(nth)), Name(day))
                : null;
        }

        var field = Parse(text, 1, 7, DayTokens);
        if (field is null)
        {
            return null;
        }

        var items = Items(field).OrderBy(s => (s.From + 5) % 7).ToList();
        if (items is [var only] && only.From == only.To)
        {
            return new CronPhrase(CronKeys.OnWeekday, Name(only.From));
        }

        return new CronPhrase(CronKeys.Weekdays, Texts(items, Name, CronKeys.WeekdayRange));
    }

    private static CronPhrase? MonthDays(string text)
    {
        switch (text.ToUpperInvariant())
        {
            case "L" or "L-0":
                return new CronPhrase(CronKeys.LastOfMonth);
            case "LW":
                return new CronPhrase(CronKeys.LastWorkdayOfMonth);
            case ['L', '-', .. var offset]:
                return TryNumber(offset, 1, 30, null, out var before)
                    ? new CronPhrase(CronKeys.NthLastOfMonth, new CronOrdinal(before + 1))
                    : null;
            case [.. var number, 'W']:
                return TryNumber(number, 1, 31, null, out var nearest)
                    ? new CronPhrase(CronKeys.NearestWorkday, nearest)
                    : null;
        }

        var field = Parse(text, 1, 31, null);
        if (field is null)
        {
            return null;
        }

        var items = Items(field);
        var plural = items.Count > 1 || items[0].From != items[0].To;
        var days = Texts(items, d => new CronPhrase(CronKeys.DayOfMonth, d), CronKeys.MonthDayRange);
        return new CronPhrase(plural ? CronKeys.MonthDays : CronKeys.MonthDay, days);
    }

    private static CronList Texts(IEnumerable<Segment> segments, Func<int, object> name, string rangeKey) =>
        new(segments.Select(s => s.From == s.To ? name(s.From) : new CronPhrase(rangeKey, name(s.From), name(s.To))).ToList());

    private static string Clock(int hour, int minute, int second) =>
        second == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}:{second:00}");

    private static Field? Parse(string text, int min, int max, string[]? names)
    {
        if (text == "*")
        {
            return new Field(Kind.Any, [new Segment(min, max)], 1);
        }

        var slash = text.Split('/');
        if (slash.Length == 2)
        {
            if (!TryNumber(slash[1], 1, max, null, out var step))
            {
                return null;
            }

            Segment? range = slash[0] == "*" ? new Segment(min, max)
                : TryNumber(slash[0], min, max, names, out var start) ? new Segment(start, max)
                : ParseSegment(slash[0], min, max, names);
            return range is { } r ? new Field(Kind.Step, [r], step) : null;
        }

        if (slash.Length != 1)
        {
            return null;
        }

        var segments = new List<Segment>();
        foreach (var item in text.Split(','))
        {
            if (ParseSegment(item, min, max, names) is not { } segment)
            {
                return null;
            }

            segments.Add(segment);
        }

        return new Field(Kind.List, segments.OrderBy(s => s.From).ToList(), 1);
    }

    private static Segment? ParseSegment(string text, int min, int max, string[]? names)
    {
        var ends = text.Split('-');
        if (ends.Length is not (1 or 2)
            || !TryNumber(ends[0], min, max, names, out var from)
            || !TryNumber(ends[^1], min, max, names, out var to)
            || from > to)
        {
            return null;
        }

        return new Segment(from, to);
    }

    private static bool TryNumber(string text, int min, int max, string[]? names, out int value)
    {
        var index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            value = index + min;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static Segment? Span(Field field) => field switch
    {
        { Kind: Kind.List, Segments: [var only] } => only,
        { Kind: Kind.Step, Step: 1 } => field.Segments[0],
        _ => null,
    };

    private static List<Segment> Items(Field field) =>
        field.Kind == Kind.Step ? Values(field).Select(v => new Segment(v, v)).ToList() : field.Segments.ToList();

    private static List<int> Values(Field field)
    {
        var values = new SortedSet<int>();
        foreach (var (from, to) in field.Segments)
        {
            for (var v = from; v <= to; v += field.Step)
            {
                values.Add(v);
            }
        }

        return values.ToList();
    }
}
