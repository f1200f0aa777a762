using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;
using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>
/// Renders template texts with Fluid, sandboxed: the model is the documented placeholders only (no
/// .NET member access), there are no files to include, and a loop or an output that runs away is
/// stopped. Errors come back as a result with their place in the text, never as an exception.
/// Thread-safe; parsed texts are cached.
/// </summary>
public sealed partial class TemplateRenderer
{
    /// <summary>Liquid steps one render may take: ample for any SMS, small enough to stop a runaway loop at once.</summary>
    public const int MaxSteps = 10_000;

    /// <summary>Longest text a render may produce; an SMS of 10 parts is under 700 characters.</summary>
    public const int MaxOutputLength = 2_000;

    /// <summary>
    /// Fluid builds a range's every number before a loop runs, so a step limit cannot stop
    /// <c>(1..100000000)</c>: ranges are checked before rendering, literal bounds only, this many numbers at most.
    /// </summary>
    public const int MaxRangeLength = 1_000;

    private const int CacheLimit = 500;

    private readonly FluidParser parser = new();
    private readonly TemplateOptions options;
    private readonly Dictionary<string, (IFluidTemplate? Template, TemplateError? Error)> cache = new(StringComparer.Ordinal);
    private readonly Lock cacheLock = new();

    public TemplateRenderer()
    {
        options = new TemplateOptions
        {
            MaxSteps = MaxSteps,
            MaxRecursion = 10,
            StrictFilters = true,
            FileProvider = new NullFileProvider(),
            TimeZone = TimeZoneInfo.Utc,
        };
    }

    public TemplateRenderResult Render(string body, TemplateCustomer customer, LenderProfile lender, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (template, error) = Parse(body);
        if (template is null)
        {
            return new TemplateRenderResult(null, error, []);
        }
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var context = new TemplateContext(options) { CultureInfo = culture };
        foreach (var (name, value) in Model(customer, lender, culture, missing))
        {
            context.SetValue(name, value);
        }
        try
        {
            var text = template.Render(context);
            if (text.Length > MaxOutputLength)
            {
                return Failure($"The message would be longer than {MaxOutputLength} characters.");
            }
            return new TemplateRenderResult(text, null, [.. missing]);
        }
        catch (Exception exception) when (exception is FluidException or InvalidOperationException or FileNotFoundException
                                              or ParseException or ArgumentException or FormatException
                                              or ArithmeticException or NotSupportedException or NullReferenceException)
        {
            // A limit hit, an include of a file that cannot exist, or a filter given a value it cannot take
            // (ArithmeticException: an overflow, or modulo by zero).
            return Failure(RuntimeMessage(exception));
        }
    }

    /// <summary>Only the syntax: null when <paramref name="body"/> parses.</summary>
    public TemplateError? Check(string body) => Parse(body).Error;

    private static TemplateRenderResult Failure(string message) => new(null, new TemplateError(message, 1, 1, 0, 0), []);

    private static string RuntimeMessage(Exception exception) => exception switch
    {
        FileNotFoundException => "Templates cannot include other files.",
        InvalidOperationException when exception.Message.Contains("recursion", StringComparison.OrdinalIgnoreCase)
            => $"The template runs more than {MaxSteps} steps (a loop too long?).",
        _ => exception.Message,
    };

    private (IFluidTemplate? Template, TemplateError? Error) Parse(string body)
    {
        lock (cacheLock)
        {
            if (cache.TryGetValue(body, out var cached))
            {
                return cached;
            }
        }
        var parsed = RangeError(body) is { } rangeError
            ? ((IFluidTemplate?)null, rangeError)
            : parser.TryParse(body, out var template, out var message)
                ? (template, (TemplateError?)null)
                : ((IFluidTemplate?)null, Locate(body, message));
        lock (cacheLock)
        {
            // Previews re-render the same text for every customer; a typist makes a new text per key.
            if (cache.Count >= CacheLimit)
            {
                cache.Clear();
            }
            cache[body] = parsed;
        }
        return parsed;
    }

