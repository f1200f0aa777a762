using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Persistence;

/// <summary>
/// <see cref="DatabaseFaults"/>: which failures of SQLite and PostgreSQL are the database's own, and
/// what each is; then the real PostgreSQL server read-only, holding a lock past lock_timeout, and stopped.
/// </summary>
public sealed class DatabaseFaultTests
{
    [Theory]
    [InlineData("55P03", DatabaseFault.Busy)] // lock_not_available: lock_timeout, NOWAIT
    [InlineData("40P01", DatabaseFault.Busy)] // deadlock_detected
    [InlineData("40001", DatabaseFault.Busy)] // serialization_failure
    [InlineData("57014", DatabaseFault.Busy)] // query_canceled: statement_timeout
    [InlineData("53300", DatabaseFault.Busy)] // too_many_connections
    [InlineData("53100", DatabaseFault.Full)] // disk_full
    [InlineData("53000", DatabaseFault.Full)] // insufficient_resources
    [InlineData("53200", DatabaseFault.Full)] // out_of_memory
    [InlineData("53400", DatabaseFault.Full)] // configuration_limit_exceeded
    [InlineData("25006", DatabaseFault.ReadOnly)] // read_only_sql_transaction
    [InlineData("58030", DatabaseFault.IoError)] // io_error
    [InlineData("57P01", DatabaseFault.Unreachable)] // admin_shutdown
    [InlineData("57P02", DatabaseFault.Unreachable)] // crash_shutdown
    [InlineData("57P03", DatabaseFault.Unreachable)] // cannot_connect_now: starting up
    [InlineData("08006", DatabaseFault.Unreachable)] // connection_failure
    [InlineData("08001", DatabaseFault.Unreachable)] // sqlclient_unable_to_establish_sqlconnection
    public void A_postgres_failure_of_the_database_itself_is_its_fault_under_whatever_wraps_it(string sqlState, DatabaseFault fault)
    {
        var postgres = new PostgresException("the server says no", "ERROR", "ERROR", sqlState);

        Assert.Equal(fault, DatabaseFaults.Classify(postgres));
        Assert.Equal(fault, DatabaseFaults.Classify(new DbUpdateException("save failed", postgres)));
        Assert.Equal(fault, DatabaseFaults.Classify(new InvalidOperationException("query failed", new NpgsqlException("read", postgres))));
    }

    [Theory]
    [InlineData("23505")] // unique_violation: the data, not the database
    [InlineData("23503")] // foreign_key_violation
    [InlineData("42P01")] // undefined_table
    [InlineData("22001")] // string_data_right_truncation
    public void A_postgres_failure_of_the_data_is_no_database_fault(string sqlState)
    {
        Assert.Null(DatabaseFaults.Classify(new DbUpdateException("save failed", new PostgresException("no", "ERROR", "ERROR", sqlState))));
    }

