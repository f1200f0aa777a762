using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Outcomes;

/// <summary>What one pass of the roll-up did: the runs it counted again, and how long it took.</summary>
public sealed record RollupPass(int RunsCounted, int RowsWritten, TimeSpan Took);

/// <summary>
/// Keeps <see cref="OutcomeRollup"/> up to date incrementally (DESIGN §2.14), so that the dashboard
/// reads a few rows per run and day, never the messages. A pass counts again, from the outbox, only
/// the runs that may have changed since the last one:
/// <list type="bullet">
/// <item>runs that may still change by themselves: not finished, or with messages waiting, sending or
/// awaiting their report, and those that were so at the last pass (their last change is counted once
/// more when they settle);</item>
/// <item>runs the roll-up has never counted;</item>
/// <item>runs whose messages got a reply, a re-classification, a payment, a complaint or a late
/// delivery report since the last pass, read from those append-only tables past a watermark.</item>
/// </list>
/// A run is counted whole and its rows (the finest, and the summary over regions and products)
/// replaced in one transaction, so a pass that dies half-way
/// leaves every run either as before or as now, and the next pass finishes the work.
/// <para>
/// The watermarks must only pass ids whose transactions have ended. On SQLite that is every id a pass
/// can see: one writer at a time holds the database until it commits, so ids commit in their order and
/// the watermark is the largest id. On PostgreSQL ids come from sequences when a row is inserted, not
/// when its transaction commits: a transaction that took id 10 can commit after one that took id 11,
/// and a pass between the two would pass 10 unseen. There a watermark moves only up to the largest id
/// among rows recorded (by the portal's clock, before their transaction commits) at least
/// <see cref="CommitOverlap"/> before the pass; the rows above it are read again by the next passes
/// until they are that old. A transaction that writes these rows in less than half the overlap (and
/// nodes whose clocks agree to within that) has therefore ended before any watermark passes its ids:
/// each of its rows was taken before the row at the watermark, which was recorded and committed more
/// than half the overlap ago. Reading a row again only counts its run again, which changes nothing,
/// so the overlap costs a recount of the runs touched in its last minutes, not correctness. The largest
/// settled id is found from the top of the primary key, so it reads only the rows of the overlap.
/// </para>
/// </summary>
public sealed class OutcomeRollups(PortalDbContext db, BusinessClock businessClock)
{
    /// <summary>Re-classifications are read by their time; this much overlap covers one saved just as a pass began.</summary>
    public static readonly TimeSpan ReclassificationOverlap = TimeSpan.FromMinutes(2);

    /// <summary>
    /// On PostgreSQL, how old a reply, payment, complaint or delivery report must be before the watermark
    /// passes it: more than twice the longest transaction that writes them (see the class's remarks).
    /// </summary>
    public static readonly TimeSpan CommitOverlap = TimeSpan.FromMinutes(10);

    private static readonly MessageStatus[] Unsettled = [MessageStatus.Waiting, MessageStatus.Sending, MessageStatus.Sent];

    /// <summary>SQLite has one writer at a time, so its ids commit in their order.</summary>
    private bool IdsCommitInOrder => db.Database.IsSqlite();

    public async Task<RollupPass> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var now = businessClock.UtcNow();
        var read = await db.RollupWatermarks.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new RollupWatermark();

        // The high-water marks first: whatever is saved after them is read by the next pass.
        var settledBefore = now - CommitOverlap;
        var (replyId, replyMark) = await HighWaterAsync(db.InboundReplies.Select(r => r.Id),
            db.InboundReplies.Where(r => r.ReceivedAt <= settledBefore).Select(r => r.Id), read.ReplyId, cancellationToken);
        var (repaymentId, repaymentMark) = await HighWaterAsync(db.Repayments.Select(p => p.Id),
            db.Repayments.Where(p => p.RecordedAt <= settledBefore).Select(p => p.Id), read.RepaymentId, cancellationToken);
        var (complaintId, complaintMark) = await HighWaterAsync(db.Complaints.Select(c => c.Id),
            db.Complaints.Where(c => c.OpenedAt <= settledBefore).Select(c => c.Id), read.ComplaintId, cancellationToken);
        var (eventId, eventMark) = await HighWaterAsync(db.DeliveryEvents.Select(e => e.Id),
            db.DeliveryEvents.Where(e => e.ReceivedAt <= settledBefore).Select(e => e.Id), read.DeliveryEventId, cancellationToken);

