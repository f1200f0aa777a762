using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CustomerBuilder;

namespace OverdueSmsPortal.IntegrationTests.Customers;

public sealed class CustomerUpsertTests : DatabaseTest
{
    [Fact]
    public async Task New_account_references_are_inserted_and_known_ones_updated()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001").Owing(100));

        var result = await Portal.GivenCustomersAsync(
            ACustomer("CC0001").Owing(200), ACustomer("CC0002"), ACustomer("CC0003"));

        Assert.Equal(new CustomerUpsert.Result(Inserted: 2, Updated: 1), result);
        Assert.Equal(200m, (await Portal.CustomerAsync("CC0001"))!.AmountDue);
        Assert.Equal(["CC0001", "CC0002", "CC0003"], await Portal.AccountRefsAsync());
    }

    [Fact]
    public async Task An_update_keeps_the_customers_opt_out()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001"));
        var optedOutAt = Portal.Clock.Now;
        await Portal.QueryAsync(async db =>
        {
            (await db.Customers.SingleAsync(c => c.AccountRef == "CC0001")).OptOut(optedOutAt);
            await db.SaveChangesAsync();
        });
        Portal.Clock.Advance(TimeSpan.FromHours(3));

        await Portal.GivenCustomersAsync(ACustomer("CC0001").Named("王大明").Owing(99));

        var customer = (await Portal.CustomerAsync("CC0001"))!;
        Assert.Equal(("王大明", 99m), (customer.Name, customer.AmountDue));
        Assert.Equal(optedOutAt, customer.OptedOutAt);
    }

    [Fact]
    public async Task An_update_keeps_when_the_customer_was_created()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001"));
        var createdAt = Portal.Clock.Now;
        Portal.Clock.Advance(TimeSpan.FromDays(2));

        await Portal.GivenCustomersAsync(ACustomer("CC0001").Owing(1));

        var customer = (await Portal.CustomerAsync("CC0001"))!;
        Assert.Equal((createdAt, Portal.Clock.Now), (customer.CreatedAt, customer.UpdatedAt));
    }

    [Fact]
    public async Task An_empty_batch_changes_nothing()
    {
        var result = await Portal.GivenCustomersAsync();

        Assert.Equal(new CustomerUpsert.Result(0, 0), result);
        Assert.Empty(await Portal.AccountRefsAsync());
    }
}