    private static TemplateError? RangeError(string body)
    {
        foreach (Match range in Range().Matches(body))
        {
            var literal = int.TryParse(range.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from)
                        & int.TryParse(range.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var to);
            if (!literal || Math.Abs((long)to - from) >= MaxRangeLength)
            {
                var line = 1 + body.AsSpan(0, range.Index).Count('\n');
                var column = range.Index - body.LastIndexOf('\n', Math.Max(0, range.Index - 1));
                return new TemplateError($"A range may only have whole-number bounds and at most {MaxRangeLength} numbers.",
                    line, range.Index == 0 ? 1 : column, range.Index, range.Index + range.Length);
            }
        }
        return null;
    }

    /// <summary>Turns Fluid's "… at (line:column)" into a place in the text: from there to the end of that line.</summary>
    private static TemplateError Locate(string body, string message)
    {
        var firstLine = message.Split('\n', 2)[0].Trim();
        var match = Position().Match(firstLine);
        int line = 1, column = 1;
        if (match.Success)
        {
            line = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            column = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        var lineStart = 0;
        for (var i = 1; i < line && lineStart < body.Length; i++)
        {
            var next = body.IndexOf('\n', lineStart);
            lineStart = next < 0 ? body.Length : next + 1;
        }
        var lineEnd = body.IndexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = body.Length;
        var position = Math.Clamp(lineStart + column - 1, lineStart, lineEnd);
        // Fluid names where it gave up, often the end of the tag; the tag that opened before it is
        // what the author has to look at.
        var lineText = body.AsSpan(lineStart, position - lineStart);
        var tagOpen = Math.Max(lineText.LastIndexOf("{{"), lineText.LastIndexOf("{%"));
        var start = tagOpen >= 0 ? lineStart + tagOpen : position;
        var end = Math.Max(Math.Min(start + 1, body.Length), lineEnd);
        return new TemplateError(firstLine, line, start - lineStart + 1, start, end);
    }

    private static IEnumerable<(string Name, FluidValue Value)> Model(TemplateCustomer customer, LenderProfile lender,
        CultureInfo culture, ISet<string> missing)
    {
        var english = culture.TwoLetterISOLanguageName != "zh";
        yield return ("customer", new ModelObject("customer", new Dictionary<string, FluidValue?>
        {
            ["name"] = Text(customer.Name),
            ["surname"] = Text(PersonNames.Surname(customer.Name)),
            ["title"] = customer.Title is { } title ? new StringValue(TitleText(title, english)) : null,
        }, missing));
        yield return ("debt", new ModelObject("debt", new Dictionary<string, FluidValue?>
        {
            ["amount_due"] = Money(customer.AmountDue, culture, english),
            ["minimum_due"] = Money(customer.MinimumDue, culture, english),
            ["days_overdue"] = customer.DaysOverdue is { } days ? NumberValue.Create(days) : null,
            ["due_date"] = customer.DueDate is { } due ? new FormattedDateValue(due, DateText(due, culture, english)) : null,
            ["pay_by"] = lender.PayBy(customer) is { } payBy ? new FormattedDateValue(payBy, DateText(payBy, culture, english)) : null,
            ["penalty_rate"] = customer.DailyPenaltyRate is { } rate
                ? new FormattedNumberValue(rate, (rate * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%")
                : null,
        }, missing));
        yield return ("lender", new ModelObject("lender", new Dictionary<string, FluidValue?>
        {
            ["name"] = Text(lender.Name),
            ["hotline"] = Text(lender.Hotline),
            ["payment_link"] = Text(lender.PaymentLink),
        }, missing));
    }

    private static FluidValue? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : new StringValue(value);

    private static string TitleText(CustomerTitle title, bool english) => (title, english) switch
    {
        (CustomerTitle.Mr, false) => "先生",
        (CustomerTitle.Ms, false) => "女士",
        (CustomerTitle.Mr, true) => "Mr",
        _ => "Ms",
    };

    private static FluidValue? Money(decimal? amount, CultureInfo culture, bool english)
    {
        if (amount is not { } value)
        {
            return null;
        }
        var number = value.ToString("#,##0.00", culture);
        return new FormattedNumberValue(value, english ? $"CNY {number}" : $"¥{number}");
    }

    private static string DateText(DateOnly date, CultureInfo culture, bool english) =>
        english ? date.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : date.ToString("yyyy年M月d日", culture);

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex Position();

    [GeneratedRegex(@"\(\s*([^()\s]+)\s*\.\.\s*([^()\s]+)\s*\)")]
    private static partial Regex Range();
}