        var open = (await db.OutboxMessages.Where(m => Unsettled.Contains(m.Status)).Select(m => m.RunId).Distinct()
                .ToListAsync(cancellationToken))
            .Concat(await db.CampaignRuns.Where(r => r.Status != RunStatus.Completed && r.Status != RunStatus.Cancelled)
                .Select(r => r.Id).ToListAsync(cancellationToken))
            .ToHashSet();
        var toCount = new HashSet<long>(open);
        toCount.UnionWith(await db.RollupRuns.Where(r => r.Open).Select(r => r.RunId).ToListAsync(cancellationToken));
        toCount.UnionWith(await db.CampaignRuns.Where(r => !db.RollupRuns.Any(counted => counted.RunId == r.Id)).Select(r => r.Id)
            .ToListAsync(cancellationToken));
        toCount.UnionWith(await TouchedRunsAsync(read, replyId, repaymentId, complaintId, eventId, cancellationToken));

        var rows = 0;
        foreach (var runId in toCount.Order())
        {
            rows += await CountRunAsync(runId, open.Contains(runId), now, cancellationToken);
        }

        var watermark = await db.RollupWatermarks.FirstOrDefaultAsync(cancellationToken);
        if (watermark is null)
        {
            watermark = new RollupWatermark();
            db.RollupWatermarks.Add(watermark);
        }
        watermark.ReplyId = replyMark;
        watermark.RepaymentId = repaymentMark;
        watermark.ComplaintId = complaintMark;
        watermark.DeliveryEventId = eventMark;
        watermark.ReplyClassifiedAt = now;
        watermark.RefreshedAt = businessClock.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new RollupPass(toCount.Count, rows, started.Elapsed);
    }

    /// <summary>When the figures were last brought up to date; null before the first pass.</summary>
    public Task<DateTimeOffset?> RefreshedAtAsync(CancellationToken cancellationToken = default) =>
        db.RollupWatermarks.AsNoTracking().Select(w => w.RefreshedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// How far this pass reads a table (its largest id), and the watermark it leaves for the next pass:
    /// the same on SQLite; on PostgreSQL the largest id of the rows in <paramref name="settled"/>, those
    /// recorded before the overlap, and never below the watermark it read (<paramref name="previous"/>).
    /// </summary>
    private async Task<(long ReadUpTo, long Next)> HighWaterAsync(IQueryable<long> ids, IQueryable<long> settled, long previous,
        CancellationToken cancellationToken)
    {
        var upTo = await ids.MaxAsync(id => (long?)id, cancellationToken) ?? 0;
        if (IdsCommitInOrder)
        {
            return (upTo, upTo);
        }
        var settledId = await settled.MaxAsync(id => (long?)id, cancellationToken) ?? 0;
        return (upTo, Math.Max(previous, Math.Min(settledId, upTo)));
    }

    private async Task<IReadOnlyList<long>> TouchedRunsAsync(RollupWatermark watermark, long replyId, long repaymentId, long complaintId,
        long eventId, CancellationToken cancellationToken)
    {
        var fromReplies = db.InboundReplies.Where(r => r.MessageId != null && r.Id > watermark.ReplyId && r.Id <= replyId);
        if (watermark.ReplyClassifiedAt is { } classified)
        {
            var since = classified - ReclassificationOverlap;
            fromReplies = db.InboundReplies.Where(r => r.MessageId != null
                                                       && ((r.Id > watermark.ReplyId && r.Id <= replyId)
                                                           || (r.ClassifiedAt != null && r.ClassifiedAt > since)));
        }
        var replied = fromReplies.Select(r => r.MessageId!.Value);
        var fromRepayments = db.Repayments
            .Where(p => p.CreditedMessageId != null && p.Id > watermark.RepaymentId && p.Id <= repaymentId)
            .Select(p => p.CreditedMessageId!.Value);
        var fromComplaints = db.Complaints
            .Where(c => c.MessageId != null && c.Id > watermark.ComplaintId && c.Id <= complaintId)
            .Select(c => c.MessageId!.Value);
        var fromReports = db.DeliveryEvents
            .Where(e => e.Id > watermark.DeliveryEventId && e.Id <= eventId)
            .Select(e => e.MessageId);
        var messages = replied.Union(fromRepayments).Union(fromComplaints).Union(fromReports);
        return await db.OutboxMessages.Where(m => messages.Contains(m.Id)).Select(m => m.RunId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>Counts one run from its messages and replaces its rows; answers how many rows it wrote.</summary>
    private async Task<int> CountRunAsync(long runId, bool open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = await db.CampaignRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.CampaignId, r.ScheduledFor }).FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return 0;
        }
        var day = DateOnly.FromDateTime(businessClock.ToBusinessTime(run.ScheduledFor).DateTime);
        // Read outside the write transaction: a message that moves after this read belongs to a run
        // counted as open (so counted again next pass) or leaves a record past the watermark.
        var counted = await CountSlicesAsync(runId, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.OutcomeRollups.Where(r => r.RunId == runId).ExecuteDeleteAsync(cancellationToken);
        await db.OutcomeSummaries.Where(r => r.RunId == runId).ExecuteDeleteAsync(cancellationToken);
        db.OutcomeRollups.AddRange(counted.Select(c => new OutcomeRollup(day, runId, run.CampaignId, c.Slice, c.Counts)));
        db.OutcomeSummaries.AddRange(counted
            .GroupBy(c => (c.Slice.SegmentId, c.Slice.TemplateVersionId, c.Slice.Variant, c.Slice.Tone))
            .Select(g => new OutcomeSummary(day, runId, run.CampaignId, g.Key.SegmentId, g.Key.TemplateVersionId, g.Key.Variant, g.Key.Tone,
                g.Aggregate(RollupCounts.Zero, (sum, c) => sum + c.Counts))));
        var state = await db.RollupRuns.FirstOrDefaultAsync(r => r.RunId == runId, cancellationToken);
        if (state is null)
        {
            db.RollupRuns.Add(new RollupRun(runId, day, open, now));
        }
        else
        {
            state.Counted(day, open, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return counted.Count;
    }

    /// <summary>
    /// The run's messages grouped by slice, each with its outcomes: one grouped pass over the run's
    /// messages, with the replies, complaints and credited payments found by their message indexes.
    /// </summary>
    internal async Task<IReadOnlyList<(RollupSlice Slice, RollupCounts Counts)>> CountSlicesAsync(long runId,
        CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<SliceRow>($"""
            SELECT m."SegmentId", m."TemplateVersionId", m."Variant", m."Tone", m."Region", m."Product",
                   CAST(COUNT(*) AS BIGINT) AS "Planned",
                   CAST(SUM(CASE WHEN m."SentAt" IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS "Sent",
                   CAST(SUM(CASE WHEN m."Status" = {(int)MessageStatus.Delivered} THEN 1 ELSE 0 END) AS BIGINT) AS "Delivered",
                   CAST(SUM(CASE WHEN m."Status" = {(int)MessageStatus.Failed} THEN 1 ELSE 0 END) AS BIGINT) AS "Failed",
                   CAST(SUM(CASE WHEN m."Status" = {(int)MessageStatus.Expired} THEN 1 ELSE 0 END) AS BIGINT) AS "Expired",
                   CAST(SUM(CASE WHEN m."Status" = {(int)MessageStatus.Suppressed} THEN 1 ELSE 0 END) AS BIGINT) AS "Suppressed",
                   CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM "InboundReplies" r WHERE r."MessageId" = m."Id")
                                 THEN 1 ELSE 0 END) AS BIGINT) AS "Replied",
                   CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM "InboundReplies" r WHERE r."MessageId" = m."Id" AND r."OptedOut" = TRUE)
                                 THEN 1 ELSE 0 END) AS BIGINT) AS "OptedOut",
                   CAST(SUM((SELECT COUNT(*) FROM "Complaints" c WHERE c."MessageId" = m."Id")) AS BIGINT) AS "Complaints",
                   CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM "Complaints" c WHERE c."MessageId" = m."Id")
                                 THEN 1 ELSE 0 END) AS BIGINT) AS "Complained",
                   CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM "Repayments" p WHERE p."CreditedMessageId" = m."Id")
                                 THEN 1 ELSE 0 END) AS BIGINT) AS "Repaid",
                   CAST(SUM(COALESCE((SELECT SUM(p."Amount") FROM "Repayments" p WHERE p."CreditedMessageId" = m."Id"), 0))
                        AS BIGINT) AS "RecoveredFen"
            FROM "OutboxMessages" m
            WHERE m."RunId" = {runId}
            GROUP BY m."SegmentId", m."TemplateVersionId", m."Variant", m."Tone", m."Region", m."Product"
            """).ToListAsync(cancellationToken);
        return rows.Select(r => (
                new RollupSlice(r.SegmentId, r.TemplateVersionId, (Variant)r.Variant, (Tone)r.Tone, r.Region, (LoanProduct)r.Product),
                new RollupCounts(r.Planned, r.Sent, r.Delivered, r.Failed, r.Expired, r.Suppressed, r.Replied, r.OptedOut, r.Complaints,
                    r.Complained, r.Repaid, r.RecoveredFen)))
            .ToList();
    }

    private sealed record SliceRow(
        long SegmentId,
        long? TemplateVersionId,
        int Variant,
        int Tone,
        string Region,
        int Product,
        long Planned,
        long Sent,
        long Delivered,
        long Failed,
        long Expired,
        long Suppressed,
        long Replied,
        long OptedOut,
        long Complaints,
        long Complained,
        long Repaid,
        long RecoveredFen);
}
