using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;
using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>
/// Renders template texts with Fluid, sandboxed: the model is the documented placeholders only (no
/// .NET member access), there are no files to include, and every render is held to the
/// <see cref="RenderLimits"/> (output, the size of every text and list it builds as it grows, steps and
/// time). Errors come back as a result with their place in the text, never as an exception; a limit hit
/// is an error marked <see cref="TemplateError.IsOverLimit"/>. Thread-safe; parsed texts are cached.
/// </summary>
public sealed partial class TemplateRenderer
{
    private const int CacheLimit = 500;

    private readonly FluidParser parser = new();
    private readonly TemplateOptions options;
    private readonly TimeSpan timeBudget;
    private readonly Dictionary<string, (IFluidTemplate? Template, TemplateError? Error)> cache = new(StringComparer.Ordinal);
    private readonly Lock cacheLock = new();

    public TemplateRenderer()
        : this(RenderLimits.TimeBudget)
    {
    }

    /// <summary>A renderer with another time budget: for tests that must see the clock stop a render.</summary>
    public TemplateRenderer(TimeSpan timeBudget)
    {
        this.timeBudget = timeBudget;
        options = new TemplateOptions
        {
            MaxSteps = RenderLimits.MaxSteps,
            MaxRecursion = RenderLimits.MaxRecursion,
            StrictFilters = true,
            FileProvider = new NullFileProvider(),
            TimeZone = TimeZoneInfo.Utc,
        };
        LimitedFilters.Apply(options.Filters);
        WarmUp();
    }

    public TemplateRenderResult Render(string body, TemplateCustomer customer, LenderProfile lender, CultureInfo culture) =>
        Render(body, customer, lender, culture, timeBudget);

    /// <summary>
    /// The first render of a filter compiles its code and loads what it needs (the date filter, time
    /// zones): on a busy machine that once took a whole time budget. Paid here, once, outside any budget.
    /// </summary>
    private void WarmUp()
    {
        const string body = "{% assign s = customer.name | append: 'x' | prepend: 'y' | replace: 'x', 'z' | split: '' | sort | join: ',' %}"
                            + "{% capture c %}{% for i in (1..3) %}{{ i | plus: 1 | times: 2 | minus: 1 | divided_by: 2 | round }}{% endfor %}{% endcapture %}"
                            + "{% if debt.days_overdue > 1 %}{{ debt.due_date | date: '%Y-%m-%d' }}{% endif %}{{ s | size }}{{ c | upcase | default: '' }}"
                            + "{{ debt.amount_due }}{{ debt.pay_by }}{{ debt.penalty_rate }}{{ customer.surname }}{{ lender.name | truncate: 5 }}";
        var customer = new TemplateCustomer("张伟", CustomerTitle.Mr, 1m, 1m, new DateOnly(2026, 1, 1), 9, 0.0005m);
        foreach (var culture in new[] { CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.InvariantCulture })
        {
            Render(body, customer, new LenderProfile("示例", "95555", "https://example.cn"), culture, TimeSpan.FromMinutes(1));
        }
        lock (cacheLock)
        {
            cache.Clear();
        }
    }

    /// <summary>
    /// Renders within the limits. The steps, sizes and items bound the work a text can do whatever the
    /// machine; the clock does not, since a render the scheduler set aside for a second under load runs out
    /// of time through no fault of its text. So a render that ran out of time, and of nothing else, is tried
    /// once more with a new budget: only a text that is slow twice is over the limit.
    /// </summary>
    private TemplateRenderResult Render(string body, TemplateCustomer customer, LenderProfile lender, CultureInfo culture, TimeSpan budgetTime)
    {
        var result = RenderOnce(body, customer, lender, culture, budgetTime, out var ranOutOfTime);
        return ranOutOfTime ? RenderOnce(body, customer, lender, culture, budgetTime, out _) : result;
    }

