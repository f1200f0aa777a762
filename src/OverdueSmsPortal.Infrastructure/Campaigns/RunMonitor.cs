using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>Where a run stands, counted from its outbox (the outbox is the truth, so this survives any crash).</summary>
/// <param name="NextDueAt">When the first waiting message is due (it may be due already).</param>
/// <param name="HeldBack">Waiting messages not due yet: held for the send window, the contact hours or a retry.</param>
/// <param name="NextOpening">When the first held-back message may leave.</param>
/// <param name="Left">Messages that have left for the gateway, whatever came of them since (delivered among them).</param>
public sealed record RunProgress(
    CampaignRun Run,
    string CampaignName,
    IReadOnlyDictionary<MessageStatus, int> ByStatus,
    IReadOnlyDictionary<SuppressionReason, int> Suppressed,
    IReadOnlyDictionary<string, int> Failures,
    DateTimeOffset? NextDueAt,
    int HeldBack = 0,
    DateTimeOffset? NextOpening = null,
    int Left = 0)
{
    public int Total => ByStatus.Values.Sum();

    public int Count(MessageStatus status) => ByStatus.GetValueOrDefault(status);

    /// <summary>Messages still to go: waiting for their turn or their window, or being handed over.</summary>
    public int Outstanding => Count(MessageStatus.Waiting) + Count(MessageStatus.Sending);

    /// <summary>Waiting messages that are due now and leave at the campaign's pace.</summary>
    public int Queued => Math.Max(0, Count(MessageStatus.Waiting) - HeldBack);

    /// <summary>
    /// The messages the run is to send: all it planned except those the policy kept out, which never
    /// leave and so are neither done nor to do.
    /// </summary>
    public int ToSend => Total - Count(MessageStatus.Suppressed);

    /// <summary>
    /// Whether the run is sending but nothing can leave now: every message still to go waits for its
    /// window or the contact hours (a gateway outage is shown as such, not as waiting).
    /// </summary>
    public bool IsWaitingForWindow =>
        Run.Status == RunStatus.Sending && Run.GatewayDownSince is null && HeldBack > 0 && Queued == 0 && Count(MessageStatus.Sending) == 0;

    /// <summary>
    /// Share of the messages to send that are done with: handed to the gateway (sent, delivered, or
    /// failed since) or finally failed or expired. A message waiting for its window is not progress,
    /// and a message the policy kept out is not counted at all. With nothing to send, a run past
    /// planning is done.
    /// </summary>
    public double Percent => ToSend <= 0
        ? (Run.IsFinished || Run.Status == RunStatus.Sending ? 100 : 0)
        : Math.Round(100.0 * (ToSend - Count(MessageStatus.Waiting)) / ToSend, 1);
}

/// <summary>One message in the run's list; for roles without personal data the name, account reference and number are masked and the text left out.</summary>
public sealed record RunMessageRow(long Id, long CustomerId, string CustomerName, string AccountRef, string Phone, MessageStatus Status,
    SuppressionReason? SuppressionReason, string? FailureReason, Tone Tone, Variant Variant, int Parts, string? Body,
    DateTimeOffset DueAt, DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt)
{
    public RunMessageRow Masked() => this with
    {
        CustomerName = PersonalDataMask.Name(CustomerName),
        AccountRef = PersonalDataMask.AccountRef(AccountRef),
        Phone = PersonalDataMask.Phone(Phone),
        Body = null,
    };

    public RunMessageRow Shown() => this with { Phone = MobileNumbers.Display(Phone) };
}

public sealed record RunMessagePage(IReadOnlyList<RunMessageRow> Items, int Total);

/// <summary>The live run page's questions, answered from the outbox with grouped counts and keyed pages.</summary>
public sealed class RunMonitor(PortalDbContext db, TimeProvider clock)
{
    /// <summary>How many of a campaign's runs its page lists, newest first.</summary>
    public const int RecentRunCount = 50;

    /// <summary>A campaign's latest <see cref="RecentRunCount"/> runs, newest first.</summary>
    public Task<List<CampaignRun>> RecentRunsAsync(long campaignId, CancellationToken cancellationToken = default) =>
        db.CampaignRuns.AsNoTracking().Where(r => r.CampaignId == campaignId)
            .OrderByDescending(r => r.Id).Take(RecentRunCount).ToListAsync(cancellationToken);

