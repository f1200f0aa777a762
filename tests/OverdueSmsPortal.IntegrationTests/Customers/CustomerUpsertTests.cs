using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
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

/// <summary>Two writers racing to insert the same new account reference, made deterministic.</summary>
public sealed class CustomerUpsertRaceTests : DatabaseTest
{
    [Fact]
    public async Task A_customer_inserted_by_another_writer_between_read_and_save_is_updated_not_refused()
    {
        var rival = new RunOnceBeforeSave(async () =>
        {
            await using var other = Portal.Store.NewContext();
            await new CustomerUpsert(other, Portal.Clock).UpsertAsync([ACustomer("CC-RACE").Owing(100)]);
        });
        await using var db = Portal.Store.NewContext(options => options.AddInterceptors(rival));

        var result = await new CustomerUpsert(db, Portal.Clock).UpsertAsync([ACustomer("CC-RACE").Owing(250)]);

        Assert.Equal(new CustomerUpsert.Result(Inserted: 0, Updated: 1), result);
        Assert.Equal(250m, (await Portal.CustomerAsync("CC-RACE"))!.AmountDue);
    }

    /// <summary>Lets another writer in just before the first save, as a concurrent request would.</summary>
    private sealed class RunOnceBeforeSave(Func<Task> rival) : SaveChangesInterceptor
    {
        private bool ran;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!ran)
            {
                ran = true;
                await rival();
            }
            return result;
        }
    }
}