    private TemplateRenderResult RenderOnce(string body, TemplateCustomer customer, LenderProfile lender, CultureInfo culture, TimeSpan budgetTime,
        out bool ranOutOfTime)
    {
        ranOutOfTime = false;
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > TemplateBodyRules.MaxLength)
        {
            // The body rules refuse such a text before it is saved; a text that reached the renderer anyway
            // (an old row, a caller that skipped them) is not parsed either.
            return OverLimit($"The template text is longer than {TemplateBodyRules.MaxLength} characters.");
        }
        var (template, error) = Parse(body);
        if (template is null)
        {
            return new TemplateRenderResult(null, error, []);
        }
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var budget = new RenderBudget(budgetTime);
        var context = new LimitedTemplateContext(options, budget) { CultureInfo = culture };
        foreach (var (name, value) in Model(customer, lender, culture, missing))
        {
            context.SetValue(name, value);
        }
        var output = new BoundedWriter(RenderLimits.MaxOutputLength, budget,
            $"The message would be longer than {RenderLimits.MaxOutputLength} characters.");
        // Nothing a text can do is truly asynchronous (no files, no network), so the render completes on
        // this thread; without the caller's synchronization context, an await that did not would still
        // finish on the thread pool instead of waiting for a Blazor dispatcher this thread is blocking.
        var callerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            template.RenderAsync(output, context, NullEncoder.Default).AsTask().GetAwaiter().GetResult();
            return new TemplateRenderResult(output.ToString(), null, [.. missing]);
        }
        catch (RenderTimeException limit)
        {
            ranOutOfTime = true;
            return OverLimit(limit.Message);
        }
        catch (RenderLimitException limit)
        {
            return OverLimit(limit.Message);
        }
        catch (OverflowException)
        {
            return OverLimit("A number the template computes grows past what a message can hold.");
        }
        catch (InvalidOperationException exception) when (exception.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase))
        {
            // Fluid's own limits: the steps of a runaway loop, or includes nested too deep.
            return OverLimit($"The template runs more than {RenderLimits.MaxSteps} steps (a loop too long?).");
        }
        catch (InsufficientExecutionStackException)
        {
            return OverLimit("The template is nested too deeply.");
        }
        catch (Exception exception) when (exception is FluidException or InvalidOperationException or FileNotFoundException
                                              or ParseException or ArgumentException or FormatException
                                              or ArithmeticException or NotSupportedException or NullReferenceException
                                              or IndexOutOfRangeException or KeyNotFoundException or InvalidCastException)
        {
            // An include of a file that cannot exist, or a filter given a value it cannot take
            // (ArithmeticException: modulo by zero). Whatever the text does, its page and its run go on.
            return Failure(RuntimeMessage(exception));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(callerContext);
        }
    }

    /// <summary>Only the syntax: null when <paramref name="body"/> parses.</summary>
    public TemplateError? Check(string body) => Parse(body).Error;

    private static TemplateRenderResult Failure(string message) => new(null, new TemplateError(message, 1, 1, 0, 0), []);

    private static TemplateRenderResult OverLimit(string message) =>
        new(null, new TemplateError(message, 1, 1, 0, 0, IsOverLimit: true), []);

    private static string RuntimeMessage(Exception exception) => exception switch
    {
        FileNotFoundException => "Templates cannot include other files.",
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
                ? (new BoundedCaptures().VisitTemplate(template), (TemplateError?)null)
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
            if (!literal || Math.Abs((long)to - from) >= RenderLimits.MaxRangeLength)
            {
                var line = 1 + body.AsSpan(0, range.Index).Count('\n');
                var column = range.Index - body.LastIndexOf('\n', Math.Max(0, range.Index - 1));
                return new TemplateError($"A range may only have whole-number bounds and at most {RenderLimits.MaxRangeLength} numbers.",
                    line, range.Index == 0 ? 1 : column, range.Index, range.Index + range.Length, IsOverLimit: true);
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
        if (lineEnd < 0)
        {
            lineEnd = body.Length;
        }

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
