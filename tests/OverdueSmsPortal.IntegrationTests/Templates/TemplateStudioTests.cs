using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CustomerBuilder;
using static OverdueSmsPortal.IntegrationTests.Support.StudioSetup;

namespace OverdueSmsPortal.IntegrationTests.Templates;

/// <summary>The studio's use cases on real SQLite: versions, review, audit, and the lint at each step.</summary>
public sealed class TemplateStudioTests : DatabaseTest
{
    private Segment segment = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        segment = await Portal.GivenSegmentAsync();
    }

    private TemplateStudio Studio => Portal.Service<TemplateStudio>();

    private async Task<TemplateVersion> InReviewAsync(string body = CleanBody, Core.Access.Actor? author = null)
    {
        var draft = await Studio.SaveDraftAsync(segment.Id, Tone.Standard, body, author ?? Author);
        return await Studio.SubmitAsync(draft.Id, author ?? Author);
    }

    private static async Task<TemplateReviewError> RefusalAsync(Func<Task> act) =>
        (await Assert.ThrowsAsync<TemplateReviewException>(act)).Error;

    [Fact]
    public async Task Each_save_makes_the_next_draft_version_and_is_audited()
    {
        var first = await Studio.SaveDraftAsync(segment.Id, Tone.Standard, CleanBody, Author);
        var second = await Studio.SaveDraftAsync(segment.Id, Tone.Standard, CleanBody + "祝您生活愉快。", OtherAuthor);

        var workspace = await Studio.OpenAsync(segment.Id, Tone.Standard);
        Assert.Equal([2, 1], workspace!.Versions.Select(v => v.Number));
        Assert.Equal((first.TemplateId, TemplateVersionStatus.Draft, "u-author-2"), (second.TemplateId, second.Status, second.AuthorId));
        var audited = await Portal.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == AuditNames.TemplateVersion)
            .Select(e => new { e.EntityId, e.Action, e.Actor }).ToListAsync());
        Assert.Equal(2, audited.Count(e => e.Action == AuditNames.Created));
        Assert.Contains(audited, e => e.EntityId == second.Id.ToString() && e.Actor == "author2");
    }

    [Fact]
    public async Task Author_cannot_approve_own_version()
    {
        var version = await InReviewAsync(author: AuthorAndApprover);

        Assert.Equal(TemplateReviewError.OwnVersion,
            await RefusalAsync(() => Studio.ApproveAsync(version.Id, AuthorAndApprover, warningsAcknowledged: true, null)));
        Assert.Equal(TemplateVersionStatus.InReview, (await Portal.VersionAsync(version.Id)).Status);
    }

    [Fact]
    public async Task Another_user_approves_and_the_approved_version_never_changes_again()
    {
        var version = await InReviewAsync();

        await Studio.ApproveAsync(version.Id, Approver, warningsAcknowledged: false, "清楚");

        var approved = await Portal.VersionAsync(version.Id);
        Assert.Equal((TemplateVersionStatus.Approved, "u-approver", "清楚"), (approved.Status, approved.ReviewerId, approved.ReviewComment));
        Assert.Equal(TemplateReviewError.NotInReview, await RefusalAsync(() => Studio.RejectAsync(version.Id, SecondApprover, "晚了")));
        Assert.Equal(TemplateReviewError.NotDraft, await RefusalAsync(() => Studio.SubmitAsync(version.Id, Author)));

        var next = await Studio.SaveDraftAsync(segment.Id, Tone.Standard, CleanBody + "祝您顺利。", Author);
        Assert.Equal(2, next.Number);
        Assert.Equal(CleanBody, (await Portal.VersionAsync(version.Id)).Body);
        var actions = await Portal.QueryAsync(db => db.AuditEntries
            .Where(e => e.EntityType == AuditNames.TemplateVersion && e.EntityId == version.Id.ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditNames.Created, AuditNames.Submitted, AuditNames.Approved], actions);
    }

    [Fact]
    public async Task A_draft_with_lint_errors_cannot_be_submitted()
    {
        var draft = await Studio.SaveDraftAsync(segment.Id, Tone.Standard, "您的欠款{{ debt.amount_due }}请尽快还款", Author);

        Assert.Equal(TemplateReviewError.LintErrors, await RefusalAsync(() => Studio.SubmitAsync(draft.Id, Author)));
    }

    [Fact]
    public async Task A_word_banned_after_submission_blocks_the_approval()
    {
        var version = await InReviewAsync(CleanBody + "祝您周末愉快。");
        await Portal.Service<LintVocabularyStore>().AddTermAsync(LintTermCategory.Insult, "周末", "admin");

        Assert.Equal(TemplateReviewError.LintErrors,
            await RefusalAsync(() => Studio.ApproveAsync(version.Id, Approver, true, null)));
    }

    [Fact]
    public async Task Warnings_must_be_read_before_approving()
    {
        var version = await InReviewAsync(CleanBody.Replace("谢谢！", ""));

        Assert.Equal(TemplateReviewError.WarningsNotAcknowledged,
            await RefusalAsync(() => Studio.ApproveAsync(version.Id, Approver, warningsAcknowledged: false, null)));
        await Studio.ApproveAsync(version.Id, Approver, warningsAcknowledged: true, null);
        Assert.True((await Portal.VersionAsync(version.Id)).WarningsAcknowledged);
    }

    [Fact]
    public async Task Two_approvers_deciding_at_once_leave_exactly_one_decision()
    {
        var version = await InReviewAsync();

        var outcomes = await Task.WhenAll(
            Attempt(() => Portal.Service<TemplateStudio>().ApproveAsync(version.Id, Approver, true, "A")),
            Attempt(() => Portal.Service<TemplateStudio>().RejectAsync(version.Id, SecondApprover, "B")));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is TemplateReviewError.AlreadyReviewed or TemplateReviewError.NotInReview);
        var decided = await Portal.VersionAsync(version.Id);
        Assert.Contains(decided.Status, new[] { TemplateVersionStatus.Approved, TemplateVersionStatus.Rejected });
        var decisions = await Portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == AuditNames.TemplateVersion
            && e.EntityId == version.Id.ToString()
            && (e.Action == AuditNames.Approved || e.Action == AuditNames.Rejected)));
        Assert.Equal(1, decisions);

        static async Task<TemplateReviewError?> Attempt(Func<Task> act)
        {
            try
            {
                await act();
                return null;
            }
            catch (TemplateReviewException refusal)
            {
                return refusal.Error;
            }
        }
    }

    [Fact]
    public async Task A_tone_the_segment_does_not_use_cannot_be_written()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Studio.SaveDraftAsync(segment.Id, Tone.Gentle, CleanBody, Author));
    }

    [Fact]
    public async Task An_empty_text_is_refused_before_it_becomes_a_version()
    {
        var invalid = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => Studio.SaveDraftAsync(segment.Id, Tone.Standard, "", Author));
        Assert.Equal("template.body.required", Assert.Single(invalid.Errors).ErrorCode);
    }

    [Fact]
    public async Task The_preview_shows_five_members_and_the_edge_cases()
    {
        var customers = Enumerable.Range(1, 8)
            .Select(i => ACustomer($"P{i:00}").Named("张" + new string('三', i % 3 + 1)).Owing(1000m * i).DaysOverdue(9).Build())
            .Append(ACustomer("P-LONG").Named("欧阳长长长长名字").Owing(50m).DaysOverdue(10).Build())
            .Append(ACustomer("P-OTHER-STAGE").DaysOverdue(2).Owing(999_999m).Build())
            .ToArray();
        await Portal.GivenCustomersAsync(customers);

        var context = await Portal.Service<TemplatePreviewer>().LoadAsync(segment.Id, Tone.Standard);

        Assert.Equal(5, context.Subjects.Count(s => s.Case == PreviewCase.Member));
        Assert.Equal("欧阳长长长长名字", context.Subjects.Single(s => s.Case == PreviewCase.LongestName).Customer.Name);
        Assert.Equal(8000m, context.Subjects.Single(s => s.Case == PreviewCase.LargestAmount).Customer.AmountDue);
        var missing = context.Subjects.Single(s => s.Case == PreviewCase.MissingOptionalFields).Customer;
        Assert.Equal((null, null), (missing.MinimumDue, missing.DailyPenaltyRate));

        var inspection = Portal.Service<TemplatePreviewer>().Inspect(CleanBody + "最低还款{{ debt.minimum_due }}。", context);
        Assert.All(inspection.Messages, m => Assert.Equal(SmsEncoding.Ucs2, m.Size.Encoding));
        Assert.Equal(["debt.minimum_due"], inspection.Messages.Single(m => m.Subject.Case == PreviewCase.MissingOptionalFields).MissingValues);
        Assert.Equal(LintSummary.Clean, inspection.Summary);
    }

    [Fact]
    public async Task The_overview_shows_each_tone_in_use_with_its_latest_and_approved_versions()
    {
        var version = await InReviewAsync();
        await Studio.ApproveAsync(version.Id, Approver, true, null);
        await Studio.SaveDraftAsync(segment.Id, Tone.Standard, CleanBody + "祝好。", Author);

        var row = Assert.Single(await Studio.OverviewAsync());

        Assert.Equal([Tone.Standard, Tone.Firm], row.Tones.Select(t => t.Tone));
        var standard = row.Tones[0];
        Assert.Equal((2, TemplateVersionStatus.Draft, (int?)1), (standard.LatestNumber, standard.LatestStatus, standard.ApprovedNumber));
        Assert.Null(row.Tones[1].TemplateId);
    }

    [Fact]
    public async Task The_review_queue_lists_versions_waiting_for_a_decision()
    {
        var version = await InReviewAsync();

        var item = Assert.Single(await Studio.ReviewQueueAsync());

        Assert.Equal((version.Id, segment.Name, Tone.Standard, "author"), (item.VersionId, item.SegmentName, item.Tone, item.SubmittedByName));
    }
}
