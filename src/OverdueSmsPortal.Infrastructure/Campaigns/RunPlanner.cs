using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Settings;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// The first half of a run (DESIGN §2.8): takes each segment's members as they are now, applies the
/// send policy, renders each message and writes it to the outbox, batch by batch. Each batch and the
/// run's cursor are saved together, so planning that a crash interrupted continues where it stood and
/// never writes a customer twice (the outbox also refuses a second message per customer and run).
/// </summary>
public sealed partial class RunPlanner(
    PortalDbContext db,
    BusinessClock businessClock,
    MessageWriter writer,
    ContactStates contactStates,
    SendPolicyStore policyStore,
    ILogger<RunPlanner> logger)
{
    public const int BatchSize = 500;

    /// <summary>
    /// Opens the run for one firing of the campaign, or finds the one a repeated firing opened already.
    /// Returns null when the campaign may not run (not active, or past its end date).
    /// </summary>
    public async Task<CampaignRun?> OpenRunAsync(long campaignId, DateTimeOffset scheduledFor, DateTimeOffset? nextFiring,
        CancellationToken cancellationToken = default)
    {
        var existing = await db.CampaignRuns.FirstOrDefaultAsync(r => r.CampaignId == campaignId && r.ScheduledFor == scheduledFor,
            cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        var now = businessClock.UtcNow();
        var campaignEnd = campaign is null ? now : businessClock.EndOf(campaign.EndDate);
        if (campaign is not { Status: CampaignStatus.Active } || now >= campaignEnd)
        {
            return null;
        }
        // A recurring campaign's run gives way to the next firing: what it could not send by then expires.
        var endsAt = nextFiring is { } next && next < campaignEnd ? next : campaignEnd;
        var run = new CampaignRun(campaign.Id, campaign.Revision, scheduledFor, endsAt, now);
        db.CampaignRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same firing delivered twice at once: the other delivery's run stands.
            db.ChangeTracker.Clear();
            return await db.CampaignRuns.FirstAsync(r => r.CampaignId == campaignId && r.ScheduledFor == scheduledFor, cancellationToken);
        }
        LogRunOpened(campaign.Id, run.Id, scheduledFor);
        return run;
    }

    /// <summary>Whether the run is past planning (sending, or finished): what a lane other than the first waits for.</summary>
    public Task<bool> IsPlannedAsync(long runId, CancellationToken cancellationToken = default) =>
        db.CampaignRuns.AnyAsync(r => r.Id == runId && r.Status != RunStatus.Planning, cancellationToken);

    /// <summary>Plans the rest of the run from its cursor; does nothing for a run that is past planning.</summary>
    public async Task PlanAsync(long runId, CancellationToken cancellationToken = default)
    {
        var run = await db.CampaignRuns.FirstAsync(r => r.Id == runId, cancellationToken);
        if (run.Status != RunStatus.Planning)
        {
            return;
        }
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Segments).FirstAsync(c => c.Id == run.CampaignId, cancellationToken);
        var ladder = await db.StageDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        var versionIds = campaign.Segments.SelectMany(s => new[] { s.VersionAId, s.VersionBId ?? s.VersionAId }).Distinct().ToList();
        var versions = await db.TemplateVersions.AsNoTracking()
            .Where(v => versionIds.Contains(v.Id))
            .Select(v => new ApprovedText(v.Id, v.Template!.Tone, v.Body))
            .ToDictionaryAsync(v => v.VersionId, cancellationToken);
        var settings = await policyStore.LoadAsync(cancellationToken);
        var today = businessClock.Today();

        foreach (var part in campaign.Segments.Where(s => s.Position >= run.PlanSegmentPosition).OrderBy(s => s.Position))
        {
            var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == part.SegmentId, cancellationToken);
            var stage = segment is null ? null : ladder.FirstOrDefault(s => s.Key == segment.StageKey);
            var after = part.Position == run.PlanSegmentPosition ? run.PlanAfterCustomerId : 0;
            while (segment is not null && stage is not null)
            {
                var batch = await SegmentMembers.Members(db.Customers.AsNoTracking(), segment, stage, today)
                    .Where(c => c.Id > after).OrderBy(c => c.Id).Take(BatchSize)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                var planned = await PlanBatchAsync(run, campaign, part, versions, batch, settings, today, cancellationToken);
                after = batch[^1].Id;
                run.Advance(part.Position, after, planned);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                db.Attach(run);
            }
            run.Advance(part.Position + 1, 0, 0);
        }
        run.FinishPlanning(businessClock.UtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogRunPlanned(run.Id, run.Planned);
    }

    private async Task<int> PlanBatchAsync(CampaignRun run, Campaign campaign, CampaignSegment part,
        IReadOnlyDictionary<long, ApprovedText> versions, List<Customer> batch, PolicySettings settings, DateOnly today,
        CancellationToken cancellationToken)
    {
        var ids = batch.Select(c => c.Id).ToList();
        // A customer an earlier segment of this run already took gets no second message.
        var taken = (await db.OutboxMessages.AsNoTracking()
            .Where(m => m.RunId == run.Id && ids.Contains(m.CustomerId)).Select(m => m.CustomerId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var fresh = batch.Where(c => !taken.Contains(c.Id)).ToList();
        var states = await contactStates.LoadAsync(fresh, businessClock.UtcNow(), settings, cancellationToken);
        var openEscalations = new HashSet<long>();
        var now = businessClock.UtcNow();
        var window = campaign.Window;

        foreach (var customer in fresh)
        {
            var to = MessageRecipient.For(run.Id, campaign.Id, part.SegmentId, customer);
            var variant = VariantAssignment.For(campaign.Id, part.SegmentId, customer.Id, part.SplitBPercent);
            var message = versions.TryGetValue(part.VersionFor(variant), out var text) ? writer.Write(text, variant, customer, today) : null;
            if (message is null)
            {
                db.OutboxMessages.Add(OutboxMessage.SuppressedAtPlanning(to, Unrendered(versions, part, variant, customer, today),
                    SuppressionReason.RenderFailed, now));
                continue;
            }
            var state = states[customer.Id];
            var decision = SendPolicy.Decide(state, Candidate(message), now, settings);
            if (decision.Escalate && openEscalations.Add(customer.Id))
            {
                db.EscalationEntries.Add(new EscalationEntry(customer.Id, campaign.Id, state.UnansweredOverdue, now));
            }
            if (decision.Reason is { } reason)
            {
                db.OutboxMessages.Add(OutboxMessage.SuppressedAtPlanning(to, message, reason, now));
                continue;
            }
            var zone = CustomerZones.Find(customer.TimeZone);
            var dueAt = ContactHours.NextOpening(now, zone, window, customer.PaydayOfMonth, run.EndsAt);
            var planned = OutboxMessage.Planned(to, message, dueAt ?? now, now);
            if (dueAt is null)
            {
                planned.Expire(now);
            }
            db.OutboxMessages.Add(planned);
        }
        return fresh.Count;
    }

    private static CandidateMessage Candidate(RenderedMessage message) =>
        new(TextFingerprint.Of(message.Body), message.RenderedFor, message.DaysOverdue);

    private static RenderedMessage Unrendered(IReadOnlyDictionary<long, ApprovedText> versions, CampaignSegment part, Variant variant,
        Customer customer, DateOnly today)
    {
        var id = part.VersionFor(variant);
        var tone = versions.TryGetValue(id, out var version) ? version.Tone : Tone.Standard;
        return new RenderedMessage(versions.ContainsKey(id) ? id : null, variant, tone, "", 0, today, customer.DaysOverdue(today));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} opened run {RunId} for the firing at {ScheduledFor:u}")]
    private partial void LogRunOpened(long campaignId, long runId, DateTimeOffset scheduledFor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} planned: {Planned} customers")]
    private partial void LogRunPlanned(long runId, int planned);
}

/// <summary>Customers' time zones, looked up once each; an unknown zone falls back to the default.</summary>
public static class CustomerZones
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public static TimeZoneInfo Find(string id) => Zones.GetOrAdd(id, key =>
        TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById(Customer.DefaultTimeZone));
}
