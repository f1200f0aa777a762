using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// A version that passes the render limits can only be approved from before the limits existed (the
/// review refuses it now); a run over it must still end, with each message kept out for a reason.
/// </summary>
public sealed class RunPlannerRenderLimitTests : DatabaseTest
{
    private ReadySegment ready = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        ready = await Portal.GivenReadySegmentAsync();
    }

    [Fact]
    public async Task A_run_of_an_approved_version_that_amplifies_itself_keeps_each_message_out_as_render_failed_and_ends()
    {
        await Portal.GivenOverdueCustomersAsync(3);
        var plan = PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id));
        var campaign = await Portal.GivenActiveCampaignAsync(plan);
        await Portal.QueryAsync(db => db.TemplateVersions.Where(v => v.Id == ready.Standard.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.Body, TemplateAttacks.AppendDoubling)));
        var forecastClock = Stopwatch.StartNew();
        var forecast = await Portal.Service<CampaignForecast>().ForPlanAsync(plan, campaign.Id);
        var forecastTook = forecastClock.Elapsed;

        var (run, outcome) = await Portal.RunNowAsync(campaign.Id);

        Assert.Equal((0, 3), (forecast.Eligible, forecast.Suppressed.GetValueOrDefault(SuppressionReason.RenderFailed)));
        Assert.True(forecastTook < TimeSpan.FromSeconds(10), $"the forecast took {forecastTook}");
        Assert.Equal(DispatchState.Finished, outcome.State);
        var messages = await Portal.MessagesAsync(run.Id);
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal(SuppressionReason.RenderFailed, m.SuppressionReason));
        Assert.Empty(await Portal.QueryAsync(db => db.DevelopmentGatewayMessages.ToListAsync()));
    }
}
