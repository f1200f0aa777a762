namespace OverdueSmsPortal.Core.Access;

/// <summary>Why a review comment was refused; each reviewed thing names it in its own error.</summary>
public enum ReviewCommentProblem
{
    /// <summary>A rejection without a comment: the maker needs to know why.</summary>
    Missing = 1,
    TooLong = 2,
}

/// <summary>
/// The maker-checker trail of whatever is approved before it is used (a campaign, a template version):
/// who put it up for review and when, who decided, when and with what comment. Each step makes a new
/// value; the owner decides which steps its state allows and who may take them.
/// </summary>
public sealed record Review
{
    public const int MaxCommentLength = 500;

    /// <summary>Nothing submitted and nothing decided yet.</summary>
    public static readonly Review None = new();

    public string? SubmittedById { get; private init; }
    public string? SubmittedByName { get; private init; }
    public DateTimeOffset? SubmittedAt { get; private init; }
    public string? ReviewerId { get; private init; }
    public string? ReviewerName { get; private init; }
    public DateTimeOffset? ReviewedAt { get; private init; }
    public string? Comment { get; private init; }

    /// <summary>Put up for review by <paramref name="by"/>, nothing decided: a new submission replaces any earlier review whole.</summary>
    public static Review Submitted(Actor by, DateTimeOffset now) => new()
    {
        SubmittedById = by.Id,
        SubmittedByName = by.Name,
        SubmittedAt = now,
    };

    /// <summary>Decided by <paramref name="reviewer"/>; a blank comment is kept as none, a comment is kept trimmed.</summary>
    public Review DecidedBy(Actor reviewer, string? comment, DateTimeOffset now) => this with
    {
        ReviewerId = reviewer.Id,
        ReviewerName = reviewer.Name,
        ReviewedAt = now,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
    };

    /// <summary>The decision taken back (the thing changed after it); who submitted it stays known.</summary>
    public Review Undecided() => this with
    {
        ReviewerId = null,
        ReviewerName = null,
        ReviewedAt = null,
        Comment = null,
    };

    public bool IsSubmittedBy(Actor actor) => actor.IsSameUserAs(SubmittedById);

    /// <summary>What is wrong with a decision's comment, if anything: a rejection needs one, none may be too long.</summary>
    public static ReviewCommentProblem? CheckComment(string? comment, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(comment))
        {
            return ReviewCommentProblem.Missing;
        }
        return (comment?.Length ?? 0) > MaxCommentLength ? ReviewCommentProblem.TooLong : null;
    }
}
