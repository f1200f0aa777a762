using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>What is left of one render's <see cref="RenderLimits"/>: its deadline, and the checks of sizes as they grow.</summary>
internal sealed class RenderBudget(TimeSpan timeBudget)
{
    private readonly long deadline = Stopwatch.GetTimestamp() + (long)(timeBudget.TotalSeconds * Stopwatch.Frequency);

    public static RenderBudget Of(TemplateContext context) =>
        context is LimitedTemplateContext limited ? limited.Budget : throw new InvalidOperationException("A render without a budget.");

    public void CheckTime()
    {
        if (Stopwatch.GetTimestamp() > deadline)
        {
            throw new RenderTimeException($"The template takes longer than {RenderLimits.TimeBudget.TotalSeconds:0.#} s to render.");
        }
    }

    public static void CheckLength(long length)
    {
        if (length > RenderLimits.MaxValueLength)
        {
            throw new RenderLimitException($"A text the template builds would be longer than {RenderLimits.MaxValueLength} characters.");
        }
    }

    public static void CheckItems(long count)
    {
        if (count > RenderLimits.MaxItems)
        {
            throw new RenderLimitException($"A list the template builds would have more than {RenderLimits.MaxItems} items.");
        }
    }

    /// <summary>A value a filter produced: a text of at most the value length, a list of at most so many items and as many characters.</summary>
    public static void CheckValue(FluidValue value)
    {
        switch (value)
        {
            case StringValue text:
                CheckLength(text.ToStringValue().Length);
                break;
            case ArrayValue list:
                CheckItems(list.Values.Count);
                CheckLength(Characters(list, 0));
                break;
        }
    }

    /// <summary>The characters of the texts a list holds, at any depth.</summary>
    private static long Characters(ArrayValue list, int depth)
    {
        if (depth > RenderLimits.MaxRecursion)
        {
            throw new RenderLimitException("A list the template builds is nested too deeply.");
        }
        long total = 0;
        foreach (var item in list.Values)
        {
            total += item switch
            {
                StringValue text => text.ToStringValue().Length,
                ArrayValue inner => Characters(inner, depth + 1),
                _ => 0,
            };
        }
        return total;
    }
}

/// <summary>A Fluid context that carries its render's budget to the filters and writers that check it.</summary>
internal sealed class LimitedTemplateContext(TemplateOptions options, RenderBudget budget) : TemplateContext(options)
{
    public RenderBudget Budget { get; } = budget;
}

/// <summary>
/// A writer that refuses to grow past its limit, so a loop that writes a long text stops at the first
/// character too many instead of after it has written millions; each write also checks the clock.
/// </summary>
internal sealed class BoundedWriter(int limit, RenderBudget budget, string overLimitMessage) : TextWriter(CultureInfo.InvariantCulture)
{
    private readonly StringBuilder text = new();

    public override Encoding Encoding => Encoding.Unicode;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        budget.CheckTime();
        if ((long)text.Length + buffer.Length > limit)
        {
            throw new RenderLimitException(overLimitMessage);
        }
        text.Append(buffer);
    }

    // TextWriter's own FlushAsync hands the flush to the thread pool; Fluid awaits it at the end of a
    // render, and a render that waits on a Blazor circuit's dispatcher must never leave its thread.
    public override void Flush()
    {
    }

    public override Task FlushAsync() => Task.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override string ToString() => text.ToString();
}

/// <summary>
/// Wraps every Fluid filter so that what it makes is checked against the limits: the clock before each
/// call; the size of the result before the call for the filters that can multiply a text (append,
/// replace, join, a number format of a billion digits), so the oversized text is never allocated; and the
/// size of every result after it.
/// </summary>
internal static class LimitedFilters
{
    public static void Apply(FilterCollection filters)
    {
        foreach (var (name, filter) in filters.ToList())
        {
            var estimate = Estimate(name);
            filters.AddFilter(name, async (input, arguments, context) =>
            {
                var budget = RenderBudget.Of(context);
                budget.CheckTime();
                estimate?.Invoke(input, arguments);
                var result = await filter(input, arguments, context);
                RenderBudget.CheckValue(result);
                return result;
            });
        }
    }

