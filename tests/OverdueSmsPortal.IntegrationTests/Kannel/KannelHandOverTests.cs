using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>
/// A sendsms request whose answer never comes (smsbox stopped while it was in flight) may have been
/// queued by Kannel, which does not recognise repeats: it is never handed over again, not even by the
/// HTTP client on its own, and the message waits for the delivery report that says what became of it.
/// </summary>
public sealed class KannelHandOverTests : IAsyncLifetime
{
    private PortalDatabase portal = null!;

    public async Task InitializeAsync()
    {
        portal = await PortalDatabase.MigratedAsync();
        await portal.SeedLadderAndWordListsAsync();
        portal.Clock.Run();
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task A_sendsms_whose_answer_is_cut_off_is_not_sent_to_Kannel_again()
    {
        await using var smsbox = new VanishingSmsbox(dropRequest: 2);
        await smsbox.UseForAsync(portal);
        var gateway = portal.Service<ISmsGateway>();

        // The first hand-over leaves a kept-alive connection, which the second one finds in the pool.
        await gateway.SendAsync(new SmsRequest(1, "+8613900000001", "您好"), CancellationToken.None);
        var lost = await Assert.ThrowsAsync<SmsGatewayException>(() =>
            gateway.SendAsync(new SmsRequest(2, "+8613900000002", "您好"), CancellationToken.None));

        Assert.Equal((FailureReasons.InDoubt, false), (lost.Reason, lost.IsTransient));
        Assert.Equal(2, smsbox.Requests.Count);
    }

    [Fact]
    public async Task A_message_whose_answer_was_lost_counts_as_sent_and_its_delivery_report_settles_it()
    {
        await using var smsbox = new VanishingSmsbox(dropRequest: 1);
        await smsbox.UseForAsync(portal);
        var ready = await portal.GivenReadySegmentAsync();
        await portal.GivenOverdueCustomersAsync(1);
        var campaign = await portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));

        var (run, outcome) = await portal.RunNowAsync(campaign.Id);

        var message = Assert.Single(await portal.MessagesAsync(run.Id));
        Assert.Single(smsbox.Requests);
        Assert.Equal((MessageStatus.Sent, FailureReasons.InDoubt, DispatchState.Finished), (message.Status, message.FailureReason, outcome.State));
        Assert.Single(smsbox.Requests);
        // Kannel had queued it after all: its report arrives and the message is delivered.
        await portal.Service<DeliveryReportIntake>().ApplyAsync(message.Id, DeliveryStatus.Delivered, null, "DELIVRD");
        var settled = Assert.Single(await portal.MessagesAsync(run.Id));
        Assert.Equal((MessageStatus.Delivered, (string?)null), (settled.Status, settled.FailureReason));
    }
}
