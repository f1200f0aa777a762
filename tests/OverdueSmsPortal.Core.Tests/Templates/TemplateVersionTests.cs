using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Tests.Templates;

public class TemplateVersionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Author = new("u-author", "author");
    private static readonly Actor OtherAuthor = new("u-author-2", "author2");
    private static readonly Actor Approver = new("u-approver", "approver");

    private static TemplateVersion ADraft(Actor? by = null) =>
        new MessageTemplate(1, Tone.Standard, Now).SaveDraft("【示例】您的账单已逾期", by ?? Author, Now);

    private static TemplateVersion InReview(Actor? author = null, Actor? submitter = null)
    {
        var version = ADraft(author);
        version.Submit(submitter ?? author ?? Author, LintSummary.Clean, Now);
        return version;
    }

    private static TemplateReviewError Refusal(Action act) => Assert.Throws<TemplateReviewException>(act).Error;

    [Fact]
    public void Saving_makes_a_new_numbered_draft_each_time()
    {
        var template = new MessageTemplate(1, Tone.Gentle, Now);
        var first = template.SaveDraft("one", Author, Now);
        var second = template.SaveDraft("two", OtherAuthor, Now.AddMinutes(5));

        Assert.Equal((1, (int?)null, TemplateVersionStatus.Draft), (first.Number, first.BasedOnNumber, first.Status));
        Assert.Equal((2, (int?)1, "two", "u-author-2"), (second.Number, second.BasedOnNumber, second.Body, second.AuthorId));
        Assert.Same(second, template.Latest);
        Assert.Equal("one", first.Body);
    }

    [Fact]
    public void Submitting_puts_a_draft_in_review_and_records_who()
    {
        var version = ADraft();
        version.Submit(Author, new LintSummary(0, 2), Now);

        Assert.Equal((TemplateVersionStatus.InReview, "u-author", Now), (version.Status, version.Review.SubmittedById, version.Review.SubmittedAt));
    }

    [Fact]
    public void A_draft_with_lint_errors_cannot_be_submitted()
    {
        var version = ADraft();
        Assert.Equal(TemplateReviewError.LintErrors, Refusal(() => version.Submit(Author, new LintSummary(1, 0), Now)));
        Assert.Equal(TemplateVersionStatus.Draft, version.Status);
    }

    [Fact]
    public void A_version_is_submitted_only_once()
    {
        var version = InReview();
        Assert.Equal(TemplateReviewError.NotDraft, Refusal(() => version.Submit(Author, LintSummary.Clean, Now)));
    }

    [Fact]
    public void Approver_approves_someone_elses_version()
    {
        var version = InReview();
        version.Approve(Approver, LintSummary.Clean, warningsAcknowledged: false, "写得清楚", Now.AddHours(1));

        Assert.Equal(TemplateVersionStatus.Approved, version.Status);
        Assert.Equal(("u-approver", "写得清楚", Now.AddHours(1)), (version.Review.ReviewerId, version.Review.Comment, version.Review.ReviewedAt));
        Assert.False(version.WarningsAcknowledged);
    }

    [Fact]
    public void Author_cannot_approve_own_version()
    {
        var version = InReview(author: Approver);
        Assert.Equal(TemplateReviewError.OwnVersion,
            Refusal(() => version.Approve(Approver, LintSummary.Clean, false, null, Now)));
        Assert.Equal(TemplateVersionStatus.InReview, version.Status);
    }

    [Fact]
    public void Submitter_cannot_approve_what_they_submitted_for_someone_else()
    {
        var version = InReview(author: Author, submitter: Approver);
        Assert.Equal(TemplateReviewError.OwnVersion,
            Refusal(() => version.Approve(Approver, LintSummary.Clean, false, null, Now)));
    }

    [Fact]
    public void Maker_checker_compares_user_ids_not_names()
    {
        var version = InReview(author: new Actor("u-1", "li.na"));
        Assert.Equal(TemplateReviewError.OwnVersion,
            Refusal(() => version.Approve(new Actor("u-1", "renamed"), LintSummary.Clean, false, null, Now)));
        version.Approve(new Actor("u-2", "li.na"), LintSummary.Clean, false, null, Now);
        Assert.Equal(TemplateVersionStatus.Approved, version.Status);
    }

    [Fact]
    public void Author_cannot_reject_own_version_either()
    {
        var version = InReview();
        Assert.Equal(TemplateReviewError.OwnVersion, Refusal(() => version.Reject(Author, "no", Now)));
    }

    [Fact]
    public void Lint_errors_at_review_time_block_approval()
    {
        var version = InReview();
        Assert.Equal(TemplateReviewError.LintErrors,
            Refusal(() => version.Approve(Approver, new LintSummary(1, 0), true, null, Now)));
    }

    [Fact]
    public void Warnings_block_approval_until_the_approver_ticks_that_they_read_them()
    {
        var version = InReview();
        Assert.Equal(TemplateReviewError.WarningsNotAcknowledged,
            Refusal(() => version.Approve(Approver, new LintSummary(0, 2), false, null, Now)));

        version.Approve(Approver, new LintSummary(0, 2), true, null, Now);
        Assert.True(version.WarningsAcknowledged);
    }

    [Fact]
    public void Rejecting_needs_a_comment()
    {
        var version = InReview();
        Assert.Equal(TemplateReviewError.CommentRequired, Refusal(() => version.Reject(Approver, "  ", Now)));

        version.Reject(Approver, "缺少还款方式", Now);
        Assert.Equal((TemplateVersionStatus.Rejected, "缺少还款方式"), (version.Status, version.Review.Comment));
    }

    [Fact]
    public void A_draft_cannot_be_approved_or_rejected_before_submission()
    {
        var version = ADraft();
        Assert.Equal(TemplateReviewError.NotInReview, Refusal(() => version.Approve(Approver, LintSummary.Clean, false, null, Now)));
        Assert.Equal(TemplateReviewError.NotInReview, Refusal(() => version.Reject(Approver, "x", Now)));
    }

    [Fact]
    public void Approved_version_is_immutable()
    {
        var version = InReview();
        version.Approve(Approver, LintSummary.Clean, false, null, Now);

        Assert.Equal(TemplateReviewError.NotInReview, Refusal(() => version.Reject(new Actor("u-3", "x"), "late", Now)));
        Assert.Equal(TemplateReviewError.NotInReview, Refusal(() => version.Approve(new Actor("u-3", "x"), LintSummary.Clean, false, null, Now)));
        Assert.Equal(TemplateReviewError.NotDraft, Refusal(() => version.Submit(Author, LintSummary.Clean, Now)));
        Assert.Null(typeof(TemplateVersion).GetProperty(nameof(TemplateVersion.Body))!.GetSetMethod());
        Assert.Equal(TemplateVersionStatus.Approved, version.Status);
    }

    [Fact]
    public void Editing_an_approved_template_makes_a_new_draft_and_leaves_the_approved_one_in_force()
    {
        var version = InReview();
        version.Approve(Approver, LintSummary.Clean, false, null, Now);
        var template = version.Template!;

        var draft = template.SaveDraft("【示例】新的文字", Author, Now);

        Assert.Equal((2, TemplateVersionStatus.Draft), (draft.Number, draft.Status));
        Assert.Same(version, template.LatestApproved);
    }

    [Fact]
    public void A_rejected_version_stays_rejected()
    {
        var version = InReview();
        version.Reject(Approver, "语气太重", Now);
        Assert.Equal(TemplateReviewError.NotInReview, Refusal(() => version.Approve(new Actor("u-3", "x"), LintSummary.Clean, false, null, Now)));
    }
}
