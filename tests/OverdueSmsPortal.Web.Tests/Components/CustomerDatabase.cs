using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>A migrated SQLite file holding the given customers; deleted on dispose.</summary>
public sealed class CustomerDatabase : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"portal-components-{Guid.NewGuid():N}.db");

    public CustomerDatabase(DateTimeOffset now, params CustomerDetails[] customers)
    {
        ConnectionString = $"Data Source={path}";
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(ConnectionString).Options);
        db.Database.Migrate();
        db.Customers.AddRange(customers.Select(c => Customer.Create(c, now)));
        db.SaveChanges();
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
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
