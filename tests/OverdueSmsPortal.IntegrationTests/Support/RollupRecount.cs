using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>One row of the roll-up: a run's slice and its counts.</summary>
public sealed record RollupCell(DateOnly Day, long RunId, long CampaignId, RollupSlice Slice, RollupCounts Counts);

/// <summary>One row of the summary roll-up: a run's counts over every region and product.</summary>
public sealed record SummaryCell(long RunId, long SegmentId, long? TemplateVersionId, Variant Variant, Tone Tone, RollupCounts Counts);

/// <summary>
/// The roll-up's rows beside the same counts made here straight from every message, reply, complaint
/// and payment: what a roll-up must equal, however its passes went (random inserts, a killed pass).
/// </summary>
public static class RollupRecount
{
    public static async Task<(List<RollupCell> Expected, List<RollupCell> Actual)> RecountAsync(PortalDbContext db, BusinessClock zone)
    {
        var runs = await db.CampaignRuns.AsNoTracking().ToDictionaryAsync(r => r.Id);
        var messages = await db.OutboxMessages.AsNoTracking().ToListAsync();
        var replies = (await db.InboundReplies.AsNoTracking().Where(r => r.MessageId != null).ToListAsync()).ToLookup(r => r.MessageId!.Value);
        var complaints = (await db.Complaints.AsNoTracking().Where(c => c.MessageId != null).ToListAsync()).ToLookup(c => c.MessageId!.Value);
        var repayments = (await db.Repayments.AsNoTracking().Where(p => p.CreditedMessageId != null).ToListAsync())
            .ToLookup(p => p.CreditedMessageId!.Value);

        var expected = messages
            .GroupBy(m => (m.RunId, Slice: new RollupSlice(m.SegmentId, m.TemplateVersionId, m.Variant, m.Tone, m.Region, m.Product)))
            .Select(g => new RollupCell(
                DateOnly.FromDateTime(zone.ToBusinessTime(runs[g.Key.RunId].ScheduledFor).DateTime),
                g.Key.RunId,
                runs[g.Key.RunId].CampaignId,
                g.Key.Slice,
                new RollupCounts(
                    Planned: g.Count(),
                    Sent: g.Count(m => m.SentAt != null),
                    Delivered: g.Count(m => m.Status == MessageStatus.Delivered),
                    Failed: g.Count(m => m.Status == MessageStatus.Failed),
                    Expired: g.Count(m => m.Status == MessageStatus.Expired),
                    Suppressed: g.Count(m => m.Status == MessageStatus.Suppressed),
                    Replied: g.Count(m => replies[m.Id].Any()),
                    OptedOut: g.Count(m => replies[m.Id].Any(r => r.OptedOut)),
                    Complaints: g.Sum(m => complaints[m.Id].Count()),
                    Complained: g.Count(m => complaints[m.Id].Any()),
                    Repaid: g.Count(m => repayments[m.Id].Any()),
                    RecoveredFen: g.Sum(m => repayments[m.Id].Sum(p => (long)(p.Amount * 100))))))
            .OrderBy(c => c.RunId).ThenBy(c => c.Slice.ToString(), StringComparer.Ordinal)
            .ToList();
        var actual = (await db.OutcomeRollups.AsNoTracking().ToListAsync())
            .Select(r => new RollupCell(r.Day, r.RunId, r.CampaignId, r.Slice, r.Counts))
            .OrderBy(c => c.RunId).ThenBy(c => c.Slice.ToString(), StringComparer.Ordinal)
            .ToList();
        return (expected, actual);
    }

    /// <summary>The cells summed over regions and products: what the summary roll-up must hold.</summary>
    public static List<SummaryCell> SummedOverRegionsAndProducts(IEnumerable<RollupCell> cells) => cells
        .GroupBy(c => (c.RunId, c.Slice.SegmentId, c.Slice.TemplateVersionId, c.Slice.Variant, c.Slice.Tone))
        .Select(g => new SummaryCell(g.Key.RunId, g.Key.SegmentId, g.Key.TemplateVersionId, g.Key.Variant, g.Key.Tone,
            g.Aggregate(RollupCounts.Zero, (sum, c) => sum + c.Counts)))
        .OrderBy(c => c.RunId).ThenBy(c => c.ToString(), StringComparer.Ordinal).ToList();

    public static async Task<List<SummaryCell>> SummariesAsync(PortalDbContext db) =>
        (await db.OutcomeSummaries.AsNoTracking().ToListAsync())
        .Select(r => new SummaryCell(r.RunId, r.SegmentId, r.TemplateVersionId, r.Variant, r.Tone, r.Counts))
        .OrderBy(c => c.RunId).ThenBy(c => c.ToString(), StringComparer.Ordinal).ToList();
}
