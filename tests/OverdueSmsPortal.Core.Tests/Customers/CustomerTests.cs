using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Core.Tests.Customers;

public class CustomerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static CustomerDetails Details(decimal amountDue = 1000m, decimal rate = 0.0005m, DateOnly? dueDate = null) => new(
        "CC00000001", "王小明", CustomerTitle.Mr, "+8613812345678", CustomerType.Salaried, LoanProduct.CreditCard,
        "广东", Customer.DefaultTimeZone, amountDue, amountDue / 10, dueDate ?? new DateOnly(2026, 11, 14), rate, 15);

    [Fact]
    public void Penalty_accrues_per_day_overdue_on_the_amount_due()
    {
        var customer = Customer.Create(Details(amountDue: 10_000m, rate: 0.0005m), Now);

        Assert.Equal(50m, customer.PenaltyAccrued(new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void No_penalty_accrues_before_the_due_date()
    {
        var customer = Customer.Create(Details(dueDate: new DateOnly(2026, 11, 30)), Now);

        Assert.Equal(0m, customer.PenaltyAccrued(new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void Days_overdue_are_derived_from_today_and_never_stored()
    {
        var customer = Customer.Create(Details(dueDate: new DateOnly(2026, 11, 14)), Now);

        Assert.Equal(10, customer.DaysOverdue(new DateOnly(2026, 11, 24)));
        Assert.Equal(16, customer.DaysOverdue(new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void An_update_keeps_the_opt_out_the_customer_gave()
    {
        var customer = Customer.Create(Details(), Now);
        customer.OptOut(Now);

        customer.Update(Details(amountDue: 2000m), Now.AddDays(1));

        Assert.Equal(Now, customer.OptedOutAt);
        Assert.Equal(2000m, customer.AmountDue);
        Assert.Equal(Now.AddDays(1), customer.UpdatedAt);
    }

    [Fact]
    public void The_account_reference_cannot_change_on_update()
    {
        var customer = Customer.Create(Details(), Now);

        Assert.Throws<InvalidOperationException>(() => customer.Update(Details() with { AccountRef = "OTHER" }, Now));
    }
}
