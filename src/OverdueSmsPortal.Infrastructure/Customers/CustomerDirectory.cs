using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Customers;

/// <summary>The sortable columns of the customer list.</summary>
public enum CustomerSort
{
    AccountRef,
    Name,
    AmountDue,
    DaysOverdue,
    Region,
}

/// <summary>A page request of the customer list: filters, one sort column, page.</summary>
public sealed record CustomerQuery
{
    /// <summary>
    /// Account reference, name or phone number, matched from the start; for a reader who sees personal
    /// data masked, only a whole reference, a whole name or a whole number matches.
    /// </summary>
    public string? Search { get; init; }
    /// <summary>The key of a stage on the ladder, e.g. <c>overdue_8_15</c>.</summary>
    public string? StageKey { get; init; }
    public CustomerType? CustomerType { get; init; }
    public LoanProduct? Product { get; init; }
    public string? Region { get; init; }
    public CustomerSort Sort { get; init; } = CustomerSort.DaysOverdue;
    public bool Descending { get; init; } = true;
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <summary>
/// A customer as the list and detail pages show it. Personal data is already masked when the
/// reader may not see it: <see cref="AmountDue"/> and the other amounts are then null.
/// </summary>
public sealed record CustomerListItem(
    long Id,
    string AccountRef,
    string Name,
    CustomerTitle Title,
    string Phone,
    CustomerType CustomerType,
    LoanProduct Product,
    string Region,
    decimal? AmountDue,
    DateOnly DueDate,
    int DaysOverdue,
    StageDefinition? Stage,
    bool OptedOut);

public sealed record CustomerDetail(
    CustomerListItem Summary,
    string TimeZone,
    decimal? MinimumDue,
    decimal DailyPenaltyRate,
    decimal? PenaltyAccrued,
    int? PaydayOfMonth,
    DateTimeOffset? OptedOutAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, int TotalCount);

/// <summary>
/// Reads customers for the portal's pages: server-side filtering, sorting and paging on indexed
/// columns, so a page stays fast at a million customers, and masking for roles without access to
/// personal data.
/// </summary>
public sealed class CustomerDirectory(PortalDbContext db, BusinessClock businessClock)
{
    public const int MaxPageSize = 200;

    public async Task<CustomerPage> FindAsync(CustomerQuery query, bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var today = businessClock.Today();
        var ladder = await LadderAsync(cancellationToken);
        if (!MaySortBy(query.Sort, seesPersonalData))
        {
            query = query with { Sort = CustomerSort.DaysOverdue, Descending = true };
        }
        var customers = Filter(db.Customers.AsNoTracking(), query, seesPersonalData, ladder, today);
        var total = await customers.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await Sort(customers, query)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new CustomerPage(page.Select(c => ToListItem(c, ladder, today, seesPersonalData)).ToList(), total);
    }

    public async Task<CustomerDetail?> GetAsync(long id, bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var today = businessClock.Today();
        var ladder = await LadderAsync(cancellationToken);
        return new CustomerDetail(
            ToListItem(customer, ladder, today, seesPersonalData),
            customer.TimeZone,
            seesPersonalData ? customer.MinimumDue : null,
            customer.DailyPenaltyRate,
            seesPersonalData ? customer.PenaltyAccrued(today) : null,
            customer.PaydayOfMonth,
            customer.OptedOutAt,
            customer.CreatedAt,
            customer.UpdatedAt);
    }

    /// <summary>
    /// Whether the list may be sorted by <paramref name="sort"/> for this reader. Sorting by a masked
    /// column shows what the mask hides (the largest debts first, names in order), so a reader who sees
    /// personal data masked sorts only by what is shown whole: days overdue (the stage) and region.
    /// </summary>
    public static bool MaySortBy(CustomerSort sort, bool seesPersonalData) =>
        seesPersonalData || sort is CustomerSort.DaysOverdue or CustomerSort.Region;

    /// <summary>The stage ladder as an Admin set it, in order: the stage filter's choices.</summary>
    public Task<List<StageDefinition>> LadderAsync(CancellationToken cancellationToken = default) =>
        db.StageDefinitions.AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);

    /// <summary>The regions customers are in, for the region filter.</summary>
    public Task<List<string>> RegionsAsync(CancellationToken cancellationToken = default) =>
        db.Customers.AsNoTracking().Select(c => c.Region).Distinct().OrderBy(r => r).ToListAsync(cancellationToken);

