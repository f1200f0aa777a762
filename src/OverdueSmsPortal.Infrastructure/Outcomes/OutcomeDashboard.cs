using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Outcomes;

/// <summary>The dashboard's period (business days, both included) and filters; a null filter takes everything.</summary>
public sealed record DashboardFilter(
    DateOnly From,
    DateOnly To,
    long? CampaignId = null,
    long? SegmentId = null,
    Tone? Tone = null,
    long? TemplateVersionId = null,
    string? Region = null,
    LoanProduct? Product = null,
    Variant? Variant = null);

/// <summary>Counts under one key of a dashboard table.</summary>
public sealed record KeyedCounts<TKey>(TKey Key, RollupCounts Counts);

public sealed record SegmentTone(long SegmentId, Tone Tone);

/// <summary>A template version as the dashboard names it: its template's segment and tone, and its number.</summary>
public sealed record VersionName(long Id, string Segment, Tone Tone, int Number);

/// <summary>Everything the dashboard shows for one filter, read from the roll-ups.</summary>
public sealed record DashboardView(
    DashboardFilter Filter,
    RollupCounts Totals,
    IReadOnlyList<KeyedCounts<DateOnly>> ByDay,
    IReadOnlyList<KeyedCounts<SegmentTone>> BySegmentTone,
    IReadOnlyList<KeyedCounts<long>> ByCampaign,
    IReadOnlyList<KeyedCounts<long?>> ByTemplateVersion,
    DateTimeOffset? RefreshedAt);

/// <summary>What the filters offer: the campaigns, segments, versions and regions there are figures for.</summary>
public sealed record DashboardChoices(
    IReadOnlyDictionary<long, string> Campaigns,
    IReadOnlyDictionary<long, string> Segments,
    IReadOnlyDictionary<long, VersionName> Versions,
    IReadOnlyList<string> Regions);

/// <summary>Which messages a drill-down lists: the ones behind one figure.</summary>
public enum DashboardMeasure
{
    Planned = 0,
    Sent = 1,
    Delivered = 2,
    Failed = 3,
    Suppressed = 4,
    Replied = 5,
    OptedOut = 6,
    Complained = 7,
    Repaid = 8,
}

/// <summary>One variant of an A/B comparison: its counts and its repayment and complaint proportions.</summary>
public sealed record VariantFigures(Variant Variant, RollupCounts Counts)
{
    public Proportion Repayment => new(Counts.Repaid, Counts.Sent);
    public Proportion Complaint => new(Counts.Complained, Counts.Sent);
}

/// <summary>A campaign's A/B comparison: each variant, and the tests of B against A.</summary>
public sealed record AbResult(long CampaignId, string Campaign, VariantFigures A, VariantFigures B, AbComparison Repayment,
    AbComparison Complaint);

/// <summary>
/// The dashboard's questions (DESIGN §2.14), answered from the roll-ups only: a grouped sum over the
/// <see cref="OutcomeSummary"/> rows of the period, whose number grows with days, campaigns, segments
/// and versions, not with messages or customers; the finer <see cref="OutcomeRollup"/> rows only when
/// a region or product is asked for. The drill-down alone reads messages, a page at a time, from the runs of the period.
/// </summary>
public sealed class OutcomeDashboard(PortalDbContext db, OutcomeRollups rollups)
{
    public async Task<DashboardView> LoadAsync(DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        var (byDay, bySegmentTone, byCampaign, byVersion) = ByRegionOrProduct(filter)
            ? await TablesAsync(Filtered(db.OutcomeRollups.AsNoTracking(), filter), cancellationToken)
            : await TablesAsync(Filtered(db.OutcomeSummaries.AsNoTracking(), filter), cancellationToken);
        var totals = byDay.Aggregate(RollupCounts.Zero, (sum, day) => sum + day.Counts);
        return new DashboardView(filter, totals, byDay.OrderBy(d => d.Key).ToList(),
            bySegmentTone.OrderBy(s => s.Key.SegmentId).ThenBy(s => s.Key.Tone).ToList(),
            byCampaign.OrderByDescending(c => c.Counts.Sent).ToList(),
            byVersion.OrderByDescending(v => v.Counts.Sent).ToList(),
            await rollups.RefreshedAtAsync(cancellationToken));
    }

