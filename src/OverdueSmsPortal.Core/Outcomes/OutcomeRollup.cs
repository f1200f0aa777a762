using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>
/// The counts of one run's messages that share a slice (DESIGN §2.14). A run counts on its business
/// day, the day it was scheduled for, and every outcome of its messages (reports, replies, payments,
/// complaints) counts there too, however late it comes: the dashboard reads cohorts, so "of the
/// messages of 3 December, 4 % led to a payment" stays true.
/// <para>
/// Within a run every customer gets at most one message, so the "customers" counts of a slice are its
/// messages; over several runs a customer counts once per run.
/// </para>
/// </summary>
public abstract class RollupRow : IOutcomeSlice
{
    public long Id { get; private set; }

    public DateOnly Day { get; private set; }
    public long RunId { get; private set; }
    public long CampaignId { get; private set; }
    public long SegmentId { get; private set; }
    public long? TemplateVersionId { get; private set; }
    public Variant Variant { get; private set; }
    public Tone Tone { get; private set; }

    /// <summary>Messages the run planned in this slice, suppressed ones included.</summary>
    public long Planned { get; private set; }

    /// <summary>Messages handed to the gateway: delivered, failed on report, or still awaiting a report.</summary>
    public long Sent { get; private set; }

    public long Delivered { get; private set; }

    /// <summary>Messages that failed, before or after the gateway took them.</summary>
    public long Failed { get; private set; }

    /// <summary>Messages that expired: the run ended before their window, or no report came in time.</summary>
    public long Expired { get; private set; }

    public long Suppressed { get; private set; }

    /// <summary>Messages with at least one reply matched to them.</summary>
    public long Replied { get; private set; }

    /// <summary>Messages answered with an opt-out.</summary>
    public long OptedOut { get; private set; }

    /// <summary>Complaints linked to the slice's messages.</summary>
    public long Complaints { get; private set; }

    /// <summary>Messages with at least one complaint linked to them.</summary>
    public long Complained { get; private set; }

    /// <summary>Messages that at least one payment was credited to (DESIGN §2.12).</summary>
    public long Repaid { get; private set; }

    /// <summary>The payments credited to the slice's messages, in fen (分), partial payments included.</summary>
    public long RecoveredFen { get; private set; }

    protected RollupRow()
    {
    }

    protected RollupRow(DateOnly day, long runId, long campaignId, long segmentId, long? templateVersionId, Variant variant, Tone tone,
        RollupCounts counts)
    {
        Day = day;
        RunId = runId;
        CampaignId = campaignId;
        SegmentId = segmentId;
        TemplateVersionId = templateVersionId;
        Variant = variant;
        Tone = tone;
        Planned = counts.Planned;
        Sent = counts.Sent;
        Delivered = counts.Delivered;
        Failed = counts.Failed;
        Expired = counts.Expired;
        Suppressed = counts.Suppressed;
        Replied = counts.Replied;
        OptedOut = counts.OptedOut;
        Complaints = counts.Complaints;
        Complained = counts.Complained;
        Repaid = counts.Repaid;
        RecoveredFen = counts.RecoveredFen;
    }

    public RollupCounts Counts => new(Planned, Sent, Delivered, Failed, Expired, Suppressed, Replied, OptedOut, Complaints, Complained,
        Repaid, RecoveredFen);
}

/// <summary>
/// The finest roll-up: a run's counts per segment, template version, variant, tone, and the customer's
/// region and product as they were when the run planned them. Read when the dashboard is filtered by
/// region or product.
/// </summary>
public class OutcomeRollup : RollupRow, IRegionalOutcomeSlice
{
    public string Region { get; private set; } = "";
    public LoanProduct Product { get; private set; }

    private OutcomeRollup()
    {
    }

    public OutcomeRollup(DateOnly day, long runId, long campaignId, RollupSlice slice, RollupCounts counts)
        : base(day, runId, campaignId, slice.SegmentId, slice.TemplateVersionId, slice.Variant, slice.Tone, counts)
    {
        Region = slice.Region;
        Product = slice.Product;
    }

    public RollupSlice Slice => new(SegmentId, TemplateVersionId, Variant, Tone, Region, Product);
}

/// <summary>
/// The same counts summed over regions and products: at most one row per run and segment, version,
/// variant and tone, so the dashboard's usual questions read a number of rows that grows with days and
/// campaigns, never with customers (the finest roll-up gets a row for every region and product a run
/// reached). Written with <see cref="OutcomeRollup"/> in one transaction.
/// </summary>
public class OutcomeSummary : RollupRow
{
    private OutcomeSummary()
    {
    }

    public OutcomeSummary(DateOnly day, long runId, long campaignId, long segmentId, long? templateVersionId, Variant variant, Tone tone,
        RollupCounts counts)
        : base(day, runId, campaignId, segmentId, templateVersionId, variant, tone, counts)
    {
    }
}

/// <summary>What a roll-up row is keyed by within its run.</summary>
public sealed record RollupSlice(long SegmentId, long? TemplateVersionId, Variant Variant, Tone Tone, string Region, LoanProduct Product);

/// <summary>The additive counts of a roll-up row; any sum of them is again a valid set of counts.</summary>
public sealed record RollupCounts(
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
    long RecoveredFen)
{
    public static readonly RollupCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static RollupCounts operator +(RollupCounts a, RollupCounts b) => new(
        a.Planned + b.Planned, a.Sent + b.Sent, a.Delivered + b.Delivered, a.Failed + b.Failed, a.Expired + b.Expired,
        a.Suppressed + b.Suppressed, a.Replied + b.Replied, a.OptedOut + b.OptedOut, a.Complaints + b.Complaints,
        a.Complained + b.Complained, a.Repaid + b.Repaid, a.RecoveredFen + b.RecoveredFen);

    /// <summary>The dashboard's figures made from these counts.</summary>
    public OutcomeFigures Figures() => new()
    {
        Sent = Sent,
        Delivered = Delivered,
        Failed = Failed + Expired,
        Suppressed = Suppressed,
        CustomersMessaged = Sent,
        CustomersReplied = Replied,
        CustomersRepaid = Repaid,
        AmountRecovered = RecoveredFen / 100m,
        Complaints = Complaints,
        OptOuts = OptedOut,
    };
}

/// <summary>
/// Where the roll-up stands for one run: its business day, and whether it may still change by itself
/// (messages waiting, sending or awaiting a report), in which case every pass counts it again.
/// </summary>
public class RollupRun
{
    public long RunId { get; private set; }
    public DateOnly Day { get; private set; }
    public bool Open { get; private set; }
    public DateTimeOffset CountedAt { get; private set; }

    private RollupRun()
    {
    }

    public RollupRun(long runId, DateOnly day, bool open, DateTimeOffset countedAt)
    {
        RunId = runId;
        Counted(day, open, countedAt);
    }

    public void Counted(DateOnly day, bool open, DateTimeOffset countedAt)
    {
        Day = day;
        Open = open;
        CountedAt = countedAt;
    }
}

/// <summary>
/// How far the roll-up has read the append-only records that change a closed run's counts: replies
/// (and their re-classifications), payments, complaints and late delivery reports. One row.
/// </summary>
public class RollupWatermark
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public long ReplyId { get; set; }
    public DateTimeOffset? ReplyClassifiedAt { get; set; }
    public long RepaymentId { get; set; }
    public long ComplaintId { get; set; }
    public long DeliveryEventId { get; set; }

    /// <summary>When the last pass finished: the dashboard's figures are as of this instant.</summary>
    public DateTimeOffset? RefreshedAt { get; set; }
}
