using OverdueSmsPortal.Core.Templates.Lint;

namespace OverdueSmsPortal.Core.Replies;

/// <summary>What the rules made of a reply: its category, and whether it asks to opt out (even when it is also a complaint).</summary>
public sealed record ReplyClassification(ReplyCategory Category, bool OptOut, string? MatchedPhrase);

/// <summary>
/// Classifies customers' replies by the Admin's rules (DESIGN §2.11). Replies are read the way the
/// lint reads templates: full-width forms, case, spacing, punctuation and traditional characters do
/// not matter, so "ＴＤ", "t d", "退 订" and "退訂" all match. A phrase that is only punctuation
/// ("？") is looked for in the text as it came. When several categories match, the one of highest
/// precedence wins (<see cref="ReplyCategories.ByPrecedence"/>); an opt-out is honoured whatever wins.
/// </summary>
public sealed class ReplyClassifier
{
    private sealed record Prepared(ReplyCategory Category, string Phrase, string Normalized, bool IsLatin, ReplyMatch Match);

    private readonly IReadOnlyList<Prepared> rules;

    public ReplyClassifier(IEnumerable<ReplyRule> rules)
    {
        this.rules = rules
            .Select(r => (Rule: r, Normalized: LintText.NormalizeTerm(r.Phrase)))
            .Select(r => new Prepared(r.Rule.Category, r.Rule.Phrase, r.Normalized,
                r.Normalized.Length > 0 && r.Normalized.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'), r.Rule.Match))
            .OrderBy(r => Precedence(r.Category))
            .ToList();
    }

    public static ReplyClassifier Default { get; } = new(DefaultReplyRules.All);

    public ReplyClassification Classify(string? reply)
    {
        var raw = reply ?? "";
        var text = LintText.Of(raw, []);
        Prepared? winner = null;
        var optOut = false;
        foreach (var rule in rules)
        {
            if (!Matches(rule, raw, text))
            {
                continue;
            }
            winner ??= rule;
            optOut |= rule.Category == ReplyCategory.OptOut;
        }
        return new ReplyClassification(winner?.Category ?? ReplyCategory.Other, optOut, winner?.Phrase);
    }

    private static bool Matches(Prepared rule, string raw, LintText text)
    {
        if (rule.Normalized.Length == 0)
        {
            var phrase = rule.Phrase.Trim();
            return phrase.Length > 0 && (rule.Match == ReplyMatch.Whole
                ? raw.Trim() == phrase
                : raw.Contains(phrase, StringComparison.Ordinal));
        }
        return rule.Match == ReplyMatch.Whole
            ? text.Value == rule.Normalized
            : text.Find(rule.Normalized, rule.IsLatin).Any();
    }

    private static int Precedence(ReplyCategory category)
    {
        var index = ReplyCategories.ByPrecedence.ToList().IndexOf(category);
        return index < 0 ? int.MaxValue : index;
    }
}