    private static async Task<(List<KeyedCounts<DateOnly>>, List<KeyedCounts<SegmentTone>>, List<KeyedCounts<long>>, List<KeyedCounts<long?>>)>
        TablesAsync<TRow>(IQueryable<TRow> rows, CancellationToken cancellationToken) where TRow : RollupRow
    {
        var byDay = await Sum(rows, r => r.Day, cancellationToken);
        var bySegmentTone = (await Sum(rows, r => new { r.SegmentId, r.Tone }, cancellationToken))
            .Select(s => new KeyedCounts<SegmentTone>(new SegmentTone(s.Key.SegmentId, s.Key.Tone), s.Counts)).ToList();
        var byCampaign = await Sum(rows, r => r.CampaignId, cancellationToken);
        var byVersion = await Sum(rows, r => r.TemplateVersionId, cancellationToken);
        return (byDay, bySegmentTone, byCampaign, byVersion);
    }

    /// <summary>Region and product are only in the finest roll-up; every other question reads the summary.</summary>
    private static bool ByRegionOrProduct(DashboardFilter filter) => !string.IsNullOrEmpty(filter.Region) || filter.Product is not null;

    public async Task<DashboardChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var campaigns = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var segments = await db.Segments.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var versions = await db.TemplateVersions.AsNoTracking()
            .Join(db.MessageTemplates, v => v.TemplateId, t => t.Id, (v, t) => new { v.Id, t.SegmentId, t.Tone, v.Number })
            .Where(v => db.OutcomeSummaries.Any(r => r.TemplateVersionId == v.Id))
            .ToListAsync(cancellationToken);
        // The customers' regions, read from their index: the roll-up has too many rows to ask.
        var regions = await db.Customers.AsNoTracking().Select(c => c.Region).Distinct().OrderBy(r => r).ToListAsync(cancellationToken);
        return new DashboardChoices(campaigns, segments,
            versions.ToDictionary(v => v.Id, v => new VersionName(v.Id, segments.GetValueOrDefault(v.SegmentId, ""), v.Tone, v.Number)),
            regions.Where(r => r.Length > 0).ToList());
    }

    /// <summary>The A/B comparisons of the campaigns with a split that have figures in the filter's period.</summary>
    public async Task<IReadOnlyList<AbResult>> AbAsync(DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        var all = filter with { Variant = null };
        var byVariant = ByRegionOrProduct(filter)
            ? await Sum(Filtered(db.OutcomeRollups.AsNoTracking(), all), r => new { r.CampaignId, r.Variant }, cancellationToken)
            : await Sum(Filtered(db.OutcomeSummaries.AsNoTracking(), all), r => new { r.CampaignId, r.Variant }, cancellationToken);
        var names = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return byVariant.GroupBy(v => v.Key.CampaignId)
            .Where(campaign => campaign.Any(v => v.Key.Variant == Variant.B))
            .Select(campaign =>
            {
                var a = new VariantFigures(Variant.A, campaign.Where(v => v.Key.Variant == Variant.A).Select(v => v.Counts).FirstOrDefault()
                                                      ?? RollupCounts.Zero);
                var b = new VariantFigures(Variant.B, campaign.First(v => v.Key.Variant == Variant.B).Counts);
                return new AbResult(campaign.Key, names.GetValueOrDefault(campaign.Key, ""), a, b,
                    TwoProportionTest.Compare(a.Repayment, b.Repayment, higherIsBetter: true),
                    TwoProportionTest.Compare(a.Complaint, b.Complaint, higherIsBetter: false));
            })
            .OrderBy(r => r.Campaign, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>A page of the messages behind one figure of the filter, newest run first.</summary>
    public async Task<RunMessagePage> MessagesAsync(DashboardFilter filter, DashboardMeasure measure, int page, int pageSize,
        bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var runs = db.RollupRuns.Where(r => r.Day >= filter.From && r.Day <= filter.To).Select(r => r.RunId);
        var messages = db.OutboxMessages.AsNoTracking().Where(m => runs.Contains(m.RunId));
        messages = InRegion(Narrowed(messages, filter), filter);
        messages = measure switch
        {
            DashboardMeasure.Sent => messages.Where(m => m.SentAt != null),
            DashboardMeasure.Delivered => messages.Where(m => m.Status == MessageStatus.Delivered),
            DashboardMeasure.Failed => messages.Where(m => m.Status == MessageStatus.Failed || m.Status == MessageStatus.Expired),
            DashboardMeasure.Suppressed => messages.Where(m => m.Status == MessageStatus.Suppressed),
            DashboardMeasure.Replied => messages.Where(m => db.InboundReplies.Any(r => r.MessageId == m.Id)),
            DashboardMeasure.OptedOut => messages.Where(m => db.InboundReplies.Any(r => r.MessageId == m.Id && r.OptedOut)),
            DashboardMeasure.Complained => messages.Where(m => db.Complaints.Any(c => c.MessageId == m.Id)),
            DashboardMeasure.Repaid => messages.Where(m => db.Repayments.Any(p => p.CreditedMessageId == m.Id)),
            _ => messages,
        };
        var total = await messages.CountAsync(cancellationToken);
        var items = await RunMonitor.Rows(db, messages.OrderByDescending(m => m.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        return new RunMessagePage(items.OrderByDescending(row => row.Id).Select(row => seesPersonalData ? row.Shown() : row.Masked()).ToList(),
            total);
    }

    /// <summary>The roll-up rows of the filter's period and slice.</summary>
    private static IQueryable<TRow> Filtered<TRow>(IQueryable<TRow> rows, DashboardFilter filter) where TRow : RollupRow =>
        Narrowed(rows.Where(r => r.Day >= filter.From && r.Day <= filter.To), filter);

    private static IQueryable<OutcomeRollup> Filtered(IQueryable<OutcomeRollup> rows, DashboardFilter filter) =>
        InRegion(Filtered<OutcomeRollup>(rows, filter), filter);

    /// <summary>Rows or messages of the filter's campaign, segment, tone, template version and variant.</summary>
    private static IQueryable<T> Narrowed<T>(IQueryable<T> rows, DashboardFilter filter) where T : class, IOutcomeSlice
    {
        if (filter.CampaignId is { } campaign)
        {
            rows = rows.Where(r => r.CampaignId == campaign);
        }
        if (filter.SegmentId is { } segment)
        {
            rows = rows.Where(r => r.SegmentId == segment);
        }
        if (filter.Tone is { } tone)
        {
            rows = rows.Where(r => r.Tone == tone);
        }
        if (filter.TemplateVersionId is { } version)
        {
            rows = rows.Where(r => r.TemplateVersionId == version);
        }
        if (filter.Variant is { } variant)
        {
            rows = rows.Where(r => r.Variant == variant);
        }
        return rows;
    }

    /// <summary>Rows or messages of the filter's region and product.</summary>
    private static IQueryable<T> InRegion<T>(IQueryable<T> rows, DashboardFilter filter) where T : class, IRegionalOutcomeSlice
    {
        if (!string.IsNullOrEmpty(filter.Region))
        {
            rows = rows.Where(r => r.Region == filter.Region);
        }
        if (filter.Product is { } product)
        {
            rows = rows.Where(r => r.Product == product);
        }
        return rows;
    }

    private static async Task<List<KeyedCounts<TKey>>> Sum<TRow, TKey>(IQueryable<TRow> rows, Expression<Func<TRow, TKey>> key,
        CancellationToken cancellationToken) where TRow : RollupRow =>
        (await rows.GroupBy(key).Select(g => new
            {
                g.Key,
                Planned = g.Sum(r => r.Planned),
                Sent = g.Sum(r => r.Sent),
                Delivered = g.Sum(r => r.Delivered),
                Failed = g.Sum(r => r.Failed),
                Expired = g.Sum(r => r.Expired),
                Suppressed = g.Sum(r => r.Suppressed),
                Replied = g.Sum(r => r.Replied),
                OptedOut = g.Sum(r => r.OptedOut),
                Complaints = g.Sum(r => r.Complaints),
                Complained = g.Sum(r => r.Complained),
                Repaid = g.Sum(r => r.Repaid),
                RecoveredFen = g.Sum(r => r.RecoveredFen),
            }).ToListAsync(cancellationToken))
        .Select(g => new KeyedCounts<TKey>(g.Key, new RollupCounts(g.Planned, g.Sent, g.Delivered, g.Failed, g.Expired, g.Suppressed,
            g.Replied, g.OptedOut, g.Complaints, g.Complained, g.Repaid, g.RecoveredFen)))
        .ToList();
}
