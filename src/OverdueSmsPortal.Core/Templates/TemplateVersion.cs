using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Core.Templates;

public enum TemplateVersionStatus
{
    Draft = 1,
    InReview = 2,
    Approved = 3,
    Rejected = 4,
}

/// <summary>
/// One saved text of a template and its review. The text is fixed when the version is made; only the
/// review moves, through <see cref="Submit"/>, <see cref="Approve"/> and <see cref="Reject"/>, and an
/// approved or rejected version never moves again.
/// </summary>
public class TemplateVersion
{
    public long Id { get; private set; }
    public long TemplateId { get; private set; }
    public MessageTemplate? Template { get; private set; }
    public int Number { get; private set; }
    public string Body { get; private set; } = "";
    public int? BasedOnNumber { get; private set; }
    public TemplateVersionStatus Status { get; private set; }

    public string AuthorId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Who put the version up for review, and who approved or rejected it.</summary>
    public Review Review { get; private set; } = Review.None;

    /// <summary>Whether the approver ticked that they read the lint warnings standing at approval.</summary>
    public bool WarningsAcknowledged { get; private set; }

    private TemplateVersion()
    {
    }

    internal TemplateVersion(MessageTemplate template, int number, string body, Actor author, int? basedOn,
        DateTimeOffset now)
    {
        Template = template;
        Number = number;
        Body = body;
        BasedOnNumber = basedOn;
        AuthorId = author.Id;
        AuthorName = author.Name;
        CreatedAt = now;
        Status = TemplateVersionStatus.Draft;
    }

    /// <summary>
    /// Whether <paramref name="actor"/> made this version, put it up for review, or wrote one of the
    /// unapproved drafts it grew from: someone whose words are in it may not be its checker.
    /// </summary>
    public bool IsMadeBy(Actor actor) =>
        actor.IsSameUserAs(AuthorId) || Review.IsSubmittedBy(actor)
        || (Template?.UnapprovedAuthorsOf(this).Any(actor.IsSameUserAs) ?? false);

    /// <summary>Puts a draft up for review; a draft with lint errors cannot go.</summary>
    public void Submit(Actor by, LintSummary lint, DateTimeOffset now)
    {
        Require(Status == TemplateVersionStatus.Draft, TemplateReviewError.NotDraft);
        Require(lint.Errors == 0, TemplateReviewError.LintErrors);
        Status = TemplateVersionStatus.InReview;
        Review = Review.Submitted(by, now);
    }

    /// <summary>
    /// Approves a version in review. The reviewer may be neither its author nor its submitter; lint
    /// errors (as they stand now) block, and warnings must have been read.
    /// </summary>
    public void Approve(Actor reviewer, LintSummary lint, bool warningsAcknowledged, string? comment, DateTimeOffset now)
    {
        Require(Status == TemplateVersionStatus.InReview, TemplateReviewError.NotInReview);
        Require(!IsMadeBy(reviewer), TemplateReviewError.OwnVersion);
        Require(lint.Errors == 0, TemplateReviewError.LintErrors);
        Require(lint.Warnings == 0 || warningsAcknowledged, TemplateReviewError.WarningsNotAcknowledged);
        RequireComment(comment, required: false);
        Decide(TemplateVersionStatus.Approved, reviewer, comment, now);
        WarningsAcknowledged = lint.Warnings > 0 && warningsAcknowledged;
    }

    /// <summary>Sends a version in review back; the author needs to know why, so a comment is required.</summary>
    public void Reject(Actor reviewer, string? comment, DateTimeOffset now)
    {
        Require(Status == TemplateVersionStatus.InReview, TemplateReviewError.NotInReview);
        Require(!IsMadeBy(reviewer), TemplateReviewError.OwnVersion);
        RequireComment(comment, required: true);
        Decide(TemplateVersionStatus.Rejected, reviewer, comment, now);
    }

    private void Decide(TemplateVersionStatus status, Actor reviewer, string? comment, DateTimeOffset now)
    {
        Status = status;
        Review = Review.DecidedBy(reviewer, comment, now);
    }

    private static void RequireComment(string? comment, bool required)
    {
        if (Review.CheckComment(comment, required) is { } problem)
        {
            throw new TemplateReviewException(problem == ReviewCommentProblem.Missing ? TemplateReviewError.CommentRequired : TemplateReviewError.CommentTooLong);
        }
    }

    private static void Require(bool condition, TemplateReviewError error)
    {
        if (!condition)
        {
            throw new TemplateReviewException(error);
        }
    }
}

/// <summary>How many lint errors and warnings stand against a text when someone acts on it.</summary>
public readonly record struct LintSummary(int Errors, int Warnings)
{
    public static readonly LintSummary Clean = new(0, 0);
}

/// <summary>Why a review step was refused; the portal shows each as a sentence.</summary>
public enum TemplateReviewError
{
    NotDraft = 1,
    NotInReview = 2,
    OwnVersion = 3,
    LintErrors = 4,
    WarningsNotAcknowledged = 5,
    CommentRequired = 6,
    CommentTooLong = 7,
    /// <summary>Someone else reviewed the version at the same moment.</summary>
    AlreadyReviewed = 8,
}

public sealed class TemplateReviewException(TemplateReviewError error)
    : InvalidOperationException($"Template review step refused: {error}.")
{
    public TemplateReviewError Error { get; } = error;
}
