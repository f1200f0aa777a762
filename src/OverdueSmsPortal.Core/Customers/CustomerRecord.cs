using System.Globalization;
using FluentValidation;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Customers;

/// <summary>
/// One customer as it arrives from an import row or an API array element: every field still text,
/// so that a bad value becomes an error on that field instead of a failed file or request.
/// Field names follow the API contract (DESIGN §2.1).
/// </summary>
public sealed record CustomerRecord
{
    public string? AccountRef { get; init; }
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? CustomerType { get; init; }
    public string? Product { get; init; }
    public string? Region { get; init; }
    public string? TimeZone { get; init; }
    public string? AmountDue { get; init; }
    public string? MinimumDue { get; init; }
    public string? DueDate { get; init; }
    public string? DailyPenaltyRate { get; init; }
    public string? PaydayOfMonth { get; init; }

    /// <summary>The field names, in the order import files and error reports use.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
    [
        "accountRef", "name", "title", "phone", "customerType", "product", "region", "timeZone",
        "amountDue", "minimumDue", "dueDate", "dailyPenaltyRate", "paydayOfMonth",
    ];

    /// <summary>Builds a record from a lookup by field name (one of <see cref="FieldNames"/>).</summary>
    public static CustomerRecord FromFields(Func<string, string?> field) => new()
    {
        AccountRef = field("accountRef"),
        Name = field("name"),
        Title = field("title"),
        Phone = field("phone"),
        CustomerType = field("customerType"),
        Product = field("product"),
        Region = field("region"),
        TimeZone = field("timeZone"),
        AmountDue = field("amountDue"),
        MinimumDue = field("minimumDue"),
        DueDate = field("dueDate"),
        DailyPenaltyRate = field("dailyPenaltyRate"),
        PaydayOfMonth = field("paydayOfMonth"),
    };

    /// <summary>The field name <paramref name="name"/> stands for, matched without case, or null.</summary>
    public static string? FieldNamed(string name) =>
        FieldNames.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Converts a record that passed <see cref="CustomerRecordValidator"/>.</summary>
    public CustomerDetails ToDetails() => new(
        AccountRef!.Trim(),
        Name!.Trim(),
        CustomerCodes.TryParseTitle(Title, out var title) ? title : throw Invalid(nameof(Title)),
        MobileNumbers.Normalize(Phone) ?? throw Invalid(nameof(Phone)),
        CustomerCodes.TryParseType(CustomerType, out var type) ? type : throw Invalid(nameof(CustomerType)),
        CustomerCodes.TryParseProduct(Product, out var product) ? product : throw Invalid(nameof(Product)),
        Region!.Trim(),
        string.IsNullOrWhiteSpace(TimeZone) ? Customer.DefaultTimeZone : TimeZone.Trim(),
        CustomerRecordValidator.ParseAmount(AmountDue) ?? throw Invalid(nameof(AmountDue)),
        CustomerRecordValidator.ParseAmount(MinimumDue) ?? throw Invalid(nameof(MinimumDue)),
        CustomerRecordValidator.ParseDate(DueDate) ?? throw Invalid(nameof(DueDate)),
        CustomerRecordValidator.ParseAmount(DailyPenaltyRate) ?? throw Invalid(nameof(DailyPenaltyRate)),
        string.IsNullOrWhiteSpace(PaydayOfMonth) ? null : int.Parse(PaydayOfMonth, CultureInfo.InvariantCulture));

    private static InvalidOperationException Invalid(string field) =>
        new($"{field} was not validated before conversion.");
}

/// <summary>
/// The rules a customer must meet to be stored. Each failure carries an error code
/// (<c>customer.&lt;field&gt;.&lt;rule&gt;</c>) that the UI translates, and an English message for the API.
/// </summary>
public sealed class CustomerRecordValidator : AbstractValidator<CustomerRecord>
{
    public const int MaxAccountRefLength = 64;
    public const int MaxNameLength = 50;
    public const int MaxRegionLength = 50;
    public const decimal MaxAmount = 100_000_000m;
    public const decimal MaxDailyPenaltyRate = 0.05m;