    [Fact]
    public void Npgsql_failing_without_an_answer_from_the_server_is_unreachable_or_busy_if_it_timed_out()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused));
        Assert.Equal(DatabaseFault.Unreachable, DatabaseFaults.Classify(new DbUpdateException("save failed", refused)));
        Assert.Equal(DatabaseFault.Unreachable, DatabaseFaults.Classify(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.Equal(DatabaseFault.Busy, DatabaseFaults.Classify(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
    }

    [Fact]
    public void A_query_the_caller_cancelled_is_no_database_fault()
    {
        var cancelled = new PostgresException("canceling statement due to user request", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled);

        Assert.Null(DatabaseFaults.Classify(new OperationCanceledException("cancelled", cancelled)));
        Assert.Null(DatabaseFaults.Classify(new TaskCanceledException()));
    }

    [Theory]
    [InlineData(5, DatabaseFault.Busy)] // SQLITE_BUSY
    [InlineData(6, DatabaseFault.Busy)] // SQLITE_LOCKED
    [InlineData(8, DatabaseFault.ReadOnly)] // SQLITE_READONLY
    [InlineData(10, DatabaseFault.IoError)] // SQLITE_IOERR
    [InlineData(13, DatabaseFault.Full)] // SQLITE_FULL
    [InlineData(10 | (4 << 8), DatabaseFault.IoError)] // SQLITE_IOERR_SHORT_READ: extended codes count by their primary code
    [InlineData(19, null)] // SQLITE_CONSTRAINT: the data
    public void A_sqlite_result_code_is_its_fault(int code, DatabaseFault? fault)
    {
        Assert.Equal(fault, DatabaseFaults.Classify(new DbUpdateException("save failed", new SqliteException("sqlite says no", code & 0xFF, code))));
    }

    [Fact]
    public void Every_fault_but_busy_needs_attention_and_has_its_own_message()
    {
        Assert.Equal([DatabaseFault.Full, DatabaseFault.ReadOnly, DatabaseFault.IoError, DatabaseFault.Unreachable],
            Enum.GetValues<DatabaseFault>().Where(DatabaseFaults.NeedsAttention));
        Assert.Equal("Database.Fault.Unreachable", DatabaseFaults.MessageKey(DatabaseFault.Unreachable));
    }

    [PostgresOnlyFact("it sets the PostgreSQL database read-only")]
    public async Task A_save_to_a_database_set_read_only_is_read_only_and_stores_nothing()
    {
        await using var portal = await PortalDatabase.MigratedAsync();
        var name = new NpgsqlConnectionStringBuilder(portal.Store.ConnectionString).Database!;
        await OnServerAsync($"ALTER DATABASE \"{name}\" SET default_transaction_read_only = on");
        // The setting holds for connections opened after it.
        NpgsqlConnection.ClearAllPools();
        try
        {
            var failure = await Assert.ThrowsAsync<DbUpdateException>(() => SaveSettingAsync(portal, "read-only-test"));

            Assert.Equal(DatabaseFault.ReadOnly, DatabaseFaults.Classify(failure));
        }
        finally
        {
            await OnServerAsync($"ALTER DATABASE \"{name}\" RESET default_transaction_read_only");
            NpgsqlConnection.ClearAllPools();
        }
        Assert.Equal(0, await portal.QueryAsync(db => db.PortalSettings.CountAsync(s => s.Key == "read-only-test")));
    }

    [PostgresOnlyFact("it holds a PostgreSQL row lock past the portal's lock_timeout")]
    public async Task A_row_locked_by_another_transaction_past_the_lock_timeout_is_busy_and_stores_nothing()
    {
        // The portal's own connections wait one second for a lock; the rival's are as the server has them.
        await using var store = await TestStore.CreateMigratedAsync(Directory.CreateTempSubdirectory("portal-tests-").FullName);
        var oneSecond = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Options = "-c lock_timeout=1000" }.ConnectionString;
        await using var portal = await PortalDatabase.MigratedAsync(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = oneSecond });
        await SaveSettingAsync(portal, "locked-test");
        await using var rival = new NpgsqlConnection(store.ConnectionString);
        await rival.OpenAsync();
        await using var hold = await rival.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""SELECT 1 FROM "PortalSettings" WHERE "Key" = 'locked-test' FOR UPDATE""", rival, hold))
        {
            await command.ExecuteScalarAsync();
        }

        var started = TimeProvider.System.GetTimestamp();
        // Npgsql's execution strategy wraps a transient failure (this one is) in an InvalidOperationException.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => portal.QueryAsync(async db =>
        {
            var setting = await db.PortalSettings.SingleAsync(s => s.Key == "locked-test");
            setting.Update("\"changed\"", "test", portal.Clock.Now);
            await db.SaveChangesAsync();
        }));

        Assert.Equal(DatabaseFault.Busy, DatabaseFaults.Classify(failure));
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
        await hold.RollbackAsync();
        Assert.Equal("\"first\"", await portal.QueryAsync(db => db.PortalSettings.Where(s => s.Key == "locked-test").Select(s => s.Json).SingleAsync()));
    }

    [Fact]
    public async Task A_save_once_the_postgres_server_has_stopped_is_unreachable_and_forgets_its_changes()
    {
        await using var server = await PostgresServer.StartAsync();
        var options = new DbContextOptionsBuilder<PostgresPortalDbContext>();
        DatabaseOptions.Configure(options, DatabaseProvider.Postgres,
            new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "portal" }.ConnectionString);
        await using var db = new PostgresPortalDbContext(options.Options);
        await db.Database.MigrateAsync();
        db.PortalSettings.Add(new PortalSetting("before-stop", "1", "test", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();

        await server.StopAsync();
        db.PortalSettings.Add(new PortalSetting("after-stop", "2", "test", DateTimeOffset.UtcNow));
        var pooled = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        // And a connection opened afresh is refused.
        NpgsqlConnection.ClearAllPools();
        db.PortalSettings.Add(new PortalSetting("after-stop", "3", "test", DateTimeOffset.UtcNow));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());

        Assert.Equal(DatabaseFault.Unreachable, DatabaseFaults.Classify(pooled));
        Assert.Equal(DatabaseFault.Unreachable, DatabaseFaults.Classify(refused));
        Assert.Empty(db.ChangeTracker.Entries());
    }

    private static Task SaveSettingAsync(PortalDatabase portal, string key) => portal.QueryAsync(async db =>
    {
        db.PortalSettings.Add(new PortalSetting(key, "\"first\"", "test", portal.Clock.Now));
        await db.SaveChangesAsync();
    });

    /// <summary>Runs <paramref name="sql"/> on the test server's own database, outside the test's.</summary>
    private static async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestStore.ServerVariable));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
