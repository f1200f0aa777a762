using Microsoft.EntityFrameworkCore;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>Which database engine holds the portal's data.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: one portal node.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server: one node or several behind a load balancer, with Quartz clustered in the same database.</summary>
    Postgres = 1,
}

/// <summary>
/// The store (<c>Portal:Database</c>). The connection string is <c>ConnectionStrings:Portal</c> for
/// either provider: a SQLite file path or connection string, or an Npgsql connection string.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portal:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Points <paramref name="options"/> at the store. SQLite's context type is <see cref="PortalDbContext"/>,
    /// PostgreSQL's is <see cref="PostgresPortalDbContext"/>; each has its own migrations.
    /// </summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string? connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(PostgresConnectionString(connectionString));
                break;
            default:
                options.UseSqlite(DependencyInjection.SqliteConnectionString(connectionString));
                break;
        }
    }

    /// <summary>A PostgreSQL connection string is required: there is no default server.</summary>
    public static string PostgresConnectionString(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? throw new InvalidOperationException(
                "Portal:Database:Provider is Postgres but ConnectionStrings:Portal is empty; give an Npgsql connection string (Host=…;Database=…;Username=…;Password=…).")
            : configured;
}
