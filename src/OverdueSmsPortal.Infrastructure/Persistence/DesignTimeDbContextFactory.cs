using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the portal.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(DependencyInjection.DefaultConnectionString).Options);
}

/// <summary>
/// The same for PostgreSQL (<c>--context PostgresPortalDbContext</c>). Adding a migration builds the
/// model only; the connection string is never opened.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql("Host=127.0.0.1;Database=portal").Options);
}
