namespace OverdueSmsPortal.Core.Customers;

/// <summary>The kind of borrower, which drives tone choices later on.</summary>
public enum CustomerType
{
    Young = 1,
    Salaried = 2,
    SelfEmployed = 3,
    Retired = 4,
}

/// <summary>The credit product the debt belongs to.</summary>
public enum LoanProduct
{
    CreditCard = 1,
    ConsumerLoan = 2,
    CashLoan = 3,
}

/// <summary>How the customer is addressed: 先生 or 女士.</summary>
public enum CustomerTitle
{
    Mr = 1,
    Ms = 2,
}

/// <summary>
/// The codes the lender's systems use in the API and in import files. They are a contract:
/// <c>young</c>, <c>salaried</c>, <c>self_employed</c>, <c>retired</c>; <c>credit_card</c>,
/// <c>consumer_loan</c>, <c>cash_loan</c>; <c>mr</c>/<c>先生</c>, <c>ms</c>/<c>女士</c>.
/// </summary>
public static class CustomerCodes
{
    private static readonly Dictionary<string, CustomerType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["young"] = CustomerType.Young,
        ["salaried"] = CustomerType.Salaried,
        ["self_employed"] = CustomerType.SelfEmployed,
        ["retired"] = CustomerType.Retired,
    };

    private static readonly Dictionary<string, LoanProduct> Products = new(StringComparer.OrdinalIgnoreCase)
    {
        ["credit_card"] = LoanProduct.CreditCard,
        ["consumer_loan"] = LoanProduct.ConsumerLoan,
        ["cash_loan"] = LoanProduct.CashLoan,
    };

    private static readonly Dictionary<string, CustomerTitle> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mr"] = CustomerTitle.Mr,
        ["先生"] = CustomerTitle.Mr,
        ["ms"] = CustomerTitle.Ms,
        ["女士"] = CustomerTitle.Ms,
    };

    public static IReadOnlyCollection<string> TypeCodes => Types.Keys;
    public static IReadOnlyCollection<string> ProductCodes => Products.Keys;

    public static bool TryParseType(string? code, out CustomerType type) =>
        Types.TryGetValue(code?.Trim() ?? "", out type);

    public static bool TryParseProduct(string? code, out LoanProduct product) =>
        Products.TryGetValue(code?.Trim() ?? "", out product);

    public static bool TryParseTitle(string? code, out CustomerTitle title) =>
        Titles.TryGetValue(code?.Trim() ?? "", out title);

    public static string Code(this CustomerType type) =>
        Types.First(pair => pair.Value == type).Key;

    public static string Code(this LoanProduct product) =>
        Products.First(pair => pair.Value == product).Key;

    public static string Code(this CustomerTitle title) => title == CustomerTitle.Mr ? "mr" : "ms";
}
