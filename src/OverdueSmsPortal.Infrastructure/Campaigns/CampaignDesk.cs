using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Jobs;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>An approved template version the builder offers for a segment.</summary>
public sealed record VersionChoice(long VersionId, Tone Tone, int Number, string Body);

/// <summary>A segment the builder offers, with the approved versions of its templates.</summary>
public sealed record SegmentChoice(long SegmentId, string Name, StageDefinition Stage, IReadOnlyList<VersionChoice> Versions);

/// <summary>A campaign in the list: where it stands and what it did last.</summary>
public sealed record CampaignListItem(long Id, string Name, CampaignStatus Status, int Segments, CampaignSchedule Schedule,
    DateOnly EndDate, string UpdatedByName, DateTimeOffset UpdatedAt, DateTimeOffset? LastRunAt, RunStatus? LastRunStatus);

/// <summary>What the campaign page shows: the campaign, its segments' names and versions, and its runs.</summary>
public sealed record CampaignDetail(Campaign Campaign, IReadOnlyDictionary<long, string> SegmentNames,
    IReadOnlyDictionary<long, VersionChoice> Versions, IReadOnlyList<CampaignRun> Runs, IReadOnlyList<DateTimeOffset> NextFirings);

/// <summary>
/// The campaign use cases (DESIGN §2.7): build, change, submit, approve or reject, pause, resume and
/// cancel. Each checks the state machine and the plan, writes the audit entry with the change, and
/// keeps the scheduler in step.
/// </summary>
public sealed class CampaignDesk(
    PortalDbContext db,
    AuditTrail audit,
    BusinessClock businessClock,
    CampaignScheduler scheduler)
{
    /// <summary>The checks a plan passes before it is saved, as of the business day <paramref name="clock"/> reads.</summary>
    public static CampaignPlanValidator Validator(BusinessClock clock) => new(clock.Today(), CampaignScheduler.IsValidCron);

    public async Task<IReadOnlyList<CampaignListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.Segments).ToListAsync(cancellationToken);
        var lastRuns = await db.CampaignRuns.AsNoTracking()
            .GroupBy(r => r.CampaignId)
            .Select(g => g.OrderByDescending(r => r.Id).Select(r => new { r.CampaignId, r.StartedAt, r.Status }).First())
            .ToListAsync(cancellationToken);
        var byCampaign = lastRuns.ToDictionary(r => r.CampaignId);
        return campaigns
            .OrderBy(c => c.IsFinished).ThenByDescending(c => c.UpdatedAt)
            .Select(c =>
            {
                var last = byCampaign.GetValueOrDefault(c.Id);
                return new CampaignListItem(c.Id, c.Name, c.Status, c.Segments.Count, c.Schedule, c.EndDate, c.UpdatedByName, c.UpdatedAt,
                    last?.StartedAt, last?.Status);
            }).ToList();
    }

    /// <summary>Segments with at least one approved template version: what a campaign can use.</summary>
    public async Task<IReadOnlyList<SegmentChoice>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var ladder = await db.StageDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        var segments = await db.Segments.AsNoTracking().ToListAsync(cancellationToken);
        var approved = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.Status == TemplateVersionStatus.Approved)
            .Select(v => new { v.Id, v.Template!.SegmentId, v.Template.Tone, v.Number, v.Body })
            .ToListAsync(cancellationToken);
        return segments
            .Select(s => new
            {
                Segment = s,
                Stage = ladder.FirstOrDefault(l => l.Key == s.StageKey),
                Versions = approved.Where(v => v.SegmentId == s.Id)
                    .OrderBy(v => v.Tone).ThenByDescending(v => v.Number)
                    .Select(v => new VersionChoice(v.Id, v.Tone, v.Number, v.Body)).ToList(),
            })
            .Where(x => x.Stage is not null && x.Versions.Count > 0)
            .OrderBy(x => x.Stage!.Order).ThenBy(x => x.Segment.Name, StringComparer.Ordinal)
            .Select(x => new SegmentChoice(x.Segment.Id, x.Segment.Name, x.Stage!, x.Versions))
            .ToList();
    }

    public async Task<CampaignDetail?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Segments).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        var segmentIds = campaign.Segments.Select(s => s.SegmentId).ToList();
        var names = await db.Segments.AsNoTracking().Where(s => segmentIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var versionIds = campaign.Segments.SelectMany(s => new[] { s.VersionAId, s.VersionBId ?? s.VersionAId }).Distinct().ToList();
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new VersionChoice(v.Id, v.Template!.Tone, v.Number, v.Body))
            .ToDictionaryAsync(v => v.VersionId, cancellationToken);
        var runs = await db.CampaignRuns.AsNoTracking().Where(r => r.CampaignId == id)
            .OrderByDescending(r => r.Id).Take(RunMonitor.RecentRunCount).ToListAsync(cancellationToken);
        var next = campaign.Status is CampaignStatus.Active
            ? scheduler.NextFirings(campaign.Schedule, campaign.EndDate, businessClock.UtcNow(), 3)
                .Where(t => campaign.ScheduleKind != ScheduleKind.Once || runs.Count == 0).ToList()
            : [];
        return new CampaignDetail(campaign, names, versions, runs, next);
    }

    public async Task<Campaign> CreateAsync(CampaignPlan plan, Actor author, CancellationToken cancellationToken = default)
    {
        author.Demand(PortalAction.BuildCampaigns);
        await CheckAsync(plan, cancellationToken);
        var campaign = new Campaign(plan, author, businessClock.UtcNow());
        // The entry names the campaign by the key its insert gets: both saves in one transaction.
        return await audit.TogetherAsync(async () =>
        {
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(author.Name, AuditNames.Campaign, campaign.Id.ToString(CultureInfo.InvariantCulture), AuditNames.Created,
                after: Describe(campaign), cancellationToken: cancellationToken);
            return campaign;
        }, cancellationToken: cancellationToken);
    }

    /// <summary>Changes the plan; an approved or paused campaign goes back to draft and its unfinished runs stop.</summary>
    public Task<Campaign> UpdateAsync(long id, int expectedRevision, CampaignPlan plan, Actor editor,
        CancellationToken cancellationToken = default) =>
        StepAsync(id, editor, PortalAction.BuildCampaigns, AuditNames.Updated, async campaign =>
        {
            if (campaign.Revision != expectedRevision)
            {
                throw new CampaignException(CampaignError.ChangedMeanwhile);
            }
            await CheckAsync(plan, cancellationToken);
            campaign.Edit(plan, editor, businessClock.UtcNow());
        }, cancellationToken);

    public Task<Campaign> SubmitAsync(long id, Actor by, CancellationToken cancellationToken = default) =>
        StepAsync(id, by, PortalAction.BuildCampaigns, AuditNames.Submitted, async campaign =>
        {
            await CheckAsync(campaign.Plan(), cancellationToken);
            campaign.Submit(by, businessClock.UtcNow());
        }, cancellationToken);

    public Task<Campaign> ApproveAsync(long id, Actor reviewer, string? comment, CancellationToken cancellationToken = default) =>
        StepAsync(id, reviewer, PortalAction.Review, AuditNames.Approved, async campaign =>
        {
            // The versions are checked again: a campaign may only ever run approved texts.
            await CheckAsync(campaign.Plan(), cancellationToken);
            campaign.Approve(reviewer, comment, businessClock.UtcNow());
        }, cancellationToken);

    public Task<Campaign> RejectAsync(long id, Actor reviewer, string? comment, CancellationToken cancellationToken = default) =>
        StepAsync(id, reviewer, PortalAction.Review, AuditNames.Rejected, (campaign, now) => campaign.Reject(reviewer, comment, now), cancellationToken);

    public Task<Campaign> PauseAsync(long id, Actor by, CancellationToken cancellationToken = default) =>
        StepAsync(id, by, PortalAction.OperateCampaigns, AuditNames.Paused, (campaign, now) => campaign.Pause(by, now), cancellationToken);

    public Task<Campaign> ResumeAsync(long id, Actor by, CancellationToken cancellationToken = default) =>
        StepAsync(id, by, PortalAction.OperateCampaigns, AuditNames.Resumed, (campaign, now) => campaign.Resume(by, now), cancellationToken);

    public Task<Campaign> CancelAsync(long id, Actor by, CancellationToken cancellationToken = default) =>
        StepAsync(id, by, PortalAction.OperateCampaigns, AuditNames.Cancelled, (campaign, now) => campaign.Cancel(by, now), cancellationToken);

    /// <summary>A step that needs nothing from the database besides the campaign itself.</summary>
    private Task<Campaign> StepAsync(long id, Actor actor, PortalAction needed, string action, Action<Campaign, DateTimeOffset> step,
        CancellationToken cancellationToken) =>
        StepAsync(id, actor, needed, action, campaign =>
        {
            step(campaign, businessClock.UtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task<Campaign> StepAsync(long id, Actor actor, PortalAction needed, string action, Func<Campaign, Task> step,
        CancellationToken cancellationToken)
    {
        actor.Demand(needed);
        var campaign = await db.Campaigns.Include(c => c.Segments).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new InvalidOperationException($"Campaign {id} does not exist.");
        var before = Describe(campaign);
        try
        {
            await step(campaign);
            audit.Add(actor.Name, AuditNames.Campaign, campaign.Id.ToString(CultureInfo.InvariantCulture), action, before, Describe(campaign));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new CampaignException(CampaignError.ChangedMeanwhile);
        }
        catch
        {
            // A refused step leaves nothing half-changed in this context for the next one to save.
            db.ChangeTracker.Clear();
            throw;
        }
        await FollowAsync(campaign, cancellationToken);
        return campaign;
    }

    /// <summary>Brings the scheduler and the runs in line with the campaign's new state.</summary>
    private async Task FollowAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var ran = await db.CampaignRuns.AnyAsync(r => r.CampaignId == campaign.Id, cancellationToken);
        await scheduler.SyncAsync(campaign, onceAlreadyRan: ran, cancellationToken);
        if (campaign.Status is CampaignStatus.Paused)
        {
            return;
        }
        // Resumed, cancelled or changed: the unfinished runs are worked now, to go on or to stop.
        var unfinished = await db.CampaignRuns.AsNoTracking()
            .Where(r => r.CampaignId == campaign.Id && (r.Status == RunStatus.Planning || r.Status == RunStatus.Sending))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in unfinished)
        {
            await scheduler.TriggerRunAsync(runId, cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// The plan's fields, then what only the database knows: each segment exists, and each version
    /// is approved and belongs to that segment's templates.
    /// </summary>
    private async Task CheckAsync(CampaignPlan plan, CancellationToken cancellationToken)
    {
        // Warnings (a firing outside its day's window) are for the author to see, not a refusal.
        var refusals = (await Validator(businessClock).ValidateAsync(plan, cancellationToken)).Errors
            .Where(e => e.Severity == Severity.Error).ToList();
        if (refusals.Count > 0)
        {
            throw new ValidationException(refusals);
        }
        var segmentIds = plan.Segments.Select(s => s.SegmentId).ToList();
        var existing = await db.Segments.AsNoTracking().Where(s => segmentIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        if (existing.Count != segmentIds.Distinct().Count())
        {
            throw new CampaignException(CampaignError.SegmentMissing);
        }
        var versionIds = plan.Segments.SelectMany(s => new[] { s.VersionAId, s.VersionBId ?? s.VersionAId }).Distinct().ToList();
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Status, v.Template!.SegmentId }).ToDictionaryAsync(v => v.Id, cancellationToken);
        foreach (var segment in plan.Segments)
        {
            foreach (var versionId in new[] { segment.VersionAId, segment.VersionBId ?? segment.VersionAId })
            {
                if (!versions.TryGetValue(versionId, out var version) || version.Status != TemplateVersionStatus.Approved
                    || version.SegmentId != segment.SegmentId)
                {
                    throw new CampaignException(CampaignError.VersionNotApproved);
                }
            }
        }
    }

    private static object Describe(Campaign c) => new
    {
        c.Name,
        Status = c.Status.ToString(),
        c.Revision,
        Segments = c.Segments.OrderBy(s => s.Position)
            .Select(s => new { s.SegmentId, s.VersionAId, s.VersionBId, s.SplitBPercent }).ToList(),
        Schedule = new { Kind = c.ScheduleKind.ToString(), c.OnceAt, c.DailyAt, c.Cron },
        Window = new { c.WindowFrom, c.WindowTo, Days = c.WindowDays.ToString(), c.DaysBeforePayday },
        c.ThroughputPerSecond,
        c.EndDate,
        ReviewComment = c.Review.Comment,
    };
}
