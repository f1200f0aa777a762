using OverdueSmsPortal.Core.Templates.Lint;

namespace OverdueSmsPortal.Core.Replies;

/// <summary>
/// What the rules made of a reply: its category, whether it asks to opt out (even when it is also a
/// complaint), whether it threatens the regulator, police or a lawsuit (a complaint that is serious), and
/// the rule that decided (null when none matched).
/// </summary>
public sealed record ReplyClassification(ReplyCategory Category, bool OptOut, string? MatchedPhrase, bool RegulatorThreat = false,
    long? MatchedRuleId = null, int? MatchedRulePosition = null);

/// <summary>
/// Classifies customers' replies by the Admin's rules (DESIGN §2.11). Replies are read the way the
/// lint reads templates: full-width forms, case, spacing, punctuation and traditional characters do
/// not matter, so "ＴＤ", "t d", "退 订" and "退訂" all match. A phrase that is only punctuation
/// ("？") is looked for in the text as it came. Rules are tried in their position order and the first
/// that matches decides; an opt-out is honoured whatever wins, and so is a regulator threat when the
/// reply is a complaint, unless a rule placed ahead spells out a longer phrase around the opt-out word
/// ("退订*会员": cancelling some other service). A promise or "already paid" phrase right after a negation (不, 没, 未, 别, 无)
/// is no match, so a refusal the rules do not list still never reads as a promise.
/// </summary>
public sealed class ReplyClassifier
{
    private sealed record Prepared(ReplyRule Rule, string Normalized, bool IsLatin, IReadOnlyList<string[]>? Parts)
    {
        public bool StartsWithDigit => Normalized.Length > 0 && char.IsAsciiDigit(Normalized[0]);
        public bool EndsWithDigit => Normalized.Length > 0 && char.IsAsciiDigit(Normalized[^1]);
        public bool StartsLatin => Normalized.Length > 0 && IsLatinChar(Normalized[0]);
        public bool EndsLatin => Normalized.Length > 0 && IsLatinChar(Normalized[^1]);
    }

    private static readonly string[] AmountUnits = ["元", "块", "圆", "万", "千", "百", "角", "毛", "分", "rmb", "yuan", "w"];
    private static readonly char[] CurrencySigns = ['¥', '￥', '$', '＄'];
    private static readonly char[] DecimalPoints = ['.', '．'];
    private static readonly string Negations = "不没未别无";

    /// <summary>Verbs a sum follows ("已还315", "转 315", "还差315"): a number right after one is an amount, not a hotline.</summary>
    private static readonly string AmountVerbs = "还转付缴交存欠差扣";

    private readonly IReadOnlyList<Prepared> rules;

    public ReplyClassifier(IEnumerable<ReplyRule> rules)
    {
        this.rules = rules
            .Select(r => (Rule: r, Normalized: LintText.NormalizeTerm(r.Phrase)))
            .Select(r => new Prepared(r.Rule, r.Normalized, r.Normalized.Length > 0 && r.Normalized.All(IsLatinChar), Gapped(r.Rule.Phrase)))
            .OrderBy(r => r.Rule.Position).ThenBy(r => Precedence(r.Rule.Category)).ThenBy(r => r.Rule.Id)
            .ToList();
    }

    public static ReplyClassifier Default { get; } = new(DefaultReplyRules.All);

    public ReplyClassification Classify(string? reply)
    {
        var raw = reply ?? "";
        var text = LintText.Of(raw, []);
        Prepared? winner = null;
        var optOut = false;
        var regulator = false;
        foreach (var rule in rules)
        {
            if (!Matches(rule, raw, text))
            {
                continue;
            }
            winner ??= rule;
            optOut |= rule.Rule.Category == ReplyCategory.OptOut && !TakenByWinner(winner, rule);
            regulator |= rule.Rule.RegulatorThreat;
        }
        var category = winner?.Rule.Category ?? ReplyCategory.Other;
        return new ReplyClassification(category, optOut, winner?.Rule.Phrase, regulator && category == ReplyCategory.Complaint,
            winner?.Rule.Id, winner?.Rule.Position);
    }

    /// <summary>
    /// Whether a rule placed ahead spells out a longer phrase around this opt-out word ("退订*会员" around
    /// "退订"): the reply speaks of cancelling something else ("我早就退订了那个会员"), so the word asks to stop nothing.
    /// </summary>
    private static bool TakenByWinner(Prepared winner, Prepared optOutRule) =>
        winner != optOutRule && winner.Rule.Category != ReplyCategory.OptOut && optOutRule.Normalized.Length > 0
        && winner.Parts is { } parts && parts[0].Any(first => first.Contains(optOutRule.Normalized, StringComparison.Ordinal));

