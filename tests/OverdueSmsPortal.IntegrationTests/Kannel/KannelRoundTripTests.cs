using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.IntegrationTests.Support;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Kannel.KannelPortal;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>
/// The whole path through a real Kannel: the portal process sends a Chinese campaign through smsbox,
/// the fake SMSC's phones get every text once and intact, Kannel's delivery reports mark the messages
/// delivered, and customers' replies typed on the phones come back, opt the customer out or open a
/// complaint, which the next campaign's run then respects.
/// </summary>
[Collection(KannelCollection.Name)]
public sealed class KannelRoundTripTests(ITestOutputHelper output)
{
    private const int Customers = 30;
    private const int Newcomers = 10;

    [Fact]
    public async Task Messages_reach_each_phone_once_come_back_delivered_and_replies_opt_out_or_complain_for_the_next_run()
    {
        await using var kannel = await PrepareAsync(output, throughputPerSecond: 100);
        await kannel.RunAsync(async () =>
        {
            var db = kannel.Database;
            var shanghai = await db.GivenReadySegmentAsync("上海逾期8–15天客户", rules => rules.Regions = ["上海"]);
            var everyone = await db.GivenReadySegmentAsync("全国逾期8–15天客户");
            var first = await kannel.GivenCustomersAsync("SH", Customers, "上海", firstNumber: 1);
            var newcomers = await kannel.GivenCustomersAsync("BJ", Newcomers, "北京", firstNumber: 501);
            var december = await kannel.GivenCampaignDueNowAsync(shanghai, "上海十二月提醒", throughputPerSecond: 100);

            await kannel.Portal.StartAsync();

            var sent = await kannel.WaitForMessagesAsync("every message delivered", december.Id,
                messages => messages.Count == Customers && messages.All(m => m.Status == MessageStatus.Delivered));
            var phones = await kannel.WaitForPhonesAsync(Customers);
            AssertEachPhoneGotItsTextOnce(first, sent, phones);
            Assert.All(sent, m => Assert.Contains(first.Single(c => c.Id == m.CustomerId).Name, m.Body));
            // Each delivery report was recorded once per state; every message has its "delivered" one.
            var reported = await db.QueryAsync(q => q.DeliveryEvents.AsNoTracking()
                .Where(e => e.Status == DeliveryStatus.Delivered).Select(e => e.MessageId).ToListAsync());
            Assert.Equal(sent.Select(m => m.Id).Order(), reported.Order());
            Assert.All(sent, m => Assert.NotNull(m.DeliveredAt));

            // 退订 from the phone, in the national form a handset sends.
            var quitter = first[0];
            await kannel.Kannel.SendReplyAsync(National(quitter.Phone), SenderId, "退订");
            var optOut = await kannel.WaitAsync("the opt-out stored", q => q.InboundReplies.AsNoTracking().SingleOrDefaultAsync(),
                reply => reply is not null);
            Assert.Equal((quitter.Id, sent.Single(m => m.CustomerId == quitter.Id).Id, ReplyCategory.OptOut, true, "退订", "kannel"),
                (optOut!.CustomerId, optOut.MessageId, optOut.Category, optOut.OptedOut, optOut.Text, optOut.Source));
            Assert.NotNull((await db.CustomerAsync(quitter.AccountRef))!.OptedOutAt);

            var complainer = first[1];
            await kannel.Kannel.SendReplyAsync(National(complainer.Phone), SenderId, "投诉");
            var complaint = await kannel.WaitAsync("the complaint opened", q => q.Complaints.AsNoTracking().SingleOrDefaultAsync(),
                opened => opened is not null);
            var complaintReply = await db.QueryAsync(q => q.InboundReplies.AsNoTracking().SingleAsync(r => r.Text == "投诉"));
            Assert.Equal((complainer.Id, sent.Single(m => m.CustomerId == complainer.Id).Id, complaintReply.Id, ReplyCategory.Complaint),
                (complaint!.CustomerId, complaint.MessageId, complaint.ReplyId, complaintReply.Category));
            Assert.Equal(CustomerHold.Complaint, (await db.CustomerAsync(complainer.AccountRef))!.Hold);

            // A second campaign over everyone, approved while the portal is stopped; it runs when the portal starts.
            kannel.Portal.Kill();
            var nationwide = await kannel.GivenCampaignDueNowAsync(everyone, "全国十二月提醒", throughputPerSecond: 100);
            await kannel.Portal.StartAsync();

            var second = await kannel.WaitForMessagesAsync("the second run final", nationwide.Id, messages =>
                messages.Count == Customers + Newcomers && messages.All(m => m.Status is MessageStatus.Delivered or MessageStatus.Suppressed));
            var outcome = second.ToDictionary(m => m.CustomerId, m => (m.Status, m.SuppressionReason));
            Assert.Equal((MessageStatus.Suppressed, SuppressionReason.OptedOut), outcome[quitter.Id]);
            Assert.Equal((MessageStatus.Suppressed, SuppressionReason.ComplaintHold), outcome[complainer.Id]);
            // The others of the first run had a message days ago at most: the 7-day interval holds them.
            Assert.All(first.Skip(2), c => Assert.Equal((MessageStatus.Suppressed, SuppressionReason.MinInterval), outcome[c.Id]));
            Assert.All(newcomers, c => Assert.Equal((MessageStatus.Delivered, (SuppressionReason?)null), outcome[c.Id]));

            var allPhones = await kannel.WaitForPhonesAsync(Customers + Newcomers);
            AssertEachPhoneGotItsTextOnce([.. first, .. newcomers], [.. sent, .. second.Where(m => m.Status == MessageStatus.Delivered)], allPhones);
        });
    }
}
