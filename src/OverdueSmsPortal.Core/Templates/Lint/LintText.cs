using System.Globalization;
using System.Text;

namespace OverdueSmsPortal.Core.Templates.Lint;

/// <summary>
/// The literal text of a template (Liquid tags left out) reduced to what a reader sees: full-width
/// forms folded (ＴＨＵＧ → thug), case folded, traditional characters simplified, and spaces,
/// punctuation, symbols and invisible characters dropped — so 家 人, 家.人, 家&#x200B;人 and 傢人 all read
/// 家人. Each kept character remembers where it came from, so a match points at the original text.
/// </summary>
public sealed class LintText
{
    private static readonly Lazy<IReadOnlyDictionary<char, char>> Simplified = new(LoadSimplified);

    private readonly StringBuilder text = new();
    private readonly List<int> origins = [];
    private readonly List<int> originEnds = [];
    private readonly List<bool> separatedBefore = [];
    private readonly List<int> chunkStarts = [0];

    private LintText()
    {
    }

    /// <summary>The normalized characters.</summary>
    public string Value => text.ToString();

    /// <summary>
    /// Builds the normalized text of <paramref name="body"/>, leaving out <paramref name="code"/> (the
    /// Liquid tags), which also separate words: a tag between two characters never glues them into a term.
    /// </summary>
    public static LintText Of(string body, IReadOnlyList<(int Start, int End)> code)
    {
        var result = new LintText();
        var pendingSeparator = true;
        var codeIndex = 0;
        for (var i = 0; i < body.Length;)
        {
            if (codeIndex < code.Count && i >= code[codeIndex].Start)
            {
                i = Math.Max(i, code[codeIndex].End);
                codeIndex++;
                result.chunkStarts.Add(result.text.Length);
                pendingSeparator = true;
                continue;
            }
            var width = char.IsSurrogatePair(body, i) ? 2 : 1;
            var folded = Fold(body.Substring(i, width));
            if (folded.Length == 0)
            {
                pendingSeparator = true;
            }
            foreach (var c in folded)
            {
                result.text.Append(c);
                result.origins.Add(i);
                result.originEnds.Add(i + width);
                result.separatedBefore.Add(pendingSeparator);
                pendingSeparator = false;
            }
            i += width;
        }
        return result;
    }

    /// <summary>A word-list term in the form texts are matched in.</summary>
    public static string NormalizeTerm(string term) => string.Concat(EnumerateGraphemes(term).Select(Fold));

    /// <summary>
    /// Where <paramref name="term"/> occurs, as spans of the original text. A Latin term only matches a
    /// whole word: "kill" in "k i l l" or "K.I.L.L" but not in "skill".
    /// </summary>
    public IEnumerable<(int Start, int End)> Find(NormalizedTerm term) => Find(term.Normalized, term.IsLatin);

    /// <summary>Where the already normalized <paramref name="needle"/> occurs; a Latin needle only as a whole word.</summary>
    public IEnumerable<(int Start, int End)> Find(string needle, bool isLatin)
    {
        var value = Value;
        for (var at = value.IndexOf(needle, StringComparison.Ordinal); at >= 0;
             at = value.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            var end = at + needle.Length;
            if (CrossesChunk(at, end) || (isLatin && !IsWholeWord(value, at, end)))
            {
                continue;
            }
            yield return (origins[at], originEnds[end - 1]);
        }
    }

    private bool CrossesChunk(int start, int end) => chunkStarts.Any(chunk => chunk > start && chunk < end);

    private bool IsWholeWord(string value, int start, int end)
    {
        var startsWord = start == 0 || separatedBefore[start] || !IsLatinLetterOrDigit(value[start - 1]);
        var endsWord = end == value.Length || separatedBefore[end] || !IsLatinLetterOrDigit(value[end]);
        return startsWord && endsWord;
    }

    private static bool IsLatinLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    /// <summary>One character (or surrogate pair) as the lint reads it; empty when it only separates.</summary>
    private static string Fold(string character)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(character, 0);
        if (IsSeparator(category) || char.IsWhiteSpace(character, 0))
        {
            return "";
        }
        if (!Unicode.CanNormalize(character))
        {
            // Half a surrogate pair, or U+FFFE: no character to match, only a separation.
            return "";
        }
        var folded = character.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (IsSeparator(CharUnicodeInfo.GetUnicodeCategory(c)) || char.IsWhiteSpace(c))
            {
                continue;
            }
            builder.Append(Simplified.Value.TryGetValue(c, out var simple) ? simple : c);
        }
        return builder.ToString();
    }

    private static bool IsSeparator(UnicodeCategory category) => category is
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or
        UnicodeCategory.Control or UnicodeCategory.Format or
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or
        UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or
        UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or
        UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol or UnicodeCategory.NonSpacingMark or
        UnicodeCategory.EnclosingMark;

    private static IEnumerable<string> EnumerateGraphemes(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            var width = char.IsSurrogatePair(text, i) ? 2 : 1;
            yield return text.Substring(i, width);
            i += width;
        }
    }

    private static IReadOnlyDictionary<char, char> LoadSimplified()
    {
        using var stream = typeof(LintText).Assembly.GetManifestResourceStream("TraditionalToSimplified.txt")
            ?? throw new InvalidOperationException("The traditional-to-simplified table is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var map = new Dictionary<char, char>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 2 && !line.StartsWith('#'))
            {
                map[line[0]] = line[1];
            }
        }
        return map;
    }
}
