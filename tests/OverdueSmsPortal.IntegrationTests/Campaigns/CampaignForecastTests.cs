using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>The forecast counts what a run fired now would do, and writes nothing.</summary>
public sealed class CampaignForecastTests : DatabaseTest
{
    private ReadySegment ready = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        ready = await Portal.GivenReadySegmentAsync();
    }

    [Fact]
    public async Task The_forecast_counts_eligible_customers_and_suppressions_by_reason()
    {
        await Portal.GivenOverdueCustomersAsync(8, shape: (c, i) => i switch
        {
            3 => c.Owing(0),
            4 => c.InZone("America/New_York"),
            _ => c,
        });
        await Portal.QueryAsync(async db =>
        {
            var customers = await db.Customers.OrderBy(c => c.AccountRef).ToListAsync();
            customers[0].OptOut(Portal.Clock.Now);
            customers[1].PlaceOnHold(CustomerHold.Complaint, Portal.Clock.Now);
            db.EscalationEntries.Add(new EscalationEntry(customers[4].Id, null, 3, Portal.Clock.Now));
            await db.SaveChangesAsync();
        });
        var plan = PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id));

        var forecast = await Portal.Service<CampaignForecast>().ForPlanAsync(plan, 0);

        // The customer on the phone list still gets the ladder's texts: the call is an added channel.
        Assert.Equal(5, forecast.Eligible);
        Assert.Equal(new Dictionary<SuppressionReason, int>
        {
            [SuppressionReason.OptedOut] = 1,
            [SuppressionReason.ComplaintHold] = 1,
            [SuppressionReason.Repaid] = 1,
        }, forecast.Suppressed);
        Assert.Equal(1, forecast.WaitingForWindow);
        Assert.Equal(0, await Portal.QueryAsync(db => db.OutboxMessages.CountAsync()));

        await Portal.Service<Infrastructure.Settings.SendPolicyStore>().SaveAsync(PolicySettings.Default with { PauseSmsWhileEscalated = true },
            Operator);
        var paused = await Portal.Service<CampaignForecast>().ForPlanAsync(plan, 0);
        Assert.Equal(4, paused.Eligible);
        Assert.Equal(1, paused.Suppressed[SuppressionReason.Escalated]);
    }

    [Fact]
    public async Task A_customer_in_two_segments_is_counted_once_in_the_first()
    {
        await Portal.GivenOverdueCustomersAsync(3);
        var second = await Portal.GivenReadySegmentAsync("广东逾期客户", rules => rules.Regions = ["广东"]);
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor(
            new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id),
            new CampaignSegmentPlan(second.Segment.Id, second.Standard.Id)));

        var forecast = (await Portal.Service<CampaignForecast>().ForCampaignAsync(campaign.Id))!;

        Assert.Equal(3, forecast.Eligible);
        Assert.Equal([(ready.Segment.Id, 3), (second.Segment.Id, 0)], forecast.Segments.Select(s => (s.SegmentId, s.Eligible)));
    }

    [Fact]
    public async Task The_forecast_agrees_with_what_a_run_then_does()
    {
        await Portal.GivenOverdueCustomersAsync(30, shape: (c, i) => i % 5 == 0 ? c.Owing(0) : c);
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));
        var forecast = (await Portal.Service<CampaignForecast>().ForCampaignAsync(campaign.Id))!;

        var (run, _) = await Portal.RunNowAsync(campaign.Id);

        var messages = await Portal.MessagesAsync(run.Id);
        Assert.Equal(forecast.Eligible, messages.Count(m => m.Status == MessageStatus.Sent));
        Assert.Equal(forecast.Suppressed[SuppressionReason.Repaid], messages.Count(m => m.SuppressionReason == SuppressionReason.Repaid));
    }
}
