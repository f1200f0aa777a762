using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Replies;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// Tests that start from messages that left: three customers (CC0001…, +8613900000001…) got one
/// message each from a campaign run through the development gateway, and the reply rules are seeded.
/// </summary>
public abstract class SentMessagesTest : IAsyncLifetime
{
    protected PortalDatabase Portal { get; private set; } = null!;
    protected List<OutboxMessage> Sent { get; private set; } = [];

    public virtual async Task InitializeAsync()
    {
        Portal = await PortalDatabase.MigratedAsync();
        await Portal.SeedLadderAndWordListsAsync();
        await Portal.Service<ReplyRuleStore>().SeedAsync();
        var ready = await Portal.GivenReadySegmentAsync();
        await Portal.GivenOverdueCustomersAsync(3);
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));
        var (run, _) = await Portal.RunNowAsync(campaign.Id);
        Sent = await Portal.MessagesAsync(run.Id);
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    protected OutboxMessage SentTo(int customer) => Sent.Single(m => m.Phone == $"+86139{customer:D8}");

    protected Task<OutboxMessage> MessageAsync(long id) =>
        Portal.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
}
