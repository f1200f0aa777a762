using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>
/// A migrated database (a SQLite file, or a PostgreSQL database: see <see cref="TestStore"/>) holding
/// the given customers; removed on dispose.
/// </summary>
public sealed class CustomerDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portal-components-").FullName;
    private readonly TestDatabase store;

    public CustomerDatabase(DateTimeOffset now, params CustomerDetails[] customers)
    {
        store = TestStore.CreateMigratedAsync(folder).GetAwaiter().GetResult();
        using var db = store.NewContext();
        db.Customers.AddRange(customers.Select(c => Customer.Create(c, now)));
        db.SaveChanges();
    }

    /// <summary><c>ConnectionStrings:Portal</c> of this database.</summary>
    public string ConnectionString => store.ConnectionString;

    /// <summary>The provider and connection string, as the portal's configuration holds them.</summary>
    public IReadOnlyDictionary<string, string?> Settings => store.Settings;

    /// <summary>Registers the portal's context over this database, as the portal's own wiring does for its provider.</summary>
    public void AddContext(IServiceCollection services)
    {
        void Configure(DbContextOptionsBuilder options) => DatabaseOptions.Configure(options, store.Provider, store.ConnectionString);
        if (store.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PortalDbContext, PostgresPortalDbContext>(Configure);
        }
        else
        {
            services.AddDbContext<PortalDbContext>(Configure);
        }
    }

    /// <summary>Adds interceptors to the context <see cref="AddContext"/> registered, whichever its provider.</summary>
    public void AddInterceptors(IServiceCollection services, params IInterceptor[] interceptors)
    {
        if (store.Provider == DatabaseProvider.Postgres)
        {
            services.ConfigureDbContext<PostgresPortalDbContext>(options => options.AddInterceptors(interceptors));
        }
        else
        {
            services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(interceptors));
        }
    }

    public void Dispose()
    {
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>A clock that always reads the same instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A clock a test moves by hand, for events that must happen in a known order.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
