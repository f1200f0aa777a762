using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Core.Tests.Customers;

public class CustomerRecordValidatorTests
{
    private static readonly CustomerRecordValidator Validator = new();

    private static CustomerRecord AValidRecord() => new()
    {
        AccountRef = "CC00000001",
        Name = "王小明",
        Title = "先生",
        Phone = "13812345678",
        CustomerType = "salaried",
        Product = "credit_card",
        Region = "广东",
        AmountDue = "5230.50",
        MinimumDue = "523.05",
        DueDate = "2026-11-10",
        DailyPenaltyRate = "0.0005",
        PaydayOfMonth = "15",
    };

    private static IReadOnlyList<string> ErrorCodes(CustomerRecord record) =>
        Validator.Validate(record).Errors.Select(e => e.ErrorCode).ToList();

    [Fact]
    public void A_complete_record_is_valid() => Assert.Empty(ErrorCodes(AValidRecord()));

    [Fact]
    public void A_valid_record_converts_with_defaults_and_normalised_phone()
    {
        var details = AValidRecord().ToDetails();

        Assert.Equal("+8613812345678", details.Phone);
        Assert.Equal(CustomerTitle.Mr, details.Title);
        Assert.Equal(CustomerType.Salaried, details.CustomerType);
        Assert.Equal(LoanProduct.CreditCard, details.Product);
        Assert.Equal("Asia/Shanghai", details.TimeZone);
        Assert.Equal(5230.50m, details.AmountDue);
        Assert.Equal(new DateOnly(2026, 11, 10), details.DueDate);
        Assert.Equal(15, details.PaydayOfMonth);
    }

    [Fact]
    public void An_empty_record_reports_every_required_field()
    {
        Assert.Equal(
        [
            "customer.accountRef.required", "customer.name.required", "customer.title.invalid", "customer.phone.required",
            "customer.customerType.invalid", "customer.product.invalid", "customer.region.required", "customer.amountDue.invalid",
            "customer.minimumDue.invalid", "customer.dueDate.invalid", "customer.dailyPenaltyRate.invalid",
        ], ErrorCodes(new CustomerRecord()));
    }

    [Theory]
    [InlineData("young")]
    [InlineData("SALARIED")]
    [InlineData("self_employed")]
    [InlineData(" retired ")]
    public void The_api_customer_type_codes_are_accepted(string code) =>
        Assert.Empty(ErrorCodes(AValidRecord() with { CustomerType = code }));

    [Theory]
    [InlineData("无业")]
    [InlineData("SelfEmployed")]
    [InlineData("3")]
    public void Other_customer_types_are_refused(string code) =>
        Assert.Equal(["customer.customerType.invalid"], ErrorCodes(AValidRecord() with { CustomerType = code }));

    [Theory]
    [InlineData("mr", CustomerTitle.Mr)]
    [InlineData("女士", CustomerTitle.Ms)]
    [InlineData("MS", CustomerTitle.Ms)]
    public void Titles_are_accepted_in_english_codes_and_chinese(string title, CustomerTitle expected) =>
        Assert.Equal(expected, (AValidRecord() with { Title = title }).ToDetails().Title);

    [Theory]
    [InlineData("12.345")]
    [InlineData("-1")]
    [InlineData("1,000")]
    [InlineData("abc")]
    [InlineData("100000000.01")]
    public void Amounts_must_be_positive_with_at_most_two_decimals(string amount) =>
        Assert.Contains("customer.amountDue.invalid", ErrorCodes(AValidRecord() with { AmountDue = amount }));

    [Fact]
    public void The_minimum_due_may_not_exceed_the_amount_due() =>
        Assert.Equal(["customer.minimumDue.aboveAmountDue"], ErrorCodes(AValidRecord() with { AmountDue = "100", MinimumDue = "100.01" }));

    [Theory]
    [InlineData("2026/11/10")]
    [InlineData("2026-13-01")]
    [InlineData("10-11-2026")]
    public void Due_dates_must_be_iso_dates(string date) =>
        Assert.Equal(["customer.dueDate.invalid"], ErrorCodes(AValidRecord() with { DueDate = date }));

    [Theory]
    [InlineData("Asia/Urumqi")]
    [InlineData("America/New_York")]
    public void Iana_time_zones_are_accepted(string zone) =>
        Assert.Empty(ErrorCodes(AValidRecord() with { TimeZone = zone }));

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("UTC+8")]
    public void Unknown_time_zones_are_refused(string zone) =>
        Assert.Equal(["customer.timeZone.invalid"], ErrorCodes(AValidRecord() with { TimeZone = zone }));

    [Theory]
    [InlineData("0")]
    [InlineData("32")]
    [InlineData("15.5")]
    public void The_payday_is_a_day_of_the_month(string day) =>
        Assert.Equal(["customer.paydayOfMonth.invalid"], ErrorCodes(AValidRecord() with { PaydayOfMonth = day }));

    [Fact]
    public void A_landline_is_not_a_mobile_number() =>
        Assert.Equal(["customer.phone.invalid"], ErrorCodes(AValidRecord() with { Phone = "010-12345678" }));

    [Fact]
    public void Overlong_texts_are_refused()
    {
        Assert.Equal(["customer.accountRef.tooLong"], ErrorCodes(AValidRecord() with { AccountRef = new string('A', 65) }));
        Assert.Equal(["customer.name.tooLong"], ErrorCodes(AValidRecord() with { Name = new string('王', 51) }));
    }

    [Fact]
    public void Every_error_carries_an_english_message_naming_the_api_field()
    {
        var errors = Validator.Validate(new CustomerRecord()).Errors;

        Assert.All(errors, e => Assert.StartsWith(e.ErrorCode.Split('.')[1], e.ErrorMessage));
    }
}
