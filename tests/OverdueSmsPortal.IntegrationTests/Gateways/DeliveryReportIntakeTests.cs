using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Gateways;

public sealed class DeliveryReportIntakeTests : SentMessagesTest
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 24, 2, 0, 5, TimeSpan.Zero);

    private Task<DeliveryReportOutcome> ReportAsync(long id, DeliveryStatus status, string? detail = null) =>
        Portal.Service<DeliveryReportIntake>().ApplyAsync(id, status, ReportedAt, detail);

    [Fact]
    public async Task Delivered_marks_the_message_delivered_at_the_gateways_time_and_keeps_the_event()
    {
        var id = SentTo(1).Id;

        Assert.Equal(DeliveryReportOutcome.Applied, await ReportAsync(id, DeliveryStatus.Delivered, "id:1 stat:DELIVRD"));

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Delivered, DeliveryStatus.Delivered, ReportedAt), (message.Status, message.DeliveryStatus, message.DeliveredAt));
        var events = await Portal.QueryAsync(db => db.DeliveryEvents.AsNoTracking().Where(e => e.MessageId == id).ToListAsync());
        var delivered = Assert.Single(events);
        Assert.Equal(("id:1 stat:DELIVRD", ReportedAt), (delivered.Detail, delivered.ReportedAt));
    }

    [Fact]
    public async Task The_same_report_twice_changes_nothing_the_second_time()
    {
        var id = SentTo(1).Id;
        await ReportAsync(id, DeliveryStatus.Delivered);

        Assert.Equal(DeliveryReportOutcome.Duplicate, await ReportAsync(id, DeliveryStatus.Delivered));

        Assert.Equal(1, await Portal.QueryAsync(db => db.DeliveryEvents.CountAsync(e => e.MessageId == id)));
    }

    [Fact]
    public async Task Submitted_after_delivered_is_recorded_but_does_not_undo_the_delivery()
    {
        var id = SentTo(1).Id;
        await ReportAsync(id, DeliveryStatus.Delivered);

        Assert.Equal(DeliveryReportOutcome.Late, await ReportAsync(id, DeliveryStatus.Submitted));

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Delivered, DeliveryStatus.Delivered), (message.Status, message.DeliveryStatus));
        Assert.Equal(2, await Portal.QueryAsync(db => db.DeliveryEvents.CountAsync(e => e.MessageId == id)));
    }

    [Fact]
    public async Task Submitted_and_buffered_say_where_a_message_stands_and_keep_it_sent()
    {
        var id = SentTo(1).Id;

        await ReportAsync(id, DeliveryStatus.Submitted);
        await ReportAsync(id, DeliveryStatus.Buffered);

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Sent, DeliveryStatus.Buffered), (message.Status, message.DeliveryStatus));
        Assert.Null(message.FinishedAt);
    }

    [Theory]
    [InlineData(DeliveryStatus.Failed, FailureReasons.Undelivered)]
    [InlineData(DeliveryStatus.Rejected, FailureReasons.CarrierRejected)]
    public async Task A_negative_answer_fails_the_message_with_its_reason(DeliveryStatus status, string reason)
    {
        var id = SentTo(2).Id;

        await ReportAsync(id, status);

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Failed, reason), (message.Status, message.FailureReason));
    }

    [Fact]
    public async Task Failed_after_delivered_does_not_undo_the_delivery()
    {
        var id = SentTo(1).Id;
        await ReportAsync(id, DeliveryStatus.Delivered);

        await ReportAsync(id, DeliveryStatus.Failed);

        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(id)).Status);
    }

    [Fact]
    public async Task A_message_failed_as_in_doubt_is_corrected_by_its_report_because_it_did_leave()
    {
        var id = SentTo(1).Id;
        await Portal.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, MessageStatus.Failed).SetProperty(m => m.FailureReason, FailureReasons.InDoubt)));

        await ReportAsync(id, DeliveryStatus.Delivered);

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Delivered, null), (message.Status, message.FailureReason));
    }

    [Fact]
    public async Task A_report_for_no_message_is_answered_as_unknown_and_stores_nothing()
    {
        Assert.Equal(DeliveryReportOutcome.UnknownMessage, await ReportAsync(987654, DeliveryStatus.Delivered));

        Assert.Equal(0, await Portal.QueryAsync(db => db.DeliveryEvents.CountAsync()));
    }

    [Fact]
    public async Task A_report_that_overtakes_the_dispatchers_result_stays_and_the_result_still_records_the_gateway_id()
    {
        var id = SentTo(1).Id;
        await Portal.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, MessageStatus.Sending).SetProperty(m => m.GatewayMessageId, (string?)null)));

        await ReportAsync(id, DeliveryStatus.Delivered);
        await Portal.Service<OutboxWrites>().SaveResultsAsync([new SendResult(id, MessageStatus.Sent, "kannel:" + id)], CancellationToken.None);

        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Delivered, "kannel:" + id), (message.Status, message.GatewayMessageId));
    }

    [Fact]
    public async Task A_message_without_a_report_expires_after_the_timeout_and_a_late_report_still_delivers_it()
    {
        var id = SentTo(1).Id;
        Portal.Clock.Advance(TimeSpan.FromHours(73));

        var expired = await Portal.Service<OutboxWrites>().ExpireUnreportedAsync(TimeSpan.FromHours(72), CancellationToken.None);

        Assert.Equal(3, expired);
        var message = await MessageAsync(id);
        Assert.Equal((MessageStatus.Expired, FailureReasons.NoDeliveryReport), (message.Status, message.FailureReason));
        await ReportAsync(id, DeliveryStatus.Delivered);
        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(id)).Status);
    }

    [Fact]
    public async Task Messages_within_the_timeout_do_not_expire()
    {
        Portal.Clock.Advance(TimeSpan.FromHours(71));

        Assert.Equal(0, await Portal.Service<OutboxWrites>().ExpireUnreportedAsync(TimeSpan.FromHours(72), CancellationToken.None));
    }
}