    private static IQueryable<Customer> Filter(IQueryable<Customer> customers, CustomerQuery query, bool seesPersonalData,
        IReadOnlyList<StageDefinition> ladder, DateOnly today)
    {
        if (!string.IsNullOrWhiteSpace(query.Search) && !seesPersonalData)
        {
            // A prefix search on masked data unmasks it one character at a time (1390…1399, then the next
            // digit): such a reader names a customer whole, the number read as the import reads it.
            var text = query.Search.Trim();
            var phone = MobileNumbers.Normalize(text);
            customers = customers.Where(c => c.AccountRef == text || c.Name == text || (phone != null && c.Phone == phone));
        }
        else if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var upper = PrefixUpperBound(text);
            var digits = new string(text.Where(char.IsDigit).ToArray());
            // These run in the database, under its collation: string.Compare is how EF Core writes a range over an
            // index in SQL, and an overload with a StringComparison would not translate.
#pragma warning disable CA1309
            if (digits.Length >= 3 && digits.Length == text.Count(c => !char.IsWhiteSpace(c) && c != '+' && c != '-'))
            {
                // A number: Chinese numbers are stored as +86…, so a national prefix is searched there.
                var phone = text.StartsWith('+') ? "+" + digits : "+86" + digits;
                var phoneUpper = PrefixUpperBound(phone);
                customers = customers.Where(c =>
                    (string.Compare(c.Phone, phone) >= 0 && string.Compare(c.Phone, phoneUpper) < 0) ||
                    (string.Compare(c.AccountRef, text) >= 0 && string.Compare(c.AccountRef, upper) < 0));
            }
            else
            {
                customers = customers.Where(c =>
                    (string.Compare(c.Name, text) >= 0 && string.Compare(c.Name, upper) < 0) ||
                    (string.Compare(c.AccountRef, text) >= 0 && string.Compare(c.AccountRef, upper) < 0));
            }
#pragma warning restore CA1309
        }
        if (query.StageKey is { } key)
        {
            // An unknown key (a stage renamed away under an open page) matches nothing rather than everything.
            var stage = ladder.FirstOrDefault(s => s.Key == key);
            if (stage is null)
            {
                return customers.Where(c => false);
            }
            var (from, to) = stage.DueDateRange(today);
            if (from is { } earliest)
            {
                customers = customers.Where(c => c.DueDate >= earliest);
            }
            if (to is { } latest)
            {
                customers = customers.Where(c => c.DueDate <= latest);
            }
        }
        if (query.CustomerType is { } type)
        {
            customers = customers.Where(c => c.CustomerType == type);
        }
        if (query.Product is { } product)
        {
            customers = customers.Where(c => c.Product == product);
        }
        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            customers = customers.Where(c => c.Region == query.Region);
        }
        return customers;
    }

    private static IQueryable<Customer> Sort(IQueryable<Customer> customers, CustomerQuery query)
    {
        // Days overdue grow as the due date gets earlier: sorting by it is sorting by due date reversed.
        var ordered = (query.Sort, query.Descending) switch
        {
            (CustomerSort.AccountRef, false) => customers.OrderBy(c => c.AccountRef),
            (CustomerSort.AccountRef, true) => customers.OrderByDescending(c => c.AccountRef),
            (CustomerSort.Name, false) => customers.OrderBy(c => c.Name),
            (CustomerSort.Name, true) => customers.OrderByDescending(c => c.Name),
            (CustomerSort.AmountDue, false) => customers.OrderBy(c => c.AmountDue),
            (CustomerSort.AmountDue, true) => customers.OrderByDescending(c => c.AmountDue),
            (CustomerSort.Region, false) => customers.OrderBy(c => c.Region),
            (CustomerSort.Region, true) => customers.OrderByDescending(c => c.Region),
            (CustomerSort.DaysOverdue, false) => customers.OrderByDescending(c => c.DueDate),
            _ => customers.OrderBy(c => c.DueDate),
        };
        return ordered.ThenBy(c => c.Id);
    }

    /// <summary>
    /// A string greater than every string that starts with <paramref name="prefix"/>. SQLite compares
    /// UTF-8 bytes, where U+FFFF sorts below every character outside the basic plane (rare name
    /// characters among them), so the bound is the last code point, U+10FFFF.
    /// </summary>
    private static string PrefixUpperBound(string prefix) => prefix + char.ConvertFromUtf32(0x10FFFF);

    private static CustomerListItem ToListItem(Customer c, IReadOnlyList<StageDefinition> ladder, DateOnly today,
        bool seesPersonalData) => new(
        c.Id,
        seesPersonalData ? c.AccountRef : PersonalDataMask.AccountRef(c.AccountRef),
        seesPersonalData ? c.Name : PersonalDataMask.Name(c.Name),
        c.Title,
        seesPersonalData ? MobileNumbers.Display(c.Phone) : PersonalDataMask.Phone(c.Phone),
        c.CustomerType,
        c.Product,
        c.Region,
        seesPersonalData ? c.AmountDue : null,
        c.DueDate,
        c.DaysOverdue(today),
        ladder.StageOf(c.DaysOverdue(today)),
        c.OptedOutAt is not null);
}
