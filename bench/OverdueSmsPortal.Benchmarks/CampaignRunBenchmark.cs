using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Persistence.Demo;
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
    private static readonly Actor Author = new("bench-author", "bench-author");
    private static readonly Actor Approver = new("bench-approver", "bench-approver");

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
        await using var scope = portal.Scope();
        var services = scope.ServiceProvider;
        var catalog = services.GetRequiredService<SegmentCatalog>();
        var studio = services.GetRequiredService<TemplateStudio>();
        var plan = new List<CampaignSegmentPlan>();
        foreach (var rules in DemoSegments.All)
        {
            var segment = await catalog.CreateAsync(rules, "benchmark");
            var tone = segment.Tones[0];
            var body = DemoTemplates.For(segment.StageKey, tone)
                ?? throw new InvalidOperationException($"No demo template for {segment.StageKey} in {tone.Code()}.");
            var draft = await studio.SaveDraftAsync(segment.Id, tone, body, Author);
            await studio.SubmitAsync(draft.Id, Author);
            await studio.ApproveAsync(draft.Id, Approver, warningsAcknowledged: true, "benchmark");
            plan.Add(new CampaignSegmentPlan(segment.Id, draft.Id));
        }
        var desk = services.GetRequiredService<CampaignDesk>();
        var campaign = await desk.CreateAsync(new CampaignPlan
        {
            Name = "benchmark",
            Segments = plan,
            Schedule = CampaignSchedule.Daily(new TimeOnly(10, 0)),
            Window = SendWindow.ContactHours,
            ThroughputPerSecond = 1000,
            EndDate = today.AddDays(30),
        }, Author);
        await desk.SubmitAsync(campaign.Id, Author);
        await desk.ApproveAsync(campaign.Id, Approver, "benchmark");
        return campaign.Id;
    }
}
