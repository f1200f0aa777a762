namespace OverdueSmsPortal.Core.Replies;

/// <summary>How a rule's phrase must appear in a reply.</summary>
public enum ReplyMatch
{
    /// <summary>The phrase anywhere in the reply (Latin phrases as whole words).</summary>
    Contains = 1,
    /// <summary>The reply is the phrase and nothing else: for short codes such as T, N or TD.</summary>
    Whole = 2,
    /// <summary>
    /// The phrase as a word of its own: a Latin phrase never inside a longer word, a number never inside
    /// a longer number nor inside an amount (315 in "已还315元", "¥315" or "3.315" is no match). For
    /// Chinese characters, which have no spaces between words, it is the same as <see cref="Contains"/>.
    /// </summary>
    Word = 3,
}

/// <summary>
/// One Admin-editable classification rule: a phrase that puts a reply in a category. Rules are tried
/// in <see cref="Position"/> order and the first that matches decides, so order is part of the rule:
/// a rule of category <see cref="ReplyCategory.Other"/> placed before the promises ("不会还", "还不了")
/// stops a negated promise from reading as one.
/// </summary>
public class ReplyRule
{
    public const int MaxPhraseLength = 40;

    public long Id { get; private set; }
    public ReplyCategory Category { get; private set; }
    public string Phrase { get; private set; } = "";
    public ReplyMatch Match { get; private set; }

    /// <summary>Where the rule is tried: lower first.</summary>
    public int Position { get; private set; }

    /// <summary>A complaint rule naming a regulator, the police or a lawsuit: the complaint it opens is serious and holds the customer.</summary>
    public bool RegulatorThreat { get; private set; }

    private ReplyRule()
    {
    }

    public ReplyRule(ReplyCategory category, string phrase, ReplyMatch match, int position = 0, bool regulatorThreat = false)
    {
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentException("A rule names a known category.", nameof(category));
        }
        if (string.IsNullOrWhiteSpace(phrase) || phrase.Trim().Length > MaxPhraseLength)
        {
            throw new ArgumentException($"A phrase has 1 to {MaxPhraseLength} characters.", nameof(phrase));
        }
        if (!Enum.IsDefined(match))
        {
            throw new ArgumentException("A rule matches as Contains, Word or Whole.", nameof(match));
        }
        if (regulatorThreat && category != ReplyCategory.Complaint)
        {
            throw new ArgumentException("Only a complaint rule can name a regulator threat.", nameof(regulatorThreat));
        }
        Category = category;
        Phrase = phrase.Trim();
        Match = match;
        Position = position;
        RegulatorThreat = regulatorThreat;
    }

    /// <summary>Moves the rule to <paramref name="position"/> (the store keeps positions distinct).</summary>
    public void MoveTo(int position) => Position = position;
}
