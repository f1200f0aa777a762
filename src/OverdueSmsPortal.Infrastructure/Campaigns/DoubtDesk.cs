using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Jobs;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// One message in doubt: the gateway may have taken it when a node died during its hand-over, and no
/// answer came. What is known: when it was handed over and when it was failed as in doubt.
/// </summary>
public sealed record DoubtRow(long MessageId, long RunId, long CampaignId, string CampaignName, DateTimeOffset RunScheduledFor,
    long CustomerId, string CustomerName, string Phone, DateTimeOffset? HandOverAt, DateTimeOffset? FailedAt);

/// <summary>Why a decision was refused; nothing was changed.</summary>
public enum DoubtProblem
{
    /// <summary>None of the messages given, or not all of them, are in doubt and undecided (someone decided first).</summary>
    NotInDoubt = 1,

    /// <summary>The campaign is cancelled, changed since its approval, or past its end date: it may not send again.</summary>
    CampaignMayNotSend = 2,
}

/// <summary>What a decision did: how many messages it decided, and the runs that send them again.</summary>
public sealed record DoubtOutcome(int Decided, IReadOnlyList<long> ResendRuns, DoubtProblem? Problem = null);

/// <summary>
/// The messages a crash left in doubt (DESIGN §2.8: a gateway that does not recognise repeated ids gets
/// no second copy on its own), for an Approver to decide: send again — a new message in a run of its
/// own, under the send policy and contact hours as they stand — or leave as it is. Each decision is
/// audited with the change, and taken once.
/// </summary>
public sealed partial class DoubtDesk(
    PortalDbContext db,
    AuditTrail audit,
    CampaignScheduler scheduler,
    BusinessClock businessClock,
    ILogger<DoubtDesk> logger)
{
    /// <summary>The most rows a list shows; the count says how many there are in all.</summary>
    public const int PageSize = 500;

    private IQueryable<OutboxMessage> Undecided => db.OutboxMessages.AsNoTracking().Where(OutboxMessage.AwaitsDoubtDecision);

    /// <summary>How many messages wait for a decision (for the run page and the navigation).</summary>
    public Task<int> CountAsync(long? runId = null, CancellationToken cancellationToken = default) =>
        (runId is { } id ? Undecided.Where(m => m.RunId == id) : Undecided).CountAsync(cancellationToken);

    /// <summary>The undecided messages in doubt, newest run first; names and numbers masked unless the reader sees personal data.</summary>
    public async Task<IReadOnlyList<DoubtRow>> ListAsync(bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var rows = await (
                from m in Undecided
                join r in db.CampaignRuns on m.RunId equals r.Id
                join c in db.Campaigns on m.CampaignId equals c.Id
                join k in db.Customers on m.CustomerId equals k.Id
                orderby r.ScheduledFor descending, m.Id
                select new DoubtRow(m.Id, r.Id, c.Id, c.Name, r.ScheduledFor, k.Id, k.Name, m.Phone ?? k.Phone, m.HandOverAt, m.FinishedAt))
            .Take(PageSize).ToListAsync(cancellationToken);
        return seesPersonalData
            ? rows
            : rows.Select(r => r with { CustomerName = PersonalDataMask.Name(r.CustomerName), Phone = PersonalDataMask.Phone(r.Phone) }).ToList();
    }

    /// <summary>
    /// Decides <paramref name="messageIds"/> as <paramref name="decision"/>, all or none: a message someone
    /// else decided meanwhile refuses the whole decision. A resend opens one run per run the messages
    /// were in doubt in, and has it worked at once.
    /// </summary>
    public async Task<DoubtOutcome> DecideAsync(IReadOnlyCollection<long> messageIds, DoubtDecision decision, Actor by,
        CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.Review);
        var ids = messageIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new DoubtOutcome(0, [], DoubtProblem.NotInDoubt);
        }
        var now = businessClock.UtcNow();
        var outcome = await audit.TogetherAsync(async () =>
        {
            // Taken with a condition, so that of two Approvers deciding at once only one succeeds.
            var decided = await db.OutboxMessages
                .Where(OutboxMessage.AwaitsDoubtDecision).Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DoubtDecision, decision).SetProperty(m => m.DoubtDecidedAt, now),
                    cancellationToken);
            if (decided != ids.Count)
            {
                return new DoubtOutcome(0, [], DoubtProblem.NotInDoubt);
            }
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
            var resends = decision == DoubtDecision.Resend ? await OpenResendRunsAsync(messages, now, cancellationToken) : [];
            if (resends is null)
            {
                return new DoubtOutcome(0, [], DoubtProblem.CampaignMayNotSend);
            }
            foreach (var message in messages)
            {
                audit.Add(by.Name, AuditNames.Message, message.Id.ToString(CultureInfo.InvariantCulture),
                    decision == DoubtDecision.Resend ? AuditNames.Resent : AuditNames.LeftInDoubt,
                    before: new { runId = message.RunId, handOverAt = message.HandOverAt },
                    after: new { resendRunId = resends.GetValueOrDefault(message.RunId)?.Id });
            }
            await db.SaveChangesAsync(cancellationToken);
            return new DoubtOutcome(messages.Count, resends.Values.Select(r => r.Id).ToList());
        }, keep: result => result.Problem is null, cancellationToken);

        foreach (var runId in outcome.ResendRuns)
        {
            await scheduler.TriggerRunAsync(runId, cancellationToken: cancellationToken);
        }
        if (outcome.Problem is null)
        {
            LogDecided(by.Name, outcome.Decided, decision, outcome.ResendRuns.Count);
        }
        return outcome;
    }

    /// <summary>
    /// Opens a run for each run the messages were in doubt in, with their new messages, keyed by the original
    /// run; null when a campaign may no longer send (cancelled, changed since its approval, past its end date).
    /// </summary>
    private async Task<Dictionary<long, CampaignRun>?> OpenResendRunsAsync(List<OutboxMessage> messages, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var runIds = messages.Select(m => m.RunId).Distinct().ToList();
        var originals = await db.CampaignRuns.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var campaignIds = originals.Values.Select(r => r.CampaignId).Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        if (campaigns.Values.Any(c => c.Status is not (CampaignStatus.Active or CampaignStatus.Paused or CampaignStatus.Completed)
                                      || businessClock.EndOf(c.EndDate) <= now))
        {
            return null;
        }
        var taken = new HashSet<(long CampaignId, DateTimeOffset At)>();
        var resends = new Dictionary<long, CampaignRun>();
        foreach (var group in messages.GroupBy(m => m.RunId))
        {
            var original = originals[group.Key];
            var campaign = campaigns[original.CampaignId];
            var at = await FreeInstantAsync(campaign.Id, now, taken, cancellationToken);
            taken.Add((campaign.Id, at));
            resends[group.Key] = CampaignRun.ForResend(original, campaign.Revision, group.Count(), businessClock.EndOf(campaign.EndDate), at, now);
        }
        db.CampaignRuns.AddRange(resends.Values);
        await db.SaveChangesAsync(cancellationToken);
        db.OutboxMessages.AddRange(messages.Select(m => OutboxMessage.ResendOf(m, resends[m.RunId].Id, now)));
        return resends;
    }

    /// <summary>
    /// The first instant from <paramref name="now"/>, in whole milliseconds, at which the campaign has no run
    /// yet, stored or <paramref name="taken"/> by this decision: a run is known by its campaign and instant,
    /// and a resend opened in the same instant as a firing or another resend must not be taken for it.
    /// Milliseconds, as both stores keep them apart: PostgreSQL keeps microseconds, SQLite's binary form a
    /// tenth of a millisecond, so two instants a microsecond apart are one instant there.
    /// </summary>
    private async Task<DateTimeOffset> FreeInstantAsync(long campaignId, DateTimeOffset now, HashSet<(long CampaignId, DateTimeOffset At)> taken,
        CancellationToken cancellationToken)
    {
        var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        while (taken.Contains((campaignId, at))
               || await db.CampaignRuns.AnyAsync(r => r.CampaignId == campaignId && r.ScheduledFor == at, cancellationToken))
        {
            at = at.AddMilliseconds(1);
        }
        return at;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} decided {Count} in-doubt messages: {Decision}; {Runs} resend runs opened")]
    private partial void LogDecided(string actor, int count, DoubtDecision decision, int runs);
}
