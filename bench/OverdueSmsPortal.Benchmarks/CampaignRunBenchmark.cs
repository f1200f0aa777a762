using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// How fast a run plans: for a campaign over every demo segment of N customers, the messages taken
/// from the segments, checked against the send policy, rendered and written to the outbox per second
/// (<see cref="RunPlanner.PlanAsync"/>, the first half of a run). Each repetition plans a fresh run.
/// </summary>
internal static class CampaignRunBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        output.WriteLine($"== run: planning a campaign over every demo segment of {options.Customers:N0} customers");
        await using var portal = await BenchmarkPortal.OpenAsync(options.DatabasePath);
        var today = portal.GetRequiredService<BusinessClock>().Today();
        if (!await CustomerListBenchmark.EnsureCustomersAsync(portal, options, today, output))
        {
            return;
        }
        var campaignId = await ApprovedCampaignAsync(portal, today);

        output.WriteLine($"  {"run",4} {"planned",10} {"waiting",10} {"suppressed",11} {"seconds",8} {"messages/s",11}");
        var rates = new List<double>();
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            await using var scope = portal.Scope();
            var planner = scope.ServiceProvider.GetRequiredService<RunPlanner>();
            var clock = Stopwatch.StartNew();
            var run = await planner.OpenRunAsync(campaignId, DateTimeOffset.UtcNow.AddSeconds(repetition), null)
                ?? throw new InvalidOperationException("The campaign may not run.");
            await planner.PlanAsync(run.Id);
            clock.Stop();

            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var counts = await db.OutboxMessages.Where(m => m.RunId == run.Id).GroupBy(m => m.Status)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var planned = counts.Values.Sum();
            var rate = planned / clock.Elapsed.TotalSeconds;
            rates.Add(rate);
            output.WriteLine($"  {repetition,4} {planned,10:N0} {counts.GetValueOrDefault(MessageStatus.Waiting),10:N0} " +
                $"{counts.GetValueOrDefault(MessageStatus.Suppressed),11:N0} {clock.Elapsed.TotalSeconds,8:F1} {rate,11:N0}");
        }
        rates.Sort();
        output.WriteLine($"  median {rates[rates.Count / 2]:N0} messages planned, rendered and persisted per second");
    }

    /// <summary>The demo segments with their demo templates approved, and an approved campaign over all of them.</summary>
    private static async Task<long> ApprovedCampaignAsync(BenchmarkPortal portal, DateOnly today)
    {
        var segments = await ApprovedSegmentsAsync(portal, DemoSegments.All, withVariantB: false);
        return await ApprovedCampaignAsync(portal, "benchmark", segments, today);
    }

    /// <summary>
    /// The segments, each with the demo template of its first tone approved as version A and, with
    /// <paramref name="withVariantB"/>, the one of its second tone as version B, half of the customers each.
    /// </summary>
    internal static async Task<IReadOnlyList<CampaignSegmentPlan>> ApprovedSegmentsAsync(BenchmarkPortal portal,
        IEnumerable<SegmentRules> segments, bool withVariantB)
    {
        await using var scope = portal.Scope();
        var services = scope.ServiceProvider;
        var catalog = services.GetRequiredService<SegmentCatalog>();
        var studio = services.GetRequiredService<TemplateStudio>();
        async Task<long> ApprovedVersionAsync(Segment segment, Tone tone)
        {
            var body = DemoTemplates.For(segment.StageKey, tone)
                ?? throw new InvalidOperationException($"No demo template for {segment.StageKey} in {tone.Code()}.");
            var draft = await studio.SaveDraftAsync(segment.Id, tone, body, BenchActors.Author);
            await studio.SubmitAsync(draft.Id, BenchActors.Author);
            await studio.ApproveAsync(draft.Id, BenchActors.Approver, warningsAcknowledged: true, "benchmark");
            return draft.Id;
        }
        var plan = new List<CampaignSegmentPlan>();
        foreach (var rules in segments)
        {
            var segment = await catalog.CreateAsync(rules, BenchActors.Admin);
            var versionA = await ApprovedVersionAsync(segment, segment.Tones[0]);
            plan.Add(withVariantB && segment.Tones.Count > 1
                ? new CampaignSegmentPlan(segment.Id, versionA, await ApprovedVersionAsync(segment, segment.Tones[1]), SplitBPercent: 50)
                : new CampaignSegmentPlan(segment.Id, versionA));
        }
        return plan;
    }

    /// <summary>An approved daily campaign over <paramref name="segments"/>.</summary>
    internal static async Task<long> ApprovedCampaignAsync(BenchmarkPortal portal, string name, IReadOnlyList<CampaignSegmentPlan> segments,
        DateOnly today)
    {
        await using var scope = portal.Scope();
        var desk = scope.ServiceProvider.GetRequiredService<CampaignDesk>();
        var campaign = await desk.CreateAsync(new CampaignPlan
        {
            Name = name,
            Segments = segments,
            Schedule = CampaignSchedule.Daily(new TimeOnly(10, 0)),
            Window = SendWindow.ContactHours,
            ThroughputPerSecond = 1000,
            EndDate = today.AddDays(30),
        }, BenchActors.Author);
        await desk.SubmitAsync(campaign.Id, BenchActors.Author);
        await desk.ApproveAsync(campaign.Id, BenchActors.Approver, "benchmark");
        return campaign.Id;
    }
}
