using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Customers;

namespace OverdueSmsPortal.IntegrationTests.Support;

public static class PortalDatabaseCustomers
{
    /// <summary>Stores <paramref name="customers"/> the way imports and the API do.</summary>
    public static Task<CustomerUpsert.Result> GivenCustomersAsync(this PortalDatabase portal, params CustomerDetails[] customers) =>
        portal.Service<CustomerUpsert>().UpsertAsync(customers);

    public static Task<Customer?> CustomerAsync(this PortalDatabase portal, string accountRef) =>
        portal.QueryAsync(db => db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.AccountRef == accountRef));

    /// <summary>The account references stored, in order.</summary>
    public static Task<List<string>> AccountRefsAsync(this PortalDatabase portal) =>
        portal.QueryAsync(db => db.Customers.Select(c => c.AccountRef).OrderBy(r => r).ToListAsync());
}
