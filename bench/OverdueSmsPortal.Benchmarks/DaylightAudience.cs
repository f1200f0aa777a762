using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// Customers a dispatch benchmark sends to: all in a zone where it is day now (so the contact hours
/// hold none back), in a region of their own, with a segment over that region and its standard
/// template approved (maker-checker, as an Author and an Approver would).
/// </summary>
internal static class DaylightAudience
{
    /// <summary>The segment and the approved template version over <paramref name="count"/> new customers.</summary>
    public static async Task<CampaignSegmentPlan> CreateAsync(IServiceProvider services, int count, int pass)
    {
        var today = services.GetRequiredService<BusinessClock>().Today();
        var zone = DaylightZone.At(DateTimeOffset.UtcNow);
        var region = $"bench-{pass}";
        var customers = Enumerable.Range(1, count).Select(i => new CustomerDetails($"KB{pass}-{i:D7}", "王小明", CustomerTitle.Mr,
            $"+86138{pass:D2}{i:D6}", CustomerType.Salaried, LoanProduct.CreditCard, region, zone, 5230.50m, 523.05m, today.AddDays(-9),
            0.0005m, 15));
        foreach (var batch in customers.Chunk(1000))
        {
            await services.GetRequiredService<CustomerUpsert>().UpsertAsync(batch);
        }
        var segment = await services.GetRequiredService<SegmentCatalog>().CreateAsync(new SegmentRules
        {
            Name = $"benchmark {pass}", StageKey = "overdue_8_15", Regions = [region], Tones = [Tone.Standard],
        }, BenchActors.Admin);
        var studio = services.GetRequiredService<TemplateStudio>();
        var draft = await studio.SaveDraftAsync(segment.Id, Tone.Standard,
            DemoTemplates.For(segment.StageKey, Tone.Standard) ?? throw new InvalidOperationException("No demo template."), BenchActors.Author);
        await studio.SubmitAsync(draft.Id, BenchActors.Author);
        await studio.ApproveAsync(draft.Id, BenchActors.Approver, warningsAcknowledged: true, "benchmark");
        return new CampaignSegmentPlan(segment.Id, draft.Id);
    }

    /// <summary>An approved campaign over <paramref name="segment"/>: the Author creates and submits it, the Approver approves.</summary>
    public static async Task<long> ApprovedCampaignAsync(IServiceProvider services, string name, CampaignSegmentPlan segment,
        CampaignSchedule schedule)
    {
        var today = services.GetRequiredService<BusinessClock>().Today();
        var desk = services.GetRequiredService<CampaignDesk>();
        var campaign = await desk.CreateAsync(new CampaignPlan
        {
            Name = name,
            Segments = [segment],
            Schedule = schedule,
            Window = SendWindow.ContactHours,
            ThroughputPerSecond = CampaignPlan.MaxThroughput,
            EndDate = today.AddDays(30),
        }, BenchActors.Author);
        await desk.SubmitAsync(campaign.Id, BenchActors.Author);
        await desk.ApproveAsync(campaign.Id, BenchActors.Approver, "benchmark");
        return campaign.Id;
    }
}