    public CustomerRecordValidator()
    {
        // A When() guards every validator before it in the chain unless told otherwise, which would
        // switch off the "required" checks exactly when the value is blank.
        RuleFor(r => r.AccountRef)
            .Must(NotBlank).WithErrorCode("customer.accountRef.required").WithMessage("accountRef is required.")
            .Must(v => v!.Trim().Length <= MaxAccountRefLength).When(r => NotBlank(r.AccountRef), ApplyConditionTo.CurrentValidator)
            .WithErrorCode("customer.accountRef.tooLong")
            .WithMessage($"accountRef must be at most {MaxAccountRefLength} characters.");

        RuleFor(r => r.Name)
            .Must(NotBlank).WithErrorCode("customer.name.required").WithMessage("name is required.")
            .Must(v => v!.Trim().Length <= MaxNameLength).When(r => NotBlank(r.Name), ApplyConditionTo.CurrentValidator)
            .WithErrorCode("customer.name.tooLong")
            .WithMessage($"name must be at most {MaxNameLength} characters.");

        RuleFor(r => r.Title)
            .Must(v => CustomerCodes.TryParseTitle(v, out _))
            .WithErrorCode("customer.title.invalid")
            .WithMessage("title must be one of: mr, ms, 先生, 女士.");

        RuleFor(r => r.Phone)
            .Must(NotBlank).WithErrorCode("customer.phone.required").WithMessage("phone is required.")
            .Must(v => MobileNumbers.Normalize(v) is not null).When(r => NotBlank(r.Phone), ApplyConditionTo.CurrentValidator)
            .WithErrorCode("customer.phone.invalid")
            .WithMessage("phone is not a valid mobile number.");

        RuleFor(r => r.CustomerType)
            .Must(v => CustomerCodes.TryParseType(v, out _))
            .WithErrorCode("customer.customerType.invalid")
            .WithMessage($"customerType must be one of: {string.Join(", ", CustomerCodes.TypeCodes)}.");

        RuleFor(r => r.Product)
            .Must(v => CustomerCodes.TryParseProduct(v, out _))
            .WithErrorCode("customer.product.invalid")
            .WithMessage($"product must be one of: {string.Join(", ", CustomerCodes.ProductCodes)}.");

        RuleFor(r => r.Region)
            .Must(NotBlank).WithErrorCode("customer.region.required").WithMessage("region is required.")
            .Must(v => v!.Trim().Length <= MaxRegionLength).When(r => NotBlank(r.Region), ApplyConditionTo.CurrentValidator)
            .WithErrorCode("customer.region.tooLong")
            .WithMessage($"region must be at most {MaxRegionLength} characters.");

        RuleFor(r => r.TimeZone)
            .Must(BeKnownTimeZone).When(r => NotBlank(r.TimeZone))
            .WithErrorCode("customer.timeZone.invalid")
            .WithMessage("timeZone must be an IANA time zone such as Asia/Shanghai.");

        RuleFor(r => r.AmountDue)
            .Must(IsMoney)
            .WithErrorCode("customer.amountDue.invalid")
            .WithMessage($"amountDue must be an amount from 0 to {MaxAmount} with at most 2 decimals.");

        RuleFor(r => r.MinimumDue)
            .Must(IsMoney)
            .WithErrorCode("customer.minimumDue.invalid")
            .WithMessage($"minimumDue must be an amount from 0 to {MaxAmount} with at most 2 decimals.")
            .DependentRules(() =>
                RuleFor(r => r.MinimumDue)
                    .Must((r, v) => ParseAmount(r.AmountDue) is not { } due || ParseAmount(v) <= due)
                    .WithErrorCode("customer.minimumDue.aboveAmountDue")
                    .WithMessage("minimumDue must not be more than amountDue."));

        RuleFor(r => r.DueDate)
            .Must(v => ParseDate(v) is not null)
            .WithErrorCode("customer.dueDate.invalid")
            .WithMessage("dueDate must be a date in the form yyyy-MM-dd.")
            .DependentRules(() =>
                RuleFor(r => r.DueDate)
                    .Must(v => ParseDate(v) is { } date && date >= ReportedTime.EarliestDate && date <= ReportedTime.LatestDate)
                    .WithErrorCode("customer.dueDate.outOfRange")
                    .WithMessage($"dueDate must lie between {ReportedTime.EarliestDate:yyyy-MM-dd} and {ReportedTime.LatestDate:yyyy-MM-dd}."));

        RuleFor(r => r.DailyPenaltyRate)
            .Must(v => ParseAmount(v) is >= 0 and <= MaxDailyPenaltyRate)
            .WithErrorCode("customer.dailyPenaltyRate.invalid")
            .WithMessage($"dailyPenaltyRate must be a number from 0 to {MaxDailyPenaltyRate}.");

        RuleFor(r => r.PaydayOfMonth)
            .Must(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
            .When(r => NotBlank(r.PaydayOfMonth))
            .WithErrorCode("customer.paydayOfMonth.invalid")
            .WithMessage("paydayOfMonth must be a whole number from 1 to 31.");
    }

    internal static decimal? ParseAmount(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    internal static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static bool IsMoney(string? text) =>
        ParseAmount(text) is { } amount && amount <= MaxAmount && amount == Math.Round(amount, 2);

    private static bool NotBlank(string? value) => !string.IsNullOrWhiteSpace(value);

    private static bool BeKnownTimeZone(string? id)
    {
        var name = id!.Trim();
        return name.Contains('/') && TimeZoneInfo.TryFindSystemTimeZoneById(name, out _);
    }
}
