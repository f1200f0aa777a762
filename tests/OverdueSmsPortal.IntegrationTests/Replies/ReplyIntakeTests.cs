using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Replies;

public sealed class ReplyIntakeTests : SentMessagesTest
{
    private Task<ReplyReceipt> ReceiveAsync(string from, string text, string? gatewayId = null) =>
        Portal.Service<ReplyIntake>().ReceiveAsync(new InboundSms(from, "10690000", text, "kannel", gatewayId));

    [Fact]
    public async Task An_opt_out_in_the_national_form_is_matched_to_the_customer_and_their_last_message_and_takes_effect_at_once()
    {
        var receipt = await ReceiveAsync("13900000002", "退订");

        var message = SentTo(2);
        Assert.Equal((message.CustomerId, message.Id), (receipt.CustomerId, receipt.MessageId));
        Assert.Equal(ReplyCategory.OptOut, receipt.Category);
        Assert.True(receipt.OptedOut);
        var customer = await Portal.CustomerAsync("CC0002");
        Assert.NotNull(customer!.OptedOutAt);
        Assert.NotNull(customer.LastRepliedAt);
        var audited = await Portal.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == "CC0002" && a.Action == "OptedOut"));
        Assert.True(audited);
    }

    [Fact]
    public async Task A_reply_from_a_number_no_customer_has_is_kept_unmatched()
    {
        var receipt = await ReceiveAsync("+8613700000000", "你们是谁？");

        Assert.Null(receipt.CustomerId);
        Assert.Null(receipt.MessageId);
        var stored = await Portal.QueryAsync(db => db.InboundReplies.AsNoTracking().SingleAsync(r => r.Id == receipt.ReplyId));
        Assert.Equal(("+8613700000000", "你们是谁？", ReplyCategory.Question), (stored.Phone, stored.Text, stored.Category));
        Assert.False(stored.OptedOut);
    }

    [Fact]
    public async Task A_reply_from_something_that_is_no_phone_number_is_kept_as_it_came()
    {
        var receipt = await ReceiveAsync("ABC-123", "hello");

        var stored = await Portal.QueryAsync(db => db.InboundReplies.AsNoTracking().SingleAsync(r => r.Id == receipt.ReplyId));
        Assert.Equal("ABC-123", stored.Phone);
        Assert.Null(stored.CustomerId);
    }

    [Fact]
    public async Task An_opt_out_from_an_unknown_number_opts_nobody_out()
    {
        var receipt = await ReceiveAsync("+8613700000000", "TD");

        Assert.Equal(ReplyCategory.OptOut, receipt.Category);
        Assert.False(receipt.OptedOut);
        Assert.Equal(0, await Portal.QueryAsync(db => db.Customers.CountAsync(c => c.OptedOutAt != null)));
    }

    [Fact]
    public async Task A_reply_the_gateway_hands_over_twice_is_stored_once()
    {
        var first = await ReceiveAsync("13900000001", "明天还", gatewayId: "b4304d7c");
        var second = await ReceiveAsync("13900000001", "明天还", gatewayId: "b4304d7c");

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.ReplyId, second.ReplyId);
        Assert.Equal(1, await Portal.QueryAsync(db => db.InboundReplies.CountAsync()));
    }

    [Fact]
    public async Task The_same_text_twice_without_a_gateway_id_is_two_replies()
    {
        await ReceiveAsync("13900000001", "？");
        await ReceiveAsync("13900000001", "？");

        Assert.Equal(2, await Portal.QueryAsync(db => db.InboundReplies.CountAsync()));
    }

    [Fact]
    public async Task A_complaint_opens_a_complaint_record_linked_to_the_message_and_holds_the_customer()
    {
        var receipt = await ReceiveAsync("13900000003", "再发我就投诉你们");

        Assert.Equal(ReplyCategory.Complaint, receipt.Category);
        var complaint = await Portal.QueryAsync(db => db.Complaints.AsNoTracking().SingleAsync());
        Assert.Equal(receipt.ComplaintId, complaint.Id);
        Assert.Equal((SentTo(3).CustomerId, SentTo(3).Id, receipt.ReplyId), (complaint.CustomerId, complaint.MessageId, complaint.ReplyId));
        Assert.Equal((ComplaintSource.Reply, ComplaintStatus.Open, true), (complaint.Source, complaint.Status, complaint.HoldsCustomer));
        Assert.Equal(CustomerHold.Complaint, (await Portal.CustomerAsync("CC0003"))!.Hold);
    }

    [Theory]
    [InlineData("再发我就投诉到银保监")]
    [InlineData("我要打12378")]
    [InlineData("再催我就报警")]
    public async Task A_regulator_threat_opens_a_high_severity_complaint_that_holds_the_customer(string text)
    {
        var receipt = await ReceiveAsync("13900000003", text);

        var complaint = await Portal.QueryAsync(db => db.Complaints.AsNoTracking().SingleAsync());
        Assert.Equal((ComplaintSource.RegulatorThreat, ComplaintSeverity.High, true), (complaint.Source, complaint.Severity, complaint.HoldsCustomer));
        Assert.Equal(receipt.ComplaintId, complaint.Id);
        Assert.Equal(CustomerHold.Complaint, (await Portal.CustomerAsync("CC0003"))!.Hold);
    }

    [Fact]
    public async Task An_ordinary_reply_complaint_keeps_medium_severity()
    {
        await ReceiveAsync("13900000003", "我要投诉");

        var complaint = await Portal.QueryAsync(db => db.Complaints.AsNoTracking().SingleAsync());
        Assert.Equal((ComplaintSource.Reply, ComplaintSeverity.Medium), (complaint.Source, complaint.Severity));
    }

    [Fact]
    public async Task A_payment_of_315_yuan_is_no_complaint_and_holds_nobody()
    {
        var receipt = await ReceiveAsync("13900000002", "已还315元");

        Assert.Equal(ReplyCategory.AlreadyPaid, receipt.Category);
        Assert.Null(receipt.ComplaintId);
        Assert.Equal(CustomerHold.None, (await Portal.CustomerAsync("CC0002"))!.Hold);
    }

    [Fact]
    public async Task A_wrong_number_stops_the_number_at_once_and_is_audited()
    {
        var receipt = await ReceiveAsync("13900000002", "不是本人，你们打错了");

        Assert.Equal(ReplyCategory.WrongNumber, receipt.Category);
        var customer = await Portal.CustomerAsync("CC0002");
        Assert.NotNull(customer!.WrongNumberSince);
        var audit = await Portal.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityId == "CC0002" && a.Action == "WrongNumberMarked"));
        Assert.Contains(receipt.ReplyId.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.After);
    }

    [Fact]
    public async Task A_wrong_number_is_not_the_customers_answer()
    {
        await ReceiveAsync("13900000002", "打错了");

        var customer = await Portal.CustomerAsync("CC0002");
        Assert.Null(customer!.LastRepliedAt);
        Assert.Null(customer.PromisedToPayAt);
    }

    [Fact]
    public async Task A_refusal_is_the_customers_answer_but_no_promise()
    {
        var receipt = await ReceiveAsync("13900000001", "我不会还的");

        Assert.Equal(ReplyCategory.Other, receipt.Category);
        var customer = await Portal.CustomerAsync("CC0001");
        Assert.NotNull(customer!.LastRepliedAt);
        Assert.Null(customer.PromisedToPayAt);
    }

    [Theory]
    [InlineData("明天一定还")]
    [InlineData("已经还了")]
    public async Task A_promise_or_a_payment_said_made_lengthens_the_wait_before_the_next_reminder(string text)
    {
        await ReceiveAsync("13900000001", text);

        Assert.NotNull((await Portal.CustomerAsync("CC0001"))!.PromisedToPayAt);
    }

    [Fact]
    public async Task A_reply_uses_the_rules_as_the_admin_left_them()
    {
        await Portal.Service<ReplyRuleStore>().AddAsync(ReplyCategory.PromiseToPay, "下个月", ReplyMatch.Contains, CampaignSetup.Operator);

        var receipt = await ReceiveAsync("13900000001", "下个月处理");

        Assert.Equal(ReplyCategory.PromiseToPay, receipt.Category);
    }

    [Fact]
    public async Task A_very_long_reply_is_cut_to_its_column_not_refused()
    {
        var receipt = await ReceiveAsync("13900000001", new string('还', 5000));

        var stored = await Portal.QueryAsync(db => db.InboundReplies.AsNoTracking().SingleAsync(r => r.Id == receipt.ReplyId));
        Assert.Equal(InboundReply.MaxTextLength, stored.Text.Length);
    }
}
