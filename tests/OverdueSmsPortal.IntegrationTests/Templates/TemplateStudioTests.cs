using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Infrastructure.Campaigns;
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
        Assert.Contains(audited, e => e.EntityId == second.Id.ToString(CultureInfo.InvariantCulture) && e.Actor == "author2");
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
        Assert.Equal((TemplateVersionStatus.Approved, "u-approver", "清楚"), (approved.Status, approved.Review.ReviewerId, approved.Review.Comment));
        Assert.Equal(TemplateReviewError.NotInReview, await RefusalAsync(() => Studio.RejectAsync(version.Id, SecondApprover, "晚了")));
        Assert.Equal(TemplateReviewError.NotDraft, await RefusalAsync(() => Studio.SubmitAsync(version.Id, Author)));

        var next = await Studio.SaveDraftAsync(segment.Id, Tone.Standard, CleanBody + "祝您顺利。", Author);
        Assert.Equal(2, next.Number);
        Assert.Equal(CleanBody, (await Portal.VersionAsync(version.Id)).Body);
        var actions = await Portal.QueryAsync(db => db.AuditEntries
            .Where(e => e.EntityType == AuditNames.TemplateVersion && e.EntityId == version.Id.ToString(CultureInfo.InvariantCulture))
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
        await Portal.Service<LintVocabularyStore>().AddTermAsync(LintTermCategory.Insult, "周末", StudioSetup.Admin);

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
            && e.EntityId == version.Id.ToString(CultureInfo.InvariantCulture)
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

    // Ways around maker-checker: editing after approval, a second or renamed account, an approver
    // who wrote part of the text, and two approvals at the same moment.

    private Task<TemplateVersion> DraftAsync(Actor author, string body = CleanBody) =>
        Studio.SaveDraftAsync(segment.Id, Tone.Standard, body, author);

    private Task<int> ApprovalsAsync(long versionId) =>
        Portal.QueryAsync(db => db.AuditEntries.CountAsync(e =>
            e.EntityType == AuditNames.TemplateVersion && e.EntityId == versionId.ToString(CultureInfo.InvariantCulture) && e.Action == AuditNames.Approved));

    [Fact]
    public async Task An_edit_after_approval_is_a_new_draft_that_no_campaign_can_use_until_it_is_approved_itself()
    {
        var approved = await DraftAsync(Author);
        await Studio.SubmitAsync(approved.Id, Author);
        await Studio.ApproveAsync(approved.Id, Approver, true, null);

        var edited = await DraftAsync(Author, CleanBody + "祝您顺利。");

        var stored = await Portal.VersionAsync(edited.Id);
        Assert.Equal((TemplateVersionStatus.Draft, null, null), (stored.Status, stored.Review.ReviewerId, stored.Review.ReviewedAt));
        Assert.Equal(CleanBody, (await Portal.VersionAsync(approved.Id)).Body);
        var refusal = await Assert.ThrowsAsync<CampaignException>(() => Portal.Service<CampaignDesk>().CreateAsync(
            CampaignSetup.PlanFor(new CampaignSegmentPlan(segment.Id, edited.Id)), Author));
        Assert.Equal(CampaignError.VersionNotApproved, refusal.Error);
        Assert.Equal(0, await ApprovalsAsync(edited.Id));
    }

    [Fact]
    public async Task The_same_account_under_a_new_name_is_refused_and_another_account_with_the_same_name_is_not()
    {
        var author = new Actor("u-li-na", "li.na") { Roles = [PortalRoles.Author, PortalRoles.Approver] };
        var version = await DraftAsync(author);
        await Studio.SubmitAsync(version.Id, author);

        var renamed = author with { Name = "li.na.renamed" };
        Assert.Equal(TemplateReviewError.OwnVersion, await RefusalAsync(() => Studio.ApproveAsync(version.Id, renamed, true, null)));

        var namesake = new Actor("u-li-na-2", "li.na") { Roles = [PortalRoles.Approver] };
        await Studio.ApproveAsync(version.Id, namesake, true, null);
        Assert.Equal(("u-li-na-2", TemplateVersionStatus.Approved), ((await Portal.VersionAsync(version.Id)).Review.ReviewerId, (await Portal.VersionAsync(version.Id)).Status));
    }

    [Fact]
    public async Task An_approver_who_wrote_an_unapproved_draft_the_version_grew_from_cannot_approve_it()
    {
        // The author's draft, changed by someone who also approves, then saved again by the author.
        await DraftAsync(Author);
        await DraftAsync(AuthorAndApprover, CleanBody + "祝您顺利。");
        var last = await DraftAsync(Author, CleanBody + "祝您一切顺利。");
        await Studio.SubmitAsync(last.Id, Author);

        Assert.Equal(TemplateReviewError.OwnVersion,
            await RefusalAsync(() => Studio.ApproveAsync(last.Id, AuthorAndApprover, true, null)));
        Assert.Equal(TemplateReviewError.OwnVersion, await RefusalAsync(() => Studio.RejectAsync(last.Id, AuthorAndApprover, "不行")));
        Assert.Equal(TemplateVersionStatus.InReview, (await Portal.VersionAsync(last.Id)).Status);
        await Studio.ApproveAsync(last.Id, Approver, true, null);
    }

    [Fact]
    public async Task Text_someone_else_already_approved_does_not_make_its_writer_a_maker_of_the_next_version()
    {
        var first = await DraftAsync(AuthorAndApprover);
        await Studio.SubmitAsync(first.Id, AuthorAndApprover);
        await Studio.ApproveAsync(first.Id, Approver, true, null);
        var next = await DraftAsync(Author, CleanBody + "祝您顺利。");
        await Studio.SubmitAsync(next.Id, Author);

        await Studio.ApproveAsync(next.Id, AuthorAndApprover, true, null);

        Assert.Equal(TemplateVersionStatus.Approved, (await Portal.VersionAsync(next.Id)).Status);
    }

    [Fact]
    public async Task Two_approvals_at_the_same_moment_leave_one_approval_and_a_clear_refusal()
    {
        var version = await DraftAsync(Author);
        await Studio.SubmitAsync(version.Id, Author);
        var first = Portal.Service<TemplateStudio>();
        var second = Portal.Service<TemplateStudio>();

        var outcomes = await Task.WhenAll(
            Attempt(() => first.ApproveAsync(version.Id, Approver, true, "A")),
            Attempt(() => second.ApproveAsync(version.Id, SecondApprover, true, "B")));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is TemplateReviewError.AlreadyReviewed or TemplateReviewError.NotInReview);
        Assert.Equal(1, await ApprovalsAsync(version.Id));
        var decided = await Portal.VersionAsync(version.Id);
        Assert.Equal(TemplateVersionStatus.Approved, decided.Status);
        Assert.Contains(decided.Review.ReviewerId, new[] { Approver.Id, SecondApprover.Id });

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
}
