using System.Text.RegularExpressions;

namespace OverdueSmsPortal.Core.Templates.Lint;

/// <summary>A variable path a template reads, e.g. <c>debt.amount_due</c>, and where it stands.</summary>
public sealed record PlaceholderUse(string Path, int Start, int End);

/// <summary>
/// Finds the Liquid tags of a text (<c>{{ … }}</c> and <c>{% … %}</c>) and the variable paths they
/// read, without running anything: what the lint needs for required elements and unknown placeholders,
/// even when the text does not parse.
/// </summary>
public static partial class LiquidScan
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase", "for", "endfor", "in",
        "and", "or", "not", "contains", "assign", "capture", "endcapture", "break", "continue", "cycle", "tablerow",
        "endtablerow", "comment", "endcomment", "raw", "endraw", "increment", "decrement", "echo", "liquid", "with",
        "as", "limit", "offset", "reversed", "true", "false", "nil", "null", "empty", "blank", "forloop", "tablerowloop",
        "include", "render", "by", "cols",
    };

    /// <summary>The spans of every tag, each to its closing delimiter (or the end of the text if it has none).</summary>
    public static IReadOnlyList<(int Start, int End)> Tags(string body)
    {
        var tags = new List<(int, int)>();
        for (var i = 0; i < body.Length - 1; i++)
        {
            if (body[i] != '{' || (body[i + 1] != '{' && body[i + 1] != '%'))
            {
                continue;
            }
            var close = body[i + 1] == '{' ? "}}" : "%}";
            var end = body.IndexOf(close, i + 2, StringComparison.Ordinal);
            end = end < 0 ? body.Length : end + 2;
            tags.Add((i, end));
            i = end - 1;
        }
        return tags;
    }

    /// <summary>
    /// The variable paths the tags read: not filter names, not keywords, not string literals, not
    /// names the template assigns itself (<c>assign</c>, <c>capture</c>, <c>for x in</c>).
    /// </summary>
    public static IReadOnlyList<PlaceholderUse> Placeholders(string body)
    {
        var uses = new List<PlaceholderUse>();
        var locals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, end) in Tags(body))
        {
            var isStatement = body[start + 1] == '%';
            var inner = Blank(body, start, end);
            var first = true;
            foreach (Match match in Identifier().Matches(inner))
            {
                var path = match.Value.TrimEnd('.');
                var root = path.Split('.')[0];
                var before = inner[..match.Index].TrimEnd();
                var after = inner[(match.Index + match.Length)..].TrimStart();
                var isTagName = isStatement && first;
                first = false;
                if (isTagName)
                {
                    continue;
                }
                if (before.EndsWith('|') || (after.StartsWith(':') && !after.StartsWith("::", StringComparison.Ordinal)) || Keywords.Contains(root))
                {
                    continue;
                }
                if (isStatement && (before.EndsWith("assign", StringComparison.Ordinal) || before.EndsWith("capture", StringComparison.Ordinal) || before.EndsWith("for", StringComparison.Ordinal)))
                {
                    locals.Add(root);
                    continue;
                }
                if (locals.Contains(root))
                {
                    continue;
                }
                uses.Add(new PlaceholderUse(path, start + match.Index, start + match.Index + path.Length));
            }
        }
        return uses;
    }

    /// <summary>The tag's text with string literals and the delimiters blanked out, offsets unchanged.</summary>
    private static string Blank(string body, int start, int end)
    {
        var chars = body[start..end].ToCharArray();
        var delimiterLength = Math.Min(2, chars.Length);
        for (var i = 0; i < delimiterLength; i++)
        {
            chars[i] = ' ';
        }

        if (end - start >= 4 && (body.AsSpan(end - 2, 2).SequenceEqual("}}") || body.AsSpan(end - 2, 2).SequenceEqual("%}")))
        {
            chars[^1] = ' ';
            chars[^2] = ' ';
        }
        char? quote = null;
        for (var i = 0; i < chars.Length; i++)
        {
            if (quote is null && chars[i] is '\'' or '"')
            {
                quote = chars[i];
                chars[i] = ' ';
            }
            else if (quote is not null)
            {
                if (chars[i] == quote)
                {
                    quote = null;
                }

                chars[i] = ' ';
            }
        }
        return new string(chars);
    }

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")]
    private static partial Regex Identifier();
}
