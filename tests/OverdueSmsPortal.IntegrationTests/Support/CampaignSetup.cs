using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>What campaign tests start from: a segment with an approved template, customers, a plan.</summary>
public static class CampaignSetup
{
    public static readonly Actor Operator = new("u-operator", "operator") { Roles = [PortalRoles.Admin] };

    /// <summary>A segment (of the 8–15 days stage unless told) with approved standard and firm templates.</summary>
    public sealed record ReadySegment(Segment Segment, TemplateVersion Standard, TemplateVersion Firm);

    public static async Task<ReadySegment> GivenReadySegmentAsync(this PortalDatabase portal, string name = "逾期8–15天客户",
        Action<SegmentRules>? narrow = null, string stage = "overdue_8_15")
    {
        var rules = new SegmentRules { Name = name, StageKey = stage, Tones = [Tone.Standard, Tone.Firm] };
        narrow?.Invoke(rules);
        var segment = await portal.Service<SegmentCatalog>().CreateAsync(rules, StudioSetup.Admin);
        var standard = await ApprovedAsync(portal, segment.Id, Tone.Standard, StudioSetup.CleanBody);
        var firm = await ApprovedAsync(portal, segment.Id, Tone.Firm,
            StudioSetup.CleanBody.Replace("如有困难", "请务必今日处理，如有困难", StringComparison.Ordinal));
        return new ReadySegment(segment, standard, firm);
    }

    public static async Task<TemplateVersion> ApprovedAsync(PortalDatabase portal, long segmentId, Tone tone, string body)
    {
        var studio = portal.Service<TemplateStudio>();
        var draft = await studio.SaveDraftAsync(segmentId, tone, body, StudioSetup.Author);
        await studio.SubmitAsync(draft.Id, StudioSetup.Author);
        return await studio.ApproveAsync(draft.Id, StudioSetup.Approver, warningsAcknowledged: true, null);
    }

    /// <summary>Customers 9 days overdue (inside the 8–15 stage): CC0001, CC0002, …</summary>
    public static async Task GivenOverdueCustomersAsync(this PortalDatabase portal, int count, string prefix = "CC",
        Func<CustomerBuilder, int, CustomerBuilder>? shape = null)
    {
        var customers = Enumerable.Range(1, count).Select(i =>
        {
            var builder = CustomerBuilder.ACustomer($"{prefix}{i:D4}").DaysOverdue(9).WithPhone($"+86139{i:D8}");
            return (CustomerDetails)(shape?.Invoke(builder, i) ?? builder);
        }).ToArray();
        await portal.GivenCustomersAsync(customers);
    }

    /// <summary>
    /// <paramref name="count"/> customers 9 days overdue in a time zone where it is day now, so that the
    /// contact hours let their messages leave whenever the test runs: <paramref name="prefix"/>000001, …
    /// with the mobile numbers +86139 followed by the number (8 digits). Stored a few thousand at a time.
    /// </summary>
    public static async Task GivenCustomersInDaylightAsync(this PortalDatabase portal, string prefix, int count)
    {
        var today = portal.Service<BusinessClock>().Today();
        var zone = DaylightZone.At(DateTimeOffset.UtcNow);
        foreach (var chunk in Enumerable.Range(1, count).Chunk(2_000))
        {
            await portal.GivenCustomersAsync(chunk.Select(i => (CustomerDetails)CustomerBuilder.ACustomer($"{prefix}{i:D6}")
                .DueOn(today.AddDays(-9)).WithPhone($"+86139{i:D8}").InZone(zone)).ToArray());
        }
    }

    public static CampaignPlan PlanFor(params CampaignSegmentPlan[] segments) => new()
    {
        Name = "十一月提醒",
        Segments = segments,
        Schedule = CampaignSchedule.Once(new DateTime(2026, 11, 24, 10, 0, 0)),
        Window = SendWindow.ContactHours,
        ThroughputPerSecond = 1000,
        EndDate = PortalDatabase.Today.AddDays(7),
    };

    /// <summary>
    /// A one-off plan over <paramref name="ready"/>'s standard template, due this minute (business time)
    /// and sending until tomorrow ends: for tests that run the portal process on the real clock.
    /// </summary>
    public static CampaignPlan PlanDueNow(BusinessClock clock, ReadySegment ready, int throughputPerSecond)
    {
        var now = clock.ToBusinessTime(clock.UtcNow()).DateTime;
        return PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)) with
        {
            Schedule = CampaignSchedule.Once(new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0)),
            ThroughputPerSecond = throughputPerSecond,
            EndDate = clock.Today().AddDays(1),
        };
    }

    /// <summary>A campaign built by the author and approved by the approver: ready to run.</summary>
    public static async Task<Campaign> GivenActiveCampaignAsync(this PortalDatabase portal, CampaignPlan plan)
    {
        var desk = portal.Service<CampaignDesk>();
        var campaign = await desk.CreateAsync(plan, StudioSetup.Author);
        await desk.SubmitAsync(campaign.Id, StudioSetup.Author);
        return await desk.ApproveAsync(campaign.Id, StudioSetup.Approver, "同意");
    }

    /// <summary>Opens a run for the campaign now, plans it and dispatches until nothing is due.</summary>
    public static async Task<(CampaignRun Run, DispatchOutcome Outcome)> RunNowAsync(this PortalDatabase portal, long campaignId)
    {
        var run = await portal.Service<RunPlanner>().OpenRunAsync(campaignId, portal.Clock.Now, null)
            ?? throw new InvalidOperationException("The campaign may not run.");
        await portal.Service<RunPlanner>().PlanAsync(run.Id);
        var outcome = await portal.Service<OutboxDispatcher>().DispatchAsync(run.Id);
        return (run, outcome);
    }

    public static Task<List<OutboxMessage>> MessagesAsync(this PortalDatabase portal, long runId) =>
        portal.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RunId == runId).OrderBy(m => m.Id).ToListAsync());
}
