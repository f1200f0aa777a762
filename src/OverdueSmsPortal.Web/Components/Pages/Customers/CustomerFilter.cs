using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Web.Components.Pages.Customers;

/// <summary>What the filter bar of the customer list holds.</summary>
public sealed record CustomerFilter
{
    public string? Search { get; init; }
    public string? StageKey { get; init; }
    public CustomerType? CustomerType { get; init; }
    public LoanProduct? Product { get; init; }
    public string? Region { get; init; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Search) && StageKey is null && CustomerType is null && Product is null && Region is null;

    public Infrastructure.Customers.CustomerQuery ToQuery() => new()
    {
        Search = Search,
        StageKey = StageKey,
        CustomerType = CustomerType,
        Product = Product,
        Region = Region,
    };
}
