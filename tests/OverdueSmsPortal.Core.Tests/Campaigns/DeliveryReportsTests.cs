using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Core.Tests.Campaigns;

public class DeliveryReportsTests
{
    [Theory]
    [InlineData(DeliveryStatus.Delivered, MessageStatus.Delivered)]
    [InlineData(DeliveryStatus.Failed, MessageStatus.Failed)]
    [InlineData(DeliveryStatus.Rejected, MessageStatus.Failed)]
    [InlineData(DeliveryStatus.Submitted, MessageStatus.Sent)]
    [InlineData(DeliveryStatus.Buffered, MessageStatus.Sent)]
    public void Each_report_puts_the_message_in_its_state(DeliveryStatus report, MessageStatus expected)
    {
        Assert.Equal(expected, DeliveryReports.MessageStatusAfter(report));
    }

    [Theory]
    [InlineData(DeliveryStatus.Submitted)]
    [InlineData(DeliveryStatus.Buffered)]
    public void An_intermediate_report_never_moves_a_message_that_has_its_final_answer(DeliveryStatus report)
    {
        var from = DeliveryReports.MovesFrom(report);

        Assert.DoesNotContain(MessageStatus.Delivered, from);
        Assert.DoesNotContain(MessageStatus.Failed, from);
        Assert.DoesNotContain(MessageStatus.Expired, from);
    }

    [Theory]
    [InlineData(DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Failed)]
    [InlineData(DeliveryStatus.Rejected)]
    public void A_final_report_is_not_undone_by_another_but_still_corrects_an_expired_message(DeliveryStatus report)
    {
        var from = DeliveryReports.MovesFrom(report);

        Assert.DoesNotContain(MessageStatus.Delivered, from);
        Assert.DoesNotContain(MessageStatus.Failed, from);
        Assert.Contains(MessageStatus.Expired, from);
        Assert.Contains(MessageStatus.Sent, from);
        Assert.Contains(MessageStatus.Sending, from);
    }

    [Fact]
    public void No_report_moves_a_message_that_never_left()
    {
        foreach (var report in Enum.GetValues<DeliveryStatus>())
        {
            var from = DeliveryReports.MovesFrom(report);
            Assert.DoesNotContain(MessageStatus.Waiting, from);
            Assert.DoesNotContain(MessageStatus.Suppressed, from);
        }
    }

    [Fact]
    public void Negative_answers_give_their_reason()
    {
        Assert.Equal(FailureReasons.Undelivered, DeliveryReports.FailureReason(DeliveryStatus.Failed));
        Assert.Equal(FailureReasons.CarrierRejected, DeliveryReports.FailureReason(DeliveryStatus.Rejected));
        Assert.Null(DeliveryReports.FailureReason(DeliveryStatus.Delivered));
    }

    [Fact]
    public void Detail_is_cut_to_its_column()
    {
        var report = new DeliveryEvent(1, DeliveryStatus.Delivered, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new string('x', 500));

        Assert.Equal(DeliveryEvent.MaxDetailLength, report.Detail!.Length);
    }
}
