using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Replies;

public sealed class ReplyDeskTests : SentMessagesTest
{
    private ReplyDesk Desk => Portal.Service<ReplyDesk>();

    private Task<ReplyReceipt> ReceiveAsync(string from, string text) =>
        Portal.Service<ReplyIntake>().ReceiveAsync(new InboundSms(from, null, text, "kannel"));

    [Fact]
    public async Task An_operator_moving_a_reply_to_opt_out_opts_the_customer_out_and_it_is_audited()
    {
        var receipt = await ReceiveAsync("13900000001", "别烦我");

        await Desk.ReclassifyAsync(receipt.ReplyId, ReplyCategory.OptOut, CampaignSetup.Operator);

        Assert.NotNull((await Portal.CustomerAsync("CC0001"))!.OptedOutAt);
        var reply = await Portal.QueryAsync(db => db.InboundReplies.AsNoTracking().SingleAsync());
        Assert.Equal((ReplyCategory.OptOut, true, "operator"), (reply.Category, reply.OptedOut, reply.ClassifiedBy));
        Assert.True(await Portal.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Reclassified" && a.Actor == "operator")));
    }

    [Fact]
    public async Task Moving_a_reply_away_from_opt_out_keeps_the_opt_out_that_took_effect()
    {
        var receipt = await ReceiveAsync("13900000001", "TD");

        await Desk.ReclassifyAsync(receipt.ReplyId, ReplyCategory.Question, CampaignSetup.Operator);

        Assert.NotNull((await Portal.CustomerAsync("CC0001"))!.OptedOutAt);
        var reply = await Portal.QueryAsync(db => db.InboundReplies.AsNoTracking().SingleAsync());
        Assert.Equal((ReplyCategory.Question, true), (reply.Category, reply.OptedOut));
    }

    [Fact]
    public async Task Moving_a_reply_to_complaint_opens_one_complaint_however_often_it_is_moved()
    {
        var receipt = await ReceiveAsync("13900000001", "太过分了");

        await Desk.ReclassifyAsync(receipt.ReplyId, ReplyCategory.Complaint, CampaignSetup.Operator);
        await Desk.ReclassifyAsync(receipt.ReplyId, ReplyCategory.Other, CampaignSetup.Operator);
        await Desk.ReclassifyAsync(receipt.ReplyId, ReplyCategory.Complaint, CampaignSetup.Operator);

        Assert.Equal(1, await Portal.QueryAsync(db => db.Complaints.CountAsync()));
        Assert.Equal(CustomerHold.Complaint, (await Portal.CustomerAsync("CC0001"))!.Hold);
    }

    [Fact]
    public async Task The_list_filters_by_category_and_masks_for_roles_without_personal_data()
    {
        await ReceiveAsync("13900000001", "退订");
        await ReceiveAsync("13900000002", "明天还");
        await ReceiveAsync("+8613700000000", "谁");

        var optOuts = await Desk.FindAsync(new ReplyQuery { Category = ReplyCategory.OptOut }, seesPersonalData: false);
        var unmatched = await Desk.FindAsync(new ReplyQuery { Matched = false }, seesPersonalData: true);

        var row = Assert.Single(optOuts.Items);
        Assert.Equal(("139****0001", null, "王**"), (row.Phone, row.Text, row.CustomerName));
        Assert.NotNull(row.CampaignName);
        Assert.Equal("谁", Assert.Single(unmatched.Items).Text);
    }

    [Fact]
    public async Task The_list_finds_a_customers_replies_by_account_or_number()
    {
        await ReceiveAsync("13900000001", "退订");
        await ReceiveAsync("13900000002", "明天还");

        var byAccount = await Desk.FindAsync(new ReplyQuery { Search = "CC0002" }, seesPersonalData: true);
        var byPhone = await Desk.FindAsync(new ReplyQuery { Search = "139 0000 0001" }, seesPersonalData: true);

        Assert.Equal("明天还", Assert.Single(byAccount.Items).Text);
        Assert.Equal("退订", Assert.Single(byPhone.Items).Text);
    }

    [Fact]
    public async Task The_conversation_shows_the_message_then_the_reply_in_time_order()
    {
        Portal.Clock.Advance(TimeSpan.FromMinutes(5));
        await ReceiveAsync("13900000001", "明天还");

        var conversation = await Desk.ConversationAsync(SentTo(1).CustomerId, seesPersonalData: true);

        Assert.Equal([false, true], conversation!.Entries.Select(e => e.FromCustomer));
        Assert.Equal(SentTo(1).Body, conversation.Entries[0].Text);
        Assert.Equal(ReplyCategory.PromiseToPay, conversation.Entries[1].Category);
    }

    [Fact]
    public async Task Closing_the_complaint_of_a_reply_lifts_the_customers_complaint_hold()
    {
        var receipt = await ReceiveAsync("13900000001", "投诉");

        await Portal.Service<ComplaintDesk>().CloseAsync(receipt.ComplaintId!.Value, "已致电客户说明", CampaignSetup.Operator);

        Assert.Equal(CustomerHold.None, (await Portal.CustomerAsync("CC0001"))!.Hold);
        var complaint = await Portal.QueryAsync(db => db.Complaints.AsNoTracking().SingleAsync());
        Assert.Equal((ComplaintStatus.Closed, "operator"), (complaint.Status, complaint.ClosedBy));
    }

    [Fact]
    public async Task The_hold_stays_while_another_complaint_is_open()
    {
        var first = await ReceiveAsync("13900000001", "投诉");
        await ReceiveAsync("13900000001", "还要举报");

        await Portal.Service<ComplaintDesk>().CloseAsync(first.ComplaintId!.Value, "已致电客户说明", CampaignSetup.Operator);

        Assert.Equal(CustomerHold.Complaint, (await Portal.CustomerAsync("CC0001"))!.Hold);
    }

    [Fact]
    public async Task An_operator_moving_a_reply_to_wrong_number_stops_the_number()
    {
        var receipt = await ReceiveAsync("13900000001", "别烦我");

        await Desk.ReclassifyAsync(receipt.ReplyId, ReplyCategory.WrongNumber, CampaignSetup.Operator);

        Assert.NotNull((await Portal.CustomerAsync("CC0001"))!.WrongNumberSince);
        Assert.True(await Portal.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "WrongNumberMarked" && a.Actor == "operator")));
    }

    [Fact]
    public async Task A_wrong_number_moved_to_another_category_counts_as_the_customers_answer()
    {
        var receipt = await ReceiveAsync("13900000001", "打错了");
        Assert.Null((await Portal.CustomerAsync("CC0001"))!.LastRepliedAt);

        await Desk.ReclassifyAsync(receipt.ReplyId, ReplyCategory.Dispute, CampaignSetup.Operator);

        Assert.NotNull((await Portal.CustomerAsync("CC0001"))!.LastRepliedAt);
    }

    [Fact]
    public async Task An_operator_moving_a_regulator_threat_to_complaint_opens_a_high_severity_complaint()
    {
        var receipt = await ReceiveAsync("13900000001", "好的");
        await Portal.QueryAsync(async db => await db.InboundReplies.Where(r => r.Id == receipt.ReplyId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Text, "你们等着，我去银保监")));

        await Desk.ReclassifyAsync(receipt.ReplyId, ReplyCategory.Complaint, CampaignSetup.Operator);

        var complaint = await Portal.QueryAsync(db => db.Complaints.AsNoTracking().SingleAsync());
        Assert.Equal((ComplaintSource.RegulatorThreat, ComplaintSeverity.High), (complaint.Source, complaint.Severity));
    }
}
