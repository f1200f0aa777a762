using OverdueSmsPortal.Core.Outcomes;

namespace OverdueSmsPortal.Core.Tests.Outcomes;

public class OutcomeFiguresTests
{
    private static readonly OutcomeFigures Week = new()
    {
        Sent = 4000, Delivered = 3800, Failed = 150, Suppressed = 600, CustomersMessaged = 3500, CustomersReplied = 350,
        CustomersRepaid = 700, AmountRecovered = 1_234_567.89m, Complaints = 6, OptOuts = 35,
    };

    [Fact]
    public void The_rates_follow_their_formulas()
    {
        Assert.Equal(0.95, Week.DeliveryRate!.Value, 10);
        Assert.Equal(0.10, Week.ReplyRate!.Value, 10);
        Assert.Equal(0.20, Week.RepaymentRate!.Value, 10);
        Assert.Equal(1.5, Week.ComplaintsPerThousand!.Value, 10);
        Assert.Equal(0.01, Week.OptOutRate!.Value, 10);
    }

    [Fact]
    public void Rates_over_nothing_are_none()
    {
        var empty = new OutcomeFigures();

        Assert.Null(empty.DeliveryRate);
        Assert.Null(empty.ReplyRate);
        Assert.Null(empty.RepaymentRate);
        Assert.Null(empty.ComplaintsPerThousand);
        Assert.Null(empty.OptOutRate);
    }

    [Fact]
    public void The_ab_test_reads_repayment_as_customers_and_complaints_as_messages()
    {
        Assert.Equal(new Proportion(700, 3500), Week.Repayment);
        Assert.Equal(new Proportion(6, 4000), Week.Complaint);
    }
}
