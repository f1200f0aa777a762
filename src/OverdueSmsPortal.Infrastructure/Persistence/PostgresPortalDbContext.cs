using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>
/// The portal's model on PostgreSQL. A type of its own so that its migrations (in
/// <c>Persistence/PostgresMigrations</c>) are told apart from SQLite's: EF Core finds a context's
/// migrations by its type. Every service asks for <see cref="PortalDbContext"/> and gets this one
/// when <c>Portal:Database:Provider</c> is <c>Postgres</c>.
/// </summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // A one-off campaign's time is a wall-clock time in the business zone, not an instant: PostgreSQL
        // keeps it as written (timestamptz would take only UTC DateTimes).
        builder.Entity<Campaign>().Property(c => c.OnceAt).HasColumnType("timestamp without time zone");
    }
}