    public async Task<RunProgress?> ProgressAsync(long runId, CancellationToken cancellationToken = default)
    {
        var run = await db.CampaignRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }
        var name = await db.Campaigns.AsNoTracking().Where(c => c.Id == run.CampaignId).Select(c => c.Name).FirstAsync(cancellationToken);
        var messages = db.OutboxMessages.AsNoTracking().Where(m => m.RunId == runId);
        var byStatus = await messages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var suppressed = await messages.Where(m => m.Status == MessageStatus.Suppressed && m.SuppressionReason != null)
            .GroupBy(m => m.SuppressionReason!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var failures = await messages.Where(m => m.Status == MessageStatus.Failed)
            .GroupBy(m => m.FailureReason ?? "").Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var next = await messages.Where(m => m.Status == MessageStatus.Waiting).OrderBy(m => m.DueAt)
            .Select(m => (DateTimeOffset?)m.DueAt).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var held = messages.Where(m => m.Status == MessageStatus.Waiting && m.DueAt > now);
        var heldBack = await held.CountAsync(cancellationToken);
        var opening = heldBack == 0 ? null
            : await held.OrderBy(m => m.DueAt).Select(m => (DateTimeOffset?)m.DueAt).FirstOrDefaultAsync(cancellationToken);
        // The dashboard's "sent" too: once a message has left it stays counted, so delivered is part of it.
        var left = await messages.CountAsync(m => m.SentAt != null, cancellationToken);
        return new RunProgress(run, name, byStatus, suppressed, failures, next, heldBack, opening, left);
    }

    /// <summary>
    /// Where each of a campaign's runs stands, for its list of runs: the same counts as the run page
    /// (without the reasons), read in three grouped queries whatever the number of runs.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, RunProgress>> ProgressOfRunsAsync(IReadOnlyCollection<CampaignRun> runs, string campaignName,
        CancellationToken cancellationToken = default)
    {
        var ids = runs.Select(r => r.Id).ToList();
        var messages = db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.RunId));
        var byStatus = await messages.GroupBy(m => new { m.RunId, m.Status }).Select(g => new { g.Key.RunId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var held = await messages.Where(m => m.Status == MessageStatus.Waiting && m.DueAt > now)
            .GroupBy(m => m.RunId).Select(g => new { RunId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RunId, g => g.Count, cancellationToken);
        var left = await messages.Where(m => m.SentAt != null)
            .GroupBy(m => m.RunId).Select(g => new { RunId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RunId, g => g.Count, cancellationToken);
        var none = new Dictionary<SuppressionReason, int>();
        var noFailures = new Dictionary<string, int>();
        return runs.ToDictionary(r => r.Id, r => new RunProgress(r, campaignName,
            byStatus.Where(c => c.RunId == r.Id).ToDictionary(c => c.Status, c => c.Count), none, noFailures, null,
            held.GetValueOrDefault(r.Id), null, left.GetValueOrDefault(r.Id)));
    }

    /// <summary>A page of the run's messages in planning order, optionally of one state only.</summary>
    public async Task<RunMessagePage> MessagesAsync(long runId, MessageStatus? status, int page, int pageSize, bool seesPersonalData,
        CancellationToken cancellationToken = default)
    {
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.RunId == runId);
        if (status is { } only)
        {
            query = query.Where(m => m.Status == only);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await Rows(query.OrderBy(m => m.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        return new RunMessagePage(items.OrderBy(row => row.Id).Select(row => seesPersonalData ? row.Shown() : row.Masked()).ToList(), total);
    }

    /// <summary>The latest failures of the run, for the box on the live page.</summary>
    public async Task<IReadOnlyList<RunMessageRow>> RecentFailuresAsync(long runId, int count, bool seesPersonalData,
        CancellationToken cancellationToken = default) =>
        (await Rows(db.OutboxMessages.AsNoTracking()
            .Where(m => m.RunId == runId && m.Status == MessageStatus.Failed)
            .OrderByDescending(m => m.FinishedAt).Take(count))
            .ToListAsync(cancellationToken))
        .OrderByDescending(row => row.Id).Select(row => seesPersonalData ? row.Shown() : row.Masked()).ToList();

    private IQueryable<RunMessageRow> Rows(IQueryable<OutboxMessage> messages) => Rows(db, messages);

    /// <summary>Messages as the lists show them, with their customer's name and number (masked by the caller).</summary>
    internal static IQueryable<RunMessageRow> Rows(PortalDbContext db, IQueryable<OutboxMessage> messages) =>
        messages.Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new RunMessageRow(m.Id, c.Id, c.Name, c.AccountRef,
            m.Phone ?? c.Phone, m.Status, m.SuppressionReason, m.FailureReason, m.Tone, m.Variant, m.Parts, m.Body, m.DueAt, m.SentAt,
            m.DeliveredAt));
}
