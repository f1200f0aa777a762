using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.IntegrationTests.Persistence;

/// <summary>
/// Each provider's migrations end in the model the code builds: a change to an entity or its
/// configuration without <c>scripts/migrations.sh add</c> (which adds a migration for both) fails here.
/// It compares models only, so it needs no server and runs whichever store the suite uses.
/// </summary>
public sealed class MigrationsInStepTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void The_migrations_of_each_provider_match_the_model(DatabaseProvider provider)
    {
        using var db = NewContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes without a migration: run scripts/migrations.sh add NAME.");
    }

    /// <summary>A context as the portal would make it; neither opens a connection (the PostgreSQL server named here does not exist).</summary>
    private static PortalDbContext NewContext(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresPortalDbContext>();
            DatabaseOptions.Configure(postgres, provider, "Host=127.0.0.1;Port=1;Database=portal;Username=portal");
            return new PostgresPortalDbContext(postgres.Options);
        }
        var sqlite = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseOptions.Configure(sqlite, provider, "Data Source=:memory:");
        return new PortalDbContext(sqlite.Options);
    }
}
