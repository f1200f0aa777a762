namespace OverdueSmsPortal.Core.Replies;

/// <summary>How a rule's phrase must appear in a reply.</summary>
public enum ReplyMatch
{
    /// <summary>The phrase anywhere in the reply (Latin phrases as whole words).</summary>
    Contains = 1,
    /// <summary>The reply is the phrase and nothing else: for short codes such as T, N or TD.</summary>
    Whole = 2,
}

/// <summary>One Admin-editable classification rule: a phrase that puts a reply in a category.</summary>
public class ReplyRule
{
    public const int MaxPhraseLength = 40;

    public long Id { get; private set; }
    public ReplyCategory Category { get; private set; }
    public string Phrase { get; private set; } = "";
    public ReplyMatch Match { get; private set; }

    private ReplyRule()
    {
    }

    public ReplyRule(ReplyCategory category, string phrase, ReplyMatch match)
    {
        if (category == ReplyCategory.Other)
        {
            throw new ArgumentException("Other is what a reply is when no rule matches; a rule names another category.", nameof(category));
        }
        if (string.IsNullOrWhiteSpace(phrase) || phrase.Length > MaxPhraseLength)
        {
            throw new ArgumentException($"A phrase has 1 to {MaxPhraseLength} characters.", nameof(phrase));
        }
        Category = category;
        Phrase = phrase.Trim();
        Match = match;
    }
}
