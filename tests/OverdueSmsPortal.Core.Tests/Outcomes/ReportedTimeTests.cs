using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Tests.Outcomes;

/// <summary>
/// Times a lender's system reports (when a payment was made, when a complaint came in) at the edges of
/// the calendar: each is read without an exception and refused by the validators with a reason.
/// </summary>
public class ReportedTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static TheoryData<string> EdgeTimes => new()
    {
        "0001-01-01T00:00:00+09:00", // its UTC instant lies before the calendar's first
        "0001-01-01T00:00:00",       // the same in the business zone
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-09:00", // its UTC instant lies after the calendar's last
        "9999-12-31T23:59:59",
        "1999-12-31T23:59:59+08:00",
    };

    [Theory]
    [MemberData(nameof(EdgeTimes))]
    public void A_payment_time_at_the_edge_of_the_calendar_is_read_and_refused_with_a_reason(string text)
    {
        var paidAt = RepaymentRecord.ParsePaidAt(text, Shanghai);

        var errors = new RepaymentRecordValidator(Now).Validate(new RepaymentRecord("P1", "CC1", 10m, paidAt)).Errors;

        Assert.NotNull(paidAt);
        Assert.Contains(errors, e => e.ErrorCode is "repayment.paidAt.tooEarly" or "repayment.paidAt.future");
    }

    [Theory]
    [MemberData(nameof(EdgeTimes))]
    public void A_complaint_time_at_the_edge_of_the_calendar_is_read_and_refused_with_a_reason(string text)
    {
        var receivedAt = IsoInstant.Parse(text, Shanghai);
        var input = new ComplaintInput
        {
            AccountRef = "CC1", Category = ComplaintCategory.Tone, Severity = ComplaintSeverity.Low, Summary = "太频繁", ReceivedAt = receivedAt,
        };

        var errors = new ComplaintInputValidator(Now).Validate(input).Errors;

        Assert.NotNull(receivedAt);
        Assert.Contains(errors, e => e.ErrorCode is "Complaints.Error.ReceivedAtTooEarly" or "Complaints.Error.ReceivedAtFuture");
    }

    [Fact]
    public void A_payment_on_the_first_day_of_2000_and_one_a_minute_ago_pass()
    {
        var validator = new RepaymentRecordValidator(Now);

        Assert.True(validator.Validate(new RepaymentRecord("P1", "CC1", 10m, ReportedTime.Earliest)).IsValid);
        Assert.True(validator.Validate(new RepaymentRecord("P1", "CC1", 10m, Now.AddMinutes(-1))).IsValid);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("9999-12-31")]
    public void A_due_date_outside_2000_to_2199_is_refused(string dueDate)
    {
        var record = CustomerRecord.FromFields(name => name switch
        {
            "accountRef" => "CC1", "name" => "王伟", "title" => "mr", "phone" => "13812345678", "customerType" => "salaried",
            "product" => "credit_card", "region" => "北京", "amountDue" => "100", "minimumDue" => "10", "dueDate" => dueDate,
            "dailyPenaltyRate" => "0.0005", _ => null,
        });

        var errors = new CustomerRecordValidator().Validate(record).Errors;

        Assert.Contains(errors, e => e.ErrorCode == "customer.dueDate.outOfRange");
    }
}