    private static Action<FluidValue, FilterArguments>? Estimate(string name) => name switch
    {
        "append" or "prepend" => (input, arguments) => RenderBudget.CheckLength((long)Length(input) + Length(arguments.At(0))),
        "replace" => (input, arguments) => RenderBudget.CheckLength(Replaced(input.ToStringValue(), arguments.At(0).ToStringValue(),
            arguments.At(1).ToStringValue())),
        "replace_first" or "replace_last" => (input, arguments) => RenderBudget.CheckLength((long)Length(input) + Length(arguments.At(1))),
        "join" => (input, arguments) => RenderBudget.CheckLength(Joined(input, Length(arguments.At(0)))),
        "concat" => (input, arguments) => RenderBudget.CheckItems((long)Items(input) + Items(arguments.At(0))),
        "format_number" or "format_date" or "date" => (_, arguments) => CheckFormat(arguments.At(0).ToStringValue()),
        "format_string" => (input, _) => CheckFormat(input.ToStringValue()),
        _ => null,
    };

    private static int Length(FluidValue value) => value.IsNil() ? 0 : value.ToStringValue().Length;

    private static int Items(FluidValue value) => value is ArrayValue list ? list.Values.Count : 1;

    private static long Replaced(string input, string old, string replacement)
    {
        if (old.Length == 0 || replacement.Length <= old.Length)
        {
            return input.Length;
        }
        long count = 0;
        for (var at = input.IndexOf(old, StringComparison.Ordinal); at >= 0; at = input.IndexOf(old, at + old.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return input.Length + count * (replacement.Length - old.Length);
    }

    private static long Joined(FluidValue input, int separator)
    {
        if (input is not ArrayValue list)
        {
            return Length(input);
        }
        long total = (long)Math.Max(0, list.Values.Count - 1) * separator;
        foreach (var item in list.Values)
        {
            total += Length(item);
        }
        return total;
    }

    /// <summary>
    /// .NET formats take widths and precisions of up to a billion (<c>F999999999</c>, <c>{0,999999}</c>):
    /// no number in a format may ask for more characters than a value may have.
    /// </summary>
    private static void CheckFormat(string format)
    {
        long run = 0;
        foreach (var c in format)
        {
            run = char.IsAsciiDigit(c) ? Math.Min(run * 10 + (c - '0'), int.MaxValue) : 0;
            RenderBudget.CheckLength(run);
        }
    }
}

/// <summary>
/// Fluid's capture writes its block into a text of any size and checks nothing until the block ends;
/// this capture writes into a <see cref="BoundedWriter"/>, so a capture that doubles itself stops as it
/// passes the value length.
/// </summary>
internal sealed class BoundedCaptureStatement(string identifier, IReadOnlyList<Statement> statements) : TagStatement(statements)
{
    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        context.IncrementSteps();
        using var captured = new BoundedWriter(RenderLimits.MaxValueLength, RenderBudget.Of(context),
            $"A text the template builds would be longer than {RenderLimits.MaxValueLength} characters.");
        var completion = Completion.Normal;
        foreach (var statement in Statements)
        {
            completion = await statement.WriteToAsync(captured, encoder, context);
            if (completion != Completion.Normal)
            {
                // A break or continue inside the capture belongs to the loop around it.
                break;
            }
        }
        FluidValue value = new StringValue(captured.ToString(), false);
        if (context.Captured is { } callback)
        {
            value = await callback(identifier, value, context);
        }
        context.SetValue(identifier, value);
        return completion;
    }

    protected override Statement Accept(AstVisitor visitor) => visitor.VisitOtherStatement(this);
}

/// <summary>Replaces each capture of a parsed text with a <see cref="BoundedCaptureStatement"/>.</summary>
internal sealed class BoundedCaptures : AstRewriter
{
    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        var visited = base.VisitCaptureStatement(captureStatement);
        return visited is CaptureStatement capture ? new BoundedCaptureStatement(capture.Identifier, capture.Statements) : visited;
    }
}