    private static bool Matches(Prepared rule, string raw, LintText text)
    {
        if (rule.Normalized.Length == 0)
        {
            var phrase = rule.Rule.Phrase.Trim();
            return phrase.Length > 0 && (rule.Rule.Match == ReplyMatch.Whole
                ? raw.Trim() == phrase
                : raw.Contains(phrase, StringComparison.Ordinal));
        }
        if (rule.Rule.Match == ReplyMatch.Whole)
        {
            return text.Value == rule.Normalized;
        }
        var negatable = rule.Rule.Category is ReplyCategory.PromiseToPay or ReplyCategory.AlreadyPaid;
        if (rule.Parts is { } parts)
        {
            return MatchesWithGaps(parts, text.Value, negatable);
        }
        foreach (var (start, end) in text.Find(rule.Normalized, rule.IsLatin))
        {
            if (rule.Rule.Match == ReplyMatch.Word && !StandsAlone(rule, raw, start, end))
            {
                continue;
            }
            if (negatable && Negations.Contains(Before(raw, start).LastOrDefault(), StringComparison.Ordinal))
            {
                continue;
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// The parts of a phrase written with gaps or alternatives ("不要*短信", "明早|明晚*还|转"): a Chinese
    /// sentence puts words between a verb and its object ("不要再给我发短信"), so each * stands for up to
    /// <see cref="MaxGap"/> characters, and | separates words that may stand in the same place, so one rule
    /// says "a time tomorrow, then a way of paying". Null for a plain phrase.
    /// </summary>
    private static List<string[]>? Gapped(string phrase)
    {
        if (!phrase.Contains('*', StringComparison.Ordinal) && !phrase.Contains('|', StringComparison.Ordinal))
        {
            return null;
        }
        var parts = phrase.Split('*')
            .Select(part => part.Split('|').Select(LintText.NormalizeTerm).Where(p => p.Length > 0).Distinct().ToArray())
            .Where(alternatives => alternatives.Length > 0)
            .ToList();
        return parts.Count == 0 ? null : parts;
    }

    /// <summary>How many characters a * in a phrase stands for at most.</summary>
    public const int MaxGap = 4;

    private static bool MatchesWithGaps(IReadOnlyList<string[]> parts, string value, bool negatable)
    {
        foreach (var first in parts[0])
        {
            for (var at = value.IndexOf(first, StringComparison.Ordinal); at >= 0; at = value.IndexOf(first, at + 1, StringComparison.Ordinal))
            {
                if (negatable && at > 0 && Negations.Contains(value[at - 1], StringComparison.Ordinal))
                {
                    continue;
                }
                if (RestFollows(parts, 1, value, at + first.Length))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool RestFollows(IReadOnlyList<string[]> parts, int index, string value, int from)
    {
        if (index == parts.Count)
        {
            return true;
        }
        foreach (var next in parts[index])
        {
            var window = value.Substring(from, Math.Min(value.Length - from, MaxGap + next.Length));
            for (var at = window.IndexOf(next, StringComparison.Ordinal); at >= 0; at = window.IndexOf(next, at + 1, StringComparison.Ordinal))
            {
                if (RestFollows(parts, index + 1, value, from + at + next.Length))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// A word match's edges: Latin letters and digits do not go on past it, and a number is not part of
    /// an amount (a currency sign, a decimal point or a paying verb before it, a decimal part or a unit after it).
    /// </summary>
    private static bool StandsAlone(Prepared rule, string raw, int start, int end)
    {
        if (rule.StartsLatin && start > 0 && IsLatinChar(Folded(raw, start - 1).LastOrDefault()))
        {
            return false;
        }
        if (rule.EndsLatin && end < raw.Length && IsLatinChar(Folded(raw, end).FirstOrDefault()))
        {
            return false;
        }
        if (rule.StartsWithDigit)
        {
            var before = raw[..start].TrimEnd();
            if (before.Length > 0 && (CurrencySigns.Contains(before[^1])
                || (DecimalPoints.Contains(before[^1]) && before.Length > 1 && char.IsDigit(before[^2]))
                || AmountVerbs.Contains(Folded(before, before.Length - 1), StringComparison.Ordinal)))
            {
                return false;
            }
        }
        if (rule.EndsWithDigit)
        {
            var after = raw[end..].TrimStart();
            if (after.Length > 1 && DecimalPoints.Contains(after[0]) && char.IsDigit(after[1]))
            {
                return false;
            }
            var next = LintText.NormalizeTerm(after.Length > 8 ? after[..8] : after);
            if (AmountUnits.Any(unit => next.StartsWith(unit, StringComparison.Ordinal) && !(unit == "w" && next.Length > 1 && IsLatinChar(next[1]))))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The normalized text just before <paramref name="start"/>: what a negation would be.</summary>
    private static string Before(string raw, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            var folded = Folded(raw, i);
            if (folded.Length > 0)
            {
                return folded;
            }
        }
        return "";
    }

    private static string Folded(string raw, int index) => LintText.NormalizeTerm(raw[index].ToString());

    private static bool IsLatinChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    private static int Precedence(ReplyCategory category)
    {
        var index = ReplyCategories.ByPrecedence.ToList().IndexOf(category);
        return index < 0 ? int.MaxValue : index;
    }
}
