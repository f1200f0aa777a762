using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// Builds a valid customer, due today unless told otherwise: <c>ACustomer("CC1").Named("张三").DaysOverdue(9)</c>.
/// </summary>
public sealed class CustomerBuilder
{
    private CustomerDetails details;

    private CustomerBuilder(string accountRef) => details = new CustomerDetails(
        AccountRef: accountRef,
        Name: "王小明",
        Title: CustomerTitle.Mr,
        Phone: "+8613812345678",
        CustomerType: CustomerType.Salaried,
        Product: LoanProduct.CreditCard,
        Region: "广东",
        TimeZone: Customer.DefaultTimeZone,
        AmountDue: 5230.50m,
        MinimumDue: 523.05m,
        DueDate: PortalDatabase.Today,
        DailyPenaltyRate: 0.0005m,
        PaydayOfMonth: 15);

    public static CustomerBuilder ACustomer(string accountRef) => new(accountRef);

    public CustomerBuilder Named(string name) => With(details with { Name = name });
    public CustomerBuilder WithPhone(string e164) => With(details with { Phone = e164 });
    public CustomerBuilder OfType(CustomerType type) => With(details with { CustomerType = type });
    public CustomerBuilder WithProduct(LoanProduct product) => With(details with { Product = product });
    public CustomerBuilder InRegion(string region) => With(details with { Region = region });
    public CustomerBuilder InZone(string timeZone) => With(details with { TimeZone = timeZone });
    public CustomerBuilder Owing(decimal amount) => With(details with { AmountDue = amount, MinimumDue = Math.Min(details.MinimumDue, amount) });

    /// <summary>Days overdue on <see cref="PortalDatabase.Today"/>; negative for a debt not yet due.</summary>
    public CustomerBuilder DaysOverdue(int days) => With(details with { DueDate = PortalDatabase.Today.AddDays(-days) });

    public CustomerBuilder DueOn(DateOnly date) => With(details with { DueDate = date });

    public CustomerDetails Build() => details;

    public static implicit operator CustomerDetails(CustomerBuilder builder) => builder.details;

    private CustomerBuilder With(CustomerDetails changed)
    {
        details = changed;
        return this;
    }
}
