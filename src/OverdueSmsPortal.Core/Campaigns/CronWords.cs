using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OverdueSmsPortal.Core.Campaigns;

/// <summary>
/// Describes a Quartz.NET cron expression in plain words for the people who read a campaign's schedule:
/// Simplified Chinese for any <c>zh</c> culture, English otherwise.
/// </summary>
public static class CronWords
{
    private static readonly string[] DayTokens = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] MonthTokens = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] EnglishDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] ChineseDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] EnglishNth = ["first", "second", "third", "fourth", "fifth"];
    private static readonly string[] ChineseNth = ["第一个", "第二个", "第三个", "第四个", "第五个"];

    private enum Kind { Any, List, Step }

    private readonly record struct Segment(int From, int To);

    private sealed record Field(Kind Kind, IReadOnlyList<Segment> Segments, int Step);

    private sealed record Phrase(string Text, bool At);

    /// <summary>
    /// Puts <paramref name="expression"/> into words, e.g. "Monday to Friday at 09:30" or "周一至周五 09:30".
    /// </summary>
    /// <param name="expression">A Quartz cron expression: seconds, minutes, hours, day of month, month, day of week, optional year.</param>
    /// <param name="culture">Any <c>zh</c> culture gives Simplified Chinese; every other culture gives English.</param>
    /// <param name="description">The sentence, or null when the method returns false.</param>
    /// <returns>
    /// True when every field is a form this class knows; false otherwise, so the caller can fall back to the raw
    /// expression and the next firing times. This is not a validator: Quartz checks the expression elsewhere.
    /// </returns>
    public static bool TryDescribe(string expression, CultureInfo culture, [NotNullWhen(true)] out string? description)
    {
        ArgumentNullException.ThrowIfNull(culture);
        description = Describe(expression ?? "", culture.TwoLetterISOLanguageName == "zh");
        return description is not null;
    }

    private static string? Describe(string expression, bool zh)
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
        var time = minutes is null || hours is null ? null : Time(second, minutes, hours, zh);
        var day = Day(fields[3], fields[5], zh);
        if (time is null || day is null || months is null)
        {
            return null;
        }

        var everyDay = fields[3] is "*" or "?" && fields[5] is "*" or "?";
        var monthText = months.Kind == Kind.Any
            ? null
            : Join(Texts(Items(months), m => zh ? $"{m}月" : EnglishMonths[m - 1], zh ? "至" : " to "), zh);

        if (zh)
        {
            string?[] parts = [monthText, everyDay && !time.At ? null : day, time.Text];
            return string.Join(" ", parts.Where(p => p is not null));
        }

        var sentence = time.At ? $"{day} {time.Text}" : everyDay ? Capitalize(time.Text) : $"{day}, {time.Text}";
        return monthText is null ? sentence : $"{sentence}, in {monthText}";
    }

    private static Phrase? Time(int second, Field minutes, Field hours, bool zh)
    {
        if (minutes.Kind == Kind.Any)
        {
            minutes = new Field(Kind.Step, [new Segment(0, 59)], 1);
        }

        if (minutes.Kind == Kind.Step)
        {
            return MinuteSteps(second, minutes, hours, zh);
        }

        var minuteValues = Values(minutes);
        var hourValues = Values(hours);
        if (minuteValues.Count * hourValues.Count <= 6)
        {
            var clocks = hourValues.SelectMany(h => minuteValues.Select(m => Clock(h, m, second))).ToList();
            return new Phrase(zh ? string.Join("、", clocks) : "at " + Join(clocks, zh), true);
        }

        if (minuteValues.Count == 1)
        {
            var minute = minuteValues[0];
            if (hours.Kind == Kind.Step && hours.Step > 1)
            {
                var every = zh ? $"每 {hours.Step} 小时" : $"every {hours.Step} hours";
                var wholeDay = second == 0 && minute == 0 && hourValues[0] < hours.Step && hourValues[^1] + hours.Step > 23;
                return wholeDay
                    ? new Phrase(every, false)
                    : Window(every, Clock(hourValues[0], minute, second), Clock(hourValues[^1], minute, second), zh);
            }

            if (hours.Kind == Kind.Any && minute == 0 && second == 0)
            {
                return new Phrase(zh ? "每小时" : "every hour", false);
            }

            if (Span(hours) is { } span)
            {
                return Window(zh ? "每小时" : "every hour", Clock(span.From, minute, second), Clock(span.To, minute, second), zh);
            }
        }

        var minuteText = Join(Texts(minutes.Segments, m => $"{m}", zh ? " 至 " : "–"), zh);
        return second == 0 ? ByParts(zh ? $"第 {minuteText} 分钟" : $"at minute {minuteText}", hours, zh) : null;
    }

    private static Phrase? MinuteSteps(int second, Field minutes, Field hours, bool zh)
    {
        var (start, end) = minutes.Segments[0];
        var every = (minutes.Step, zh) switch
        {
            (1, true) => "每分钟",
            (1, false) => "every minute",
            (var n, true) => $"每 {n} 分钟",
            var (n, _) => $"every {n} minutes",
        };
        var continuous = start < minutes.Step && end == 59;

        if (continuous && hours.Kind == Kind.Any)
        {
            return second == 0 ? new Phrase(every, false) : null;
        }

        if (continuous && Span(hours) is { } span)
        {
            return Window(every, Clock(span.From, start, second), Clock(span.To, 59, second), zh);
        }

        if (second != 0)
        {
            return null;
        }

        if (continuous)
        {
            return ByParts(every, hours, zh);
        }

        return ByParts(zh ? $"第 {start} 至 {end} 分钟{every}" : $"{every} from minute {start} to {end}", hours, zh);
    }

    private static Phrase Window(string every, string from, string to, bool zh) =>
        new(zh ? $"{from} 至 {to} {every}" : $"{every} from {from} to {to}", false);

    private static Phrase ByParts(string minutePart, Field hours, bool zh)
    {
        if (hours.Kind == Kind.Any)
        {
            return new Phrase(zh ? $"每小时{minutePart}" : $"{minutePart} of every hour", false);
        }

        var items = Items(hours);
        var hourText = Join(Texts(items, h => zh ? $"{h} 点" : $"{h}", zh ? "至 " : "–"), zh);
        var plural = items.Count > 1 || items[0].From != items[0].To;
        return new Phrase(zh ? $"{hourText}的{minutePart}" : $"{minutePart} of {(plural ? "hours" : "hour")} {hourText}", false);
    }

    private static string? Day(string dayOfMonth, string dayOfWeek, bool zh)
    {
        if (dayOfMonth == "?" == (dayOfWeek == "?"))
        {
            return null;
        }

        if (dayOfMonth is "*" || dayOfWeek is "*")
        {
            return zh ? "每天" : "Every day";
        }

        return dayOfMonth == "?" ? WeekDays(dayOfWeek, zh) : MonthDays(dayOfMonth, zh);
    }

    private static string? WeekDays(string text, bool zh)
    {
        string Name(int day) => zh ? ChineseDays[day - 1] : EnglishDays[day - 1];

        if (text.Length > 1 && text[^1] is 'L' or 'l')
        {
            return TryNumber(text[..^1], 1, 7, DayTokens, out var last)
                ? zh ? $"每月最后一个{Name(last)}" : $"On the last {Name(last)} of every month"
                : null;
        }

        var hash = text.Split('#');
        if (hash.Length == 2)
        {
            return TryNumber(hash[0], 1, 7, DayTokens, out var day) && TryNumber(hash[1], 1, 5, null, out var nth)
                ? zh ? $"每月{ChineseNth[nth - 1]}{Name(day)}" : $"On the {EnglishNth[nth - 1]} {Name(day)} of every month"
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
            return zh ? $"每{Name(only.From)}" : $"On {Name(only.From)}s";
        }

        return Join(Texts(items, Name, zh ? "至" : " to "), zh);
    }

    private static string? MonthDays(string text, bool zh)
    {
        switch (text.ToUpperInvariant())
        {
            case "L" or "L-0":
                return zh ? "每月最后一天" : "On the last day of every month";
            case "LW":
                return zh ? "每月最后一个工作日" : "On the last weekday of every month";
            case ['L', '-', .. var offset]:
                return TryNumber(offset, 1, 30, null, out var before)
                    ? zh ? $"每月倒数第 {before + 1} 天" : $"On the {Ordinal(before + 1)}-last day of every month"
                    : null;
            case [.. var number, 'W']:
                return TryNumber(number, 1, 31, null, out var nearest)
                    ? zh ? $"每月离 {nearest} 日最近的工作日" : $"On the weekday nearest day {nearest} of every month"
                    : null;
        }

        var field = Parse(text, 1, 31, null);
        if (field is null)
        {
            return null;
        }

        var items = Items(field);
        if (zh)
        {
            return $"每月 {Join(Texts(items, d => $"{d} 日", "至 "), zh)}";
        }

        var plural = items.Count > 1 || items[0].From != items[0].To;
        return $"On {(plural ? "days" : "day")} {Join(Texts(items, d => $"{d}", " to "), zh)} of every month";
    }

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

    private static IEnumerable<string> Texts(IEnumerable<Segment> segments, Func<int, string> name, string to) =>
        segments.Select(s => s.From == s.To ? name(s.From) : $"{name(s.From)}{to}{name(s.To)}");

    private static string Join(IEnumerable<string> items, bool zh)
    {
        var list = items.ToList();
        if (zh || list.Count == 1)
        {
            return string.Join("、", list);
        }

        return $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}";
    }

    private static string Clock(int hour, int minute, int second) =>
        second == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}:{second:00}");

    private static string Ordinal(int n) => (n % 100, n % 10) switch
    {
        (11 or 12 or 13, _) => $"{n}th",
        (_, 1) => $"{n}st",
        (_, 2) => $"{n}nd",
        (_, 3) => $"{n}rd",
        _ => $"{n}th",
    };

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
