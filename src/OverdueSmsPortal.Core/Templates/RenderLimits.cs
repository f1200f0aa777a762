namespace OverdueSmsPortal.Core.Templates;

/// <summary>
/// The budget of one render of a template text, in one place: the preview, the lint, the review, the
/// render API and sending all render through <see cref="TemplateRenderer"/>, which holds every render to
/// these. A text is written by people the lender trusts, but it is run for every customer of a campaign
/// and on every key press in the studio: a text that would outgrow an SMS by orders of magnitude (a
/// string doubled in a loop reached 15.9 GB) is refused as soon as it passes a limit, not after.
/// </summary>
public static class RenderLimits
{
    /// <summary>Longest message a render may produce; an SMS of 10 parts is under 700 characters.</summary>
    public const int MaxOutputLength = 2_000;

    /// <summary>
    /// Longest text a template may build on the way (a capture, a filter's result), checked as it grows:
    /// nothing longer than the message itself is needed to write one.
    /// </summary>
    public const int MaxValueLength = 2_000;

    /// <summary>Most items a list may have (a split, a concat, a range).</summary>
    public const int MaxItems = 1_000;

    /// <summary>Liquid steps one render may take: ample for any SMS, small enough to stop a runaway loop at once.</summary>
    public const int MaxSteps = 10_000;

    /// <summary>How deep includes may nest; templates cannot include files at all, so this is a second wall.</summary>
    public const int MaxRecursion = 10;

    /// <summary>
    /// Fluid builds a range's every number before a loop runs, so a step limit cannot stop
    /// <c>(1..100000000)</c>: ranges are checked before rendering, literal bounds only, this many numbers at most.
    /// </summary>
    public const int MaxRangeLength = MaxItems;

    /// <summary>
    /// Wall-clock time one render may take. A limited render of any SMS takes well under a millisecond;
    /// this stops the work the other limits let through (sorting a long list thousands of times).
    /// </summary>
    public static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(1);
}

/// <summary>A render passed one of the <see cref="RenderLimits"/>; the renderer turns it into an error result.</summary>
internal class RenderLimitException(string message) : Exception(message);

/// <summary>A render that ran out of its time budget: unlike the other limits, this one the machine's load can cause.</summary>
internal sealed class RenderTimeException(string message) : RenderLimitException(message);
