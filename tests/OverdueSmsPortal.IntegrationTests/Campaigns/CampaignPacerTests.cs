using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// The throughput cap holds for the campaign as a whole: every node draws its turns from one schedule
/// in the database (on either store; on PostgreSQL the row lock orders the nodes).
/// </summary>
public sealed class CampaignPacerTests : DatabaseTest
{
    private const long Campaign = 7;
    private const int PerSecond = 1000;
    private static readonly long Interval = TimeSpan.TicksPerSecond / PerSecond;

    [Fact]
    public async Task Two_nodes_taking_turns_at_the_same_time_never_share_or_skip_one()
    {
        await using var second = PortalDatabase.Reopen(Portal);
        var pacers = new[] { Portal.Services.GetRequiredService<CampaignPacer>(), second.Services.GetRequiredService<CampaignPacer>() };
        var now = Portal.Clock.Now.UtcTicks;

        var taken = await Task.WhenAll(pacers.Select(pacer => Task.Run(async () =>
        {
            var starts = new List<long>();
            for (var i = 0; i < 100; i++)
            {
                starts.Add(await pacer.ReserveAsync(Campaign, 10, Interval, now, CancellationToken.None));
            }
            return starts;
        })));

        var blocks = taken.SelectMany(starts => starts).Order().ToList();
        Assert.Equal(200, blocks.Count);
        Assert.Equal(now, blocks[0]);
        // Each block of ten turns starts where the one before it ends.
        Assert.All(blocks.Zip(blocks.Skip(1)), pair => Assert.Equal(10 * Interval, pair.Second - pair.First));
        Assert.Equal(now + 200 * 10 * Interval, await NextTurnAsync(Campaign));
    }

    [Fact]
    public async Task A_schedule_that_fell_behind_starts_again_now_and_one_ahead_goes_on_where_it_is()
    {
        var pacer = Portal.Services.GetRequiredService<CampaignPacer>();
        var now = Portal.Clock.Now.UtcTicks;
        await pacer.ReserveAsync(Campaign, 50, Interval, now, CancellationToken.None);

        Assert.Equal(now + 50 * Interval, await pacer.ReserveAsync(Campaign, 50, Interval, now + 10 * Interval, CancellationToken.None));
        var later = now + TimeSpan.TicksPerMinute;
        Assert.Equal(later, await pacer.ReserveAsync(Campaign, 50, Interval, later, CancellationToken.None));
    }

    [Fact]
    public async Task Turns_a_node_held_past_their_time_are_dropped_not_used_late()
    {
        var pacer = Portal.Services.GetRequiredService<CampaignPacer>();
        var start = Portal.Clock.Now.UtcTicks;
        await pacer.WaitTurnAsync(Campaign, PerSecond, CancellationToken.None);
        Assert.Equal(start + 100 * Interval, await NextTurnAsync(Campaign));

        // A second later the 99 turns the node still held are all past: it takes a new block from now.
        Portal.Clock.Advance(TimeSpan.FromSeconds(1));
        await pacer.WaitTurnAsync(Campaign, PerSecond, CancellationToken.None);

        Assert.Equal(Portal.Clock.Now.UtcTicks + 100 * Interval, await NextTurnAsync(Campaign));
    }

    [Fact]
    public async Task Each_campaign_and_the_gateway_have_a_schedule_of_their_own()
    {
        var pacer = Portal.Services.GetRequiredService<CampaignPacer>();
        var now = Portal.Clock.Now.UtcTicks;

        await pacer.ReserveAsync(Campaign, 20, Interval, now, CancellationToken.None);
        await pacer.ReserveAsync(CampaignPacer.GatewayPace, 5, Interval, now, CancellationToken.None);

        Assert.Equal(now + 20 * Interval, await NextTurnAsync(Campaign));
        Assert.Equal(now + 5 * Interval, await NextTurnAsync(CampaignPacer.GatewayPace));
    }

    private Task<long> NextTurnAsync(long key) =>
        Portal.QueryAsync(db => db.PaceTurns.AsNoTracking().Where(t => t.Key == key).Select(t => t.NextTicks).SingleAsync());
}
