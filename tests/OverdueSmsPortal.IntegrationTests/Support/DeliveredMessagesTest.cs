using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// Tests of what follows a delivery: the three sent messages reached their phones at
/// <see cref="DeliveredAt"/>, and the clock then moved on ten days, as a lender reports payments later.
/// </summary>
public abstract class DeliveredMessagesTest : SentMessagesTest
{
    protected DateTimeOffset DeliveredAt { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DeliveredAt = Portal.Clock.Now;
        foreach (var message in Sent)
        {
            await Portal.Service<DeliveryReportIntake>().ApplyAsync(message.Id, DeliveryStatus.Delivered, DeliveredAt, null);
        }
        Portal.Clock.Advance(TimeSpan.FromDays(10));
    }
}
