using OverdueSmsPortal.Core.Importing;

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
/// <c>consumer_loan</c>, <c>cash_loan</c>; <c>mr</c>/<c>先生</c>, <c>ms</c>/<c>女士</c>. Reading also takes the
/// portal's own labels and their synonyms, from the one table <see cref="ImportVocabulary"/>.
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
        ["ms"] = CustomerTitle.Ms,
    };

    public static IReadOnlyCollection<string> TypeCodes => Types.Keys;
    public static IReadOnlyCollection<string> ProductCodes => Products.Keys;

    /// <summary>Reads a code, the label the portal shows or a synonym (<see cref="ImportVocabulary.CustomerTypes"/>).</summary>
    public static bool TryParseType(string? text, out CustomerType type) =>
        Types.TryGetValue(ImportVocabulary.CustomerTypes.Read(text)?.Code ?? "", out type);

    /// <summary>Reads a code, the label the portal shows or a synonym (<see cref="ImportVocabulary.Products"/>).</summary>
    public static bool TryParseProduct(string? text, out LoanProduct product) =>
        Products.TryGetValue(ImportVocabulary.Products.Read(text)?.Code ?? "", out product);

    /// <summary>Reads 先生/女士, mr/ms or a synonym such as 男/女 (<see cref="ImportVocabulary.Titles"/>).</summary>
    public static bool TryParseTitle(string? text, out CustomerTitle title) =>
        Titles.TryGetValue(ImportVocabulary.Titles.Read(text)?.Code ?? "", out title);

    public static string Code(this CustomerType type) =>
        Types.First(pair => pair.Value == type).Key;

    public static string Code(this LoanProduct product) =>
        Products.First(pair => pair.Value == product).Key;

    public static string Code(this CustomerTitle title) => title == CustomerTitle.Mr ? "mr" : "ms";
}
