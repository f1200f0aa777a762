using System.Text.RegularExpressions;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>What kind of mistake a Liquid error is, so the portal can say it in the author's language.</summary>
public enum LiquidProblemKind
{
    /// <summary>Something Fluid said that has no sentence of its own yet.</summary>
    Other = 0,
    UnknownFilter = 1,
    UnknownTag = 2,

    /// <summary>A block tag (if, for, case…) opened and never closed.</summary>
    UnclosedBlock = 3,

    /// <summary>A tag or output without its closing <c>%}</c> or <c>}}</c>.</summary>
    UnclosedTag = 4,

    /// <summary>A known tag written wrongly, e.g. <c>{% if %}</c> without a condition.</summary>
    MalformedTag = 5,

    /// <summary>A value or a name missing, e.g. <c>{{ }}</c> or a filter after <c>|</c> without its name.</summary>
    MissingValue = 6,
    IncludeNotAllowed = 7,
}

/// <summary>A Liquid error read: its kind and the name it is about (a filter, a tag, the missing delimiter).</summary>
public sealed partial record LiquidProblem(LiquidProblemKind Kind, string? Name)
{
    /// <summary>
    /// Reads the English sentence Fluid gives (kept as it is for the JSON API and the logs) into a kind and
    /// a name. What it does not recognise is <see cref="LiquidProblemKind.Other"/>: the page then says there
    /// is a mistake at the place shown, never Fluid's own English.
    /// </summary>
    public static LiquidProblem Read(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return new(LiquidProblemKind.Other, null);
        }
        if (UndefinedFilter().Match(message) is { Success: true } filter)
        {
            return new(LiquidProblemKind.UnknownFilter, filter.Groups[1].Value);
        }
        if (UnknownTag().Match(message) is { Success: true } tag)
        {
            return new(LiquidProblemKind.UnknownTag, tag.Groups[1].Value);
        }
        if (EndTagExpected().Match(message) is { Success: true } block)
        {
            return new(LiquidProblemKind.UnclosedBlock, block.Groups[1].Value);
        }
        if (EndOfTagExpected().Match(message) is { Success: true } end)
        {
            return new(LiquidProblemKind.UnclosedTag, end.Groups[1].Value);
        }
        if (InvalidTag().Match(message) is { Success: true } invalid)
        {
            return new(LiquidProblemKind.MalformedTag, invalid.Groups[1].Value);
        }
        if (message.Contains("was expected", StringComparison.Ordinal) && (message.StartsWith("A value", StringComparison.Ordinal)
                                                                           || message.StartsWith("An identifier", StringComparison.Ordinal)))
        {
            return new(LiquidProblemKind.MissingValue, null);
        }
        if (message.Contains("include other files", StringComparison.Ordinal))
        {
            return new(LiquidProblemKind.IncludeNotAllowed, null);
        }
        return new(LiquidProblemKind.Other, null);
    }

    [GeneratedRegex(@"Undefined filter '([^']{1,64})'")]
    private static partial Regex UndefinedFilter();

    [GeneratedRegex(@"Unknown tag '([^']{1,64})'")]
    private static partial Regex UnknownTag();

    [GeneratedRegex(@"'\{% end(\w{1,32}) %\}' was expected")]
    private static partial Regex EndTagExpected();

    [GeneratedRegex(@"End of tag '(%\}|\}\})' was expected")]
    private static partial Regex EndOfTagExpected();

    [GeneratedRegex(@"Invalid '(\w{1,32})' tag")]
    private static partial Regex InvalidTag();
}
