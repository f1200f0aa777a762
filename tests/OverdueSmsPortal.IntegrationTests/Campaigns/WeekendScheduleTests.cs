using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Jobs;
using OverdueSmsPortal.IntegrationTests.Support;
using Quartz;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// A daily campaign with a weekend time on the real Quartz scheduler: a trigger for workdays and one for
/// weekends, in the business time zone (Asia/Shanghai, UTC+8). The clock is fixed in the future, because
/// Quartz decides by the machine's clock whether a trigger may still fire.
/// </summary>
public sealed class WeekendScheduleTests : IAsyncLifetime
{
    // Saturday 2030-01-05, 08:00 in Shanghai.
    private static readonly DateTimeOffset SaturdayMorning = new(2030, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private PortalDatabase portal = null!;
    private ReadySegment ready = null!;

    public async Task InitializeAsync()
    {
        portal = await PortalDatabase.MigratedAsync(now: SaturdayMorning);
        await portal.SeedLadderAndWordListsAsync();
        ready = await portal.GivenReadySegmentAsync();
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private CampaignScheduler Scheduler => portal.Service<CampaignScheduler>();

    private CampaignPlan Plan(DateOnly endDate) => PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)) with
    {
        Schedule = CampaignSchedule.Recommended,
        Window = SendWindow.Recommended,
        EndDate = endDate,
    };

    private static DateTimeOffset Utc(int day, int hour) => new(2030, 1, day, hour, 0, 0, TimeSpan.Zero);

    private async Task<IReadOnlyCollection<ITrigger>> TriggersAsync(long campaignId)
    {
        var scheduler = await portal.Service<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetTriggersOfJob(CampaignScheduler.CampaignJob(campaignId));
    }

    [Fact]
    public void The_next_firings_list_weekend_mornings_and_workday_evenings_in_order()
    {
        var plan = Plan(new DateOnly(2030, 1, 31));
        var firings = Scheduler.NextFirings(plan.Schedule, plan.EndDate, SaturdayMorning, 4);
        // Saturday and Sunday 10:00, Monday and Tuesday 19:00 in Shanghai.
        Assert.Equal([Utc(5, 2), Utc(6, 2), Utc(7, 11), Utc(8, 11)], firings);
    }

    [Fact]
    public async Task An_approved_campaign_has_a_workday_trigger_and_a_weekend_trigger_at_their_own_times()
    {
        var campaign = await portal.GivenActiveCampaignAsync(Plan(new DateOnly(2030, 1, 31)));

        var triggers = await TriggersAsync(campaign.Id);

        Assert.Equal(2, triggers.Count);
        var next = triggers.ToDictionary(t => t.Key.Name, t => t.NextFireTimeUtc);
        Assert.Equal(Utc(7, 11), next[CampaignScheduler.CampaignJob(campaign.Id).Name]);
        Assert.Equal(Utc(5, 2), next[$"{CampaignScheduler.CampaignJob(campaign.Id).Name}-weekend"]);
        var weekend = triggers.Single(t => t.Key.Name.EndsWith("-weekend", StringComparison.Ordinal));
        Assert.Equal(Utc(6, 2), weekend.GetFireTimeAfter(Utc(5, 2)));
        Assert.Equal(Utc(12, 2), weekend.GetFireTimeAfter(Utc(6, 2)));
    }

    [Fact]
    public async Task A_campaign_ending_before_its_first_weekend_still_gets_its_workday_trigger()
    {
        // Monday 2030-01-07 08:00 in Shanghai; the campaign ends on Wednesday: its weekend trigger could never fire.
        portal.Clock.Advance(TimeSpan.FromDays(2));
        var campaign = await portal.GivenActiveCampaignAsync(Plan(new DateOnly(2030, 1, 9)));

        var trigger = Assert.Single(await TriggersAsync(campaign.Id));

        Assert.Equal(CampaignScheduler.CampaignJob(campaign.Id).Name, trigger.Key.Name);
        Assert.Equal(Utc(7, 11), trigger.NextFireTimeUtc);
    }

    [Fact]
    public async Task A_daily_campaign_without_a_weekend_time_keeps_its_one_trigger()
    {
        var campaign = await portal.GivenActiveCampaignAsync(Plan(new DateOnly(2030, 1, 31)) with
        {
            Schedule = CampaignSchedule.Daily(new TimeOnly(19, 0)),
        });

        var trigger = Assert.Single(await TriggersAsync(campaign.Id));

        Assert.Equal(Utc(5, 11), trigger.NextFireTimeUtc);
    }

    [Fact]
    public async Task A_firing_delivered_late_names_the_workday_or_weekend_firing_it_belongs_to()
    {
        var campaign = await portal.GivenActiveCampaignAsync(Plan(new DateOnly(2030, 1, 31)));

        Assert.Equal(Utc(5, 2), Scheduler.FiringOf(campaign, Utc(5, 2).AddMinutes(7)));
        Assert.Equal(Utc(7, 11), Scheduler.FiringOf(campaign, Utc(7, 11).AddMinutes(7)));
        // Monday 08:00 in Shanghai: the last firing was Sunday's 10:00, not Friday's 19:00.
        Assert.Equal(Utc(6, 2), Scheduler.FiringOf(campaign, Utc(7, 0)));
    }
}
