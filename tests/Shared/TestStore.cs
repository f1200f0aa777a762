using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Persistence;
using Xunit;

namespace OverdueSmsPortal.Tests.Shared;

/// <summary>
/// The database the tests run against. SQLite by default; with <c>PORTAL_TEST_DATABASE=Postgres</c> and
/// <c>PORTAL_TEST_POSTGRES</c> the connection string of a server (what <c>scripts/postgres/start.sh</c>
/// prints as <c>POSTGRES_CONNECTION</c>), every test database is a PostgreSQL database of its own on it.
/// <c>scripts/test.sh</c> runs the data tests once with each.
/// </summary>
public static class TestStore
{
    public const string ProviderVariable = "PORTAL_TEST_DATABASE";
    public const string ServerVariable = "PORTAL_TEST_POSTGRES";

    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable(ProviderVariable), ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>A new, empty database: a file in <paramref name="folder"/>, or a database on the test server.</summary>
    public static TestDatabase Create(string folder) =>
        IsPostgres ? PostgresDatabase.Create() : new SqliteDatabase(Path.Combine(folder, "portal.db"));

    /// <summary>A new database with the schema of the real migrations (copied from a template on PostgreSQL, which is faster than migrating).</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(string folder)
    {
        if (IsPostgres)
        {
            return await PostgresDatabase.CreateMigratedAsync();
        }
        var database = new SqliteDatabase(Path.Combine(folder, "portal.db"));
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }
}

/// <summary>One test's database, and the settings that point the portal at it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The value for <c>ConnectionStrings:Portal</c>.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public virtual string? FilePath => null;

    /// <summary>The settings a portal over this database needs: provider and connection string.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Portal"] = ConnectionString,
    };

    /// <summary>The same settings as command-line arguments of a portal process.</summary>
    public IReadOnlyList<string> Arguments => Settings.Select(s => $"--{s.Key}={s.Value}").ToList();

    /// <summary>A context over this database outside any portal wiring.</summary>
    public PortalDbContext NewContext(Action<DbContextOptionsBuilder>? configure = null)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresPortalDbContext>();
            DatabaseOptions.Configure(options, Provider, ConnectionString);
            configure?.Invoke(options);
            return new PostgresPortalDbContext(options.Options);
        }
        var sqlite = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseOptions.Configure(sqlite, Provider, ConnectionString);
        configure?.Invoke(sqlite);
        return new PortalDbContext(sqlite.Options);
    }

    /// <summary>Closes pooled connections, then removes the database (the SQLite file goes with its folder).</summary>
    public abstract ValueTask DisposeAsync();
}

internal sealed class SqliteDatabase(string path) : TestDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={path}";

    public override string? FilePath => path;

    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(DependencyInjection.SqliteConnectionString(ConnectionString)))
        {
            SqliteConnection.ClearPool(connection);
        }
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresDatabase : TestDatabase
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? template;

    private readonly string name;

    private PostgresDatabase(string name)
    {
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString();
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString { get; }

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(TestStore.ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{TestStore.ProviderVariable}=Postgres needs {TestStore.ServerVariable}: the connection string scripts/postgres/start.sh prints.");

    public static PostgresDatabase Create() => CreateFromAsync(null).GetAwaiter().GetResult();

    public static async Task<PostgresDatabase> CreateMigratedAsync() => await CreateFromAsync(await TemplateAsync());

    private static async Task<PostgresDatabase> CreateFromAsync(string? from)
    {
        var name = "portal_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(from is null
            ? $"CREATE DATABASE \"{name}\" ENCODING 'UTF8'"
            : $"CREATE DATABASE \"{name}\" TEMPLATE \"{from}\"");
        return new PostgresDatabase(name);
    }

    /// <summary>
    /// One migrated database per test process, copied for every test that asks for the schema. It
    /// stays on the test server, which is thrown away after the run.
    /// </summary>
    private static async Task<string> TemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (template is null)
            {
                var made = await CreateFromAsync(null);
                await using (var db = made.NewContext())
                {
                    await db.Database.MigrateAsync();
                }
                // A database cannot be a template while anyone is connected to it.
                NpgsqlConnection.ClearAllPools();
                template = made.name;
            }
            return template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        // Two copies of one template at once can meet ("source database is being accessed"): try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ServerConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}

/// <summary>
/// A test of SQLite's own behaviour (its file, its journal, its single-writer lock), or a long one whose
/// outcome the store cannot change (axe over every page's markup): skipped when the suite runs on
/// PostgreSQL, which says why. Where PostgreSQL has the same concern, a test of its own covers it.
/// </summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string because)
    {
        if (TestStore.IsPostgres)
        {
            Skip = $"SQLite only: {because}";
        }
    }
}

/// <summary>A theory of SQLite's own behaviour: see <see cref="SqliteOnlyFactAttribute"/>.</summary>
public sealed class SqliteOnlyTheoryAttribute : TheoryAttribute
{
    public SqliteOnlyTheoryAttribute(string because)
    {
        if (TestStore.IsPostgres)
        {
            Skip = $"SQLite only: {because}";
        }
    }
}

/// <summary>A test of PostgreSQL's own behaviour (row locks, the clustered scheduler): skipped on SQLite.</summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute(string because)
    {
        if (!TestStore.IsPostgres)
        {
            Skip = $"PostgreSQL only: {because}";
        }
    }
}
