using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Templates;

/// <summary>One template cell of the overview: a tone a segment uses, and where its template stands.</summary>
public sealed record ToneCell(Tone Tone, long? TemplateId, int? LatestNumber, TemplateVersionStatus? LatestStatus, int? ApprovedNumber);

/// <summary>A segment and its templates, one cell per tone in use.</summary>
public sealed record TemplateOverviewRow(long SegmentId, string SegmentName, StageDefinition Stage, IReadOnlyList<ToneCell> Tones);

/// <summary>A version in the review queue.</summary>
public sealed record ReviewQueueItem(long VersionId, long SegmentId, string SegmentName, Tone Tone, int Number,
    string AuthorName, string? SubmittedByName, DateTimeOffset? SubmittedAt);

/// <summary>What the studio page needs about one segment and tone: the stage and every version.</summary>
public sealed record TemplateWorkspace(long SegmentId, string SegmentName, StageDefinition Stage, Tone Tone,
    bool ToneInUse, IReadOnlyList<TemplateVersion> Versions)
{
    public TemplateStage LintStage => new(Stage.Key, Stage.FromDaysOverdue, Stage.ToDaysOverdue);
    public TemplateVersion? Latest => Versions.MaxBy(v => v.Number);
}

/// <summary>
/// The template studio's use cases: saving drafts, submitting, approving and rejecting, each checked
/// against the lint as it stands at that moment and written to the audit trail with the change.
/// </summary>
public sealed class TemplateStudio(
    PortalDbContext db,
    AuditTrail audit,
    TimeProvider clock,
    TemplatePreviewer previewer)
{
    private static readonly TemplateBodyRules BodyRules = new();

    public async Task<IReadOnlyList<TemplateOverviewRow>> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var ladder = await db.StageDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        var segments = await db.Segments.AsNoTracking().ToListAsync(cancellationToken);
        var versions = await db.TemplateVersions.AsNoTracking()
            .Select(v => new { v.Template!.SegmentId, v.Template.Tone, v.TemplateId, v.Number, v.Status })
            .ToListAsync(cancellationToken);
        var rows = new List<TemplateOverviewRow>();
        foreach (var segment in segments)
        {
            var stage = ladder.FirstOrDefault(s => s.Key == segment.StageKey);
            if (stage is null)
            {
                continue;
            }
            var tones = segment.Tones.Order().Select(tone =>
            {
                var mine = versions.Where(v => v.SegmentId == segment.Id && v.Tone == tone).ToList();
                var latest = mine.MaxBy(v => v.Number);
                var approved = mine.Where(v => v.Status == TemplateVersionStatus.Approved).MaxBy(v => v.Number);
                return new ToneCell(tone, latest?.TemplateId, latest?.Number, latest?.Status, approved?.Number);
            }).ToList();
            rows.Add(new TemplateOverviewRow(segment.Id, segment.Name, stage, tones));
        }
        return rows.OrderBy(r => r.Stage.Order).ThenBy(r => r.SegmentName, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<ReviewQueueItem>> ReviewQueueAsync(CancellationToken cancellationToken = default)
    {
        var items = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.Status == TemplateVersionStatus.InReview)
            .Join(db.Segments, v => v.Template!.SegmentId, s => s.Id, (v, s) => new ReviewQueueItem(
                v.Id, s.Id, s.Name, v.Template!.Tone, v.Number, v.AuthorName, v.Review.SubmittedByName, v.Review.SubmittedAt))
            .ToListAsync(cancellationToken);
        return items.OrderBy(i => i.SubmittedAt).ToList();
    }

    public async Task<TemplateWorkspace?> OpenAsync(long segmentId, Tone tone, CancellationToken cancellationToken = default)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == segmentId, cancellationToken);
        if (segment is null)
        {
            return null;
        }
        var stage = await db.StageDefinitions.AsNoTracking().FirstAsync(s => s.Key == segment.StageKey, cancellationToken);
        var versions = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.Template!.SegmentId == segmentId && v.Template.Tone == tone)
            .OrderByDescending(v => v.Number)
            .ToListAsync(cancellationToken);
        return new TemplateWorkspace(segment.Id, segment.Name, stage, tone, segment.Tones.Contains(tone), versions);
    }

    /// <summary>Saves <paramref name="body"/> as the next draft version of the segment's template in that tone.</summary>
    public async Task<TemplateVersion> SaveDraftAsync(long segmentId, Tone tone, string body, Actor author,
        CancellationToken cancellationToken = default)
    {
        author.Demand(PortalAction.EditTemplates);
        BodyRules.ValidateAndThrow(body);
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == segmentId, cancellationToken)
            ?? throw new InvalidOperationException($"Segment {segmentId} does not exist.");
        if (!segment.Tones.Contains(tone))
        {
            throw new InvalidOperationException($"Segment {segmentId} does not use the tone {tone.Code()}.");
        }
        // Two authors saving at the same moment both compute the same next number; the unique index
        // refuses the second, which then reloads and saves as the number after.
        for (var attempt = 1; ; attempt++)
        {
            var template = await db.MessageTemplates.Include(t => t.Versions)
                .FirstOrDefaultAsync(t => t.SegmentId == segmentId && t.Tone == tone, cancellationToken);
            if (template is null)
            {
                template = new MessageTemplate(segmentId, tone, clock.GetUtcNow());
                db.MessageTemplates.Add(template);
            }
            var version = template.SaveDraft(body, author, clock.GetUtcNow());
            try
            {
                // The entry names the version by the key its insert gets: both saves in one transaction,
                // one transaction per attempt (PostgreSQL refuses more work in a transaction after a fault).
                return await audit.TogetherAsync(async () =>
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await audit.RecordAsync(author.Name, AuditNames.TemplateVersion, version.Id.ToString(CultureInfo.InvariantCulture), AuditNames.Created,
                        after: Describe(version, segment.Name), cancellationToken: cancellationToken);
                    return version;
                }, cancellationToken: cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3 && DatabaseFaults.Classify(e) is null)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task<TemplateVersion> SubmitAsync(long versionId, Actor by, CancellationToken cancellationToken = default) =>
        ReviewStepAsync(versionId, by, PortalAction.EditTemplates, AuditNames.Submitted, (version, lint, now) => version.Submit(by, lint, now), cancellationToken);

    public Task<TemplateVersion> ApproveAsync(long versionId, Actor reviewer, bool warningsAcknowledged, string? comment,
        CancellationToken cancellationToken = default) =>
        ReviewStepAsync(versionId, reviewer, PortalAction.Review, AuditNames.Approved,
            (version, lint, now) => version.Approve(reviewer, lint, warningsAcknowledged, comment, now), cancellationToken);

    public Task<TemplateVersion> RejectAsync(long versionId, Actor reviewer, string? comment,
        CancellationToken cancellationToken = default) =>
        ReviewStepAsync(versionId, reviewer, PortalAction.Review, AuditNames.Rejected,
            (version, _, now) => version.Reject(reviewer, comment, now), cancellationToken);

    private async Task<TemplateVersion> ReviewStepAsync(long versionId, Actor actor, PortalAction needed, string action,
        Action<TemplateVersion, LintSummary, DateTimeOffset> step, CancellationToken cancellationToken)
    {
        actor.Demand(needed);
        // The template's other versions come too: whoever wrote an unapproved draft this one grew from is a maker of it.
        var version = await db.TemplateVersions.Include(v => v.Template).ThenInclude(t => t!.Versions)
            .FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken)
            ?? throw new InvalidOperationException($"Template version {versionId} does not exist.");
        var template = version.Template!;
        // The lint is run again now: the word lists or the allow-list may have changed since the draft.
        var context = await previewer.LoadAsync(template.SegmentId, template.Tone, cancellationToken);
        var inspection = previewer.Inspect(version.Body, context);
        var before = version.Status;
        step(version, inspection.Summary, clock.GetUtcNow());
        audit.Add(actor.Name, AuditNames.TemplateVersion, version.Id.ToString(CultureInfo.InvariantCulture), action,
            before: new { status = before.ToString() },
            after: Describe(version, context.SegmentName) with { Errors = inspection.Summary.Errors, Warnings = inspection.Summary.Warnings });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new TemplateReviewException(TemplateReviewError.AlreadyReviewed);
        }
        return version;
    }

    private static VersionAudit Describe(TemplateVersion version, string segmentName) => new(
        segmentName, version.Template!.Tone.Code(), version.Number, version.Status.ToString(), version.Body,
        version.Review.Comment, version.WarningsAcknowledged, 0, 0);

    private sealed record VersionAudit(string Segment, string Tone, int Number, string Status, string Body,
        string? Comment, bool WarningsAcknowledged, int Errors, int Warnings);
}
