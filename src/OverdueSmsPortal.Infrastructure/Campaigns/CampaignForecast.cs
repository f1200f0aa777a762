using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Settings;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// How a run fired now would turn out: customers who would get a message, customers the policy keeps
/// out (by reason), and of those who would get one, how many wait for their window to open.
/// </summary>
public sealed record ForecastResult(int Eligible, IReadOnlyDictionary<SuppressionReason, int> Suppressed, int WaitingForWindow,
    IReadOnlyList<SegmentForecast> Segments)
{
    public int Total => Eligible + Suppressed.Values.Sum();
}

/// <summary>One segment's share of a forecast; a customer in two segments counts in the first.</summary>
public sealed record SegmentForecast(long SegmentId, int Eligible, int Suppressed);

/// <summary>
/// Runs a campaign's planning without writing anything (DESIGN §2.7): the same members, the same
/// rendering and the same policy as a run, counted instead of stored.
/// </summary>
public sealed class CampaignForecast(
    PortalDbContext db,
    BusinessClock businessClock,
    MessageWriter writer,
    ContactStates contactStates,
    SendPolicyStore policyStore)
{
    private const int BatchSize = 1000;

    public async Task<ForecastResult?> ForCampaignAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Segments).FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        return campaign is null ? null : await ForPlanAsync(campaign.Plan(), campaign.Id, cancellationToken);
    }

    /// <summary>The forecast of a plan, saved or not; <paramref name="campaignId"/> keeps A/B assignment as the run will make it.</summary>
    public async Task<ForecastResult> ForPlanAsync(CampaignPlan plan, long campaignId, CancellationToken cancellationToken = default)
    {
        var now = businessClock.UtcNow();
        var today = businessClock.Today();
        var settings = await policyStore.LoadAsync(cancellationToken);
        var ladder = await db.StageDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        var versionIds = plan.Segments.SelectMany(s => new[] { s.VersionAId, s.VersionBId ?? s.VersionAId }).Distinct().ToList();
        var texts = await db.TemplateVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new ApprovedText(v.Id, v.Template!.Tone, v.Body))
            .ToDictionaryAsync(v => v.VersionId, cancellationToken);
        var runEnds = businessClock.EndOf(plan.EndDate);

        var counted = new HashSet<long>();
        var suppressed = new Dictionary<SuppressionReason, int>();
        var eligible = 0;
        var waiting = 0;
        var perSegment = new List<SegmentForecast>();
        foreach (var part in plan.Segments)
        {
            var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == part.SegmentId, cancellationToken);
            var stage = segment is null ? null : ladder.FirstOrDefault(s => s.Key == segment.StageKey);
            int segmentEligible = 0, segmentSuppressed = 0;
            var after = 0L;
            while (segment is not null && stage is not null)
            {
                var batch = await SegmentMembers.Members(db.Customers.AsNoTracking(), segment, stage, today)
                    .Where(c => c.Id > after).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                after = batch[^1].Id;
                var fresh = batch.Where(c => counted.Add(c.Id)).ToList();
                var states = await contactStates.LoadAsync(fresh, now, settings, cancellationToken);
                foreach (var customer in fresh)
                {
                    var variant = VariantAssignment.For(campaignId, part.SegmentId, customer.Id, part.SplitBPercent);
                    var text = texts.GetValueOrDefault(variant == Variant.B && part.VersionBId is { } b ? b : part.VersionAId);
                    var reason = Judge(customer, text, variant, states[customer.Id], now, today, settings);
                    if (reason is { } r)
                    {
                        suppressed[r] = suppressed.GetValueOrDefault(r) + 1;
                        segmentSuppressed++;
                        continue;
                    }
                    eligible++;
                    segmentEligible++;
                    var opening = ContactHours.NextOpening(now, CustomerZones.Find(customer.TimeZone), plan.Window, customer.PaydayOfMonth, runEnds);
                    if (opening != now)
                    {
                        waiting++;
                    }
                }
            }
            perSegment.Add(new SegmentForecast(part.SegmentId, segmentEligible, segmentSuppressed));
        }
        return new ForecastResult(eligible, suppressed, waiting, perSegment);
    }

    private SuppressionReason? Judge(Customer customer, ApprovedText? text, Variant variant, ContactState state, DateTimeOffset now,
        DateOnly today, PolicySettings settings)
    {
        var message = text is null ? null : writer.Write(text, variant, customer, today);
        return message is null
            ? SuppressionReason.RenderFailed
            : SendPolicy.Decide(state, new CandidateMessage(TextFingerprint.Of(message.Body), message.RenderedFor, message.DaysOverdue), now,
                settings).Reason;
    }
}
