using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Npgsql;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// The portal's services on one SQLite file or one PostgreSQL database, wired as the portal wires them
/// (<see cref="DependencyInjection.AddPortalInfrastructure"/>) and started as the portal starts
/// (<see cref="DatabaseInitializer"/>), without the web host.
/// </summary>
internal sealed class BenchmarkPortal : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly bool deleteOnDispose;
    private readonly string? server;

    private BenchmarkPortal(ServiceProvider services, string databasePath, bool deleteOnDispose, string? server = null)
    {
        this.services = services;
        this.deleteOnDispose = deleteOnDispose;
        this.server = server;
        DatabasePath = databasePath;
    }

    /// <summary>The SQLite file, or on PostgreSQL the database's name.</summary>
    public string DatabasePath { get; }

    public bool IsPostgres => server is not null;

    /// <summary>Opens <paramref name="databasePath"/>, or a new temporary file that is deleted on dispose.</summary>
    public static async Task<BenchmarkPortal> OpenAsync(string? databasePath = null)
    {
        var path = databasePath ?? Path.Combine(Path.GetTempPath(), $"overdue-sms-bench-{Guid.NewGuid():N}.db");
        var portal = new BenchmarkPortal(Wire(new() { ["ConnectionStrings:Portal"] = path }), path, deleteOnDispose: databasePath is null);
        // The portal's own start-up: migrations and the SQLite settings it runs with (demo data off).
        await DatabaseInitializer.InitializeAsync(portal.services);
        return portal;
    }

    /// <summary>
    /// Creates the database <paramref name="database"/> afresh on the PostgreSQL server that
    /// <paramref name="serverConnection"/> reaches, and opens the portal on it with its PostgreSQL
    /// migrations. The database is dropped on dispose.
    /// </summary>
    public static async Task<BenchmarkPortal> OpenPostgresAsync(string serverConnection, string database)
    {
        await using (var admin = new NpgsqlConnection(serverConnection))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        }
        var connection = new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString;
        var services = Wire(new()
        {
            ["Portal:Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Portal"] = connection,
        });
        var portal = new BenchmarkPortal(services, database, deleteOnDispose: true, serverConnection);
        await DatabaseInitializer.InitializeAsync(portal.services);
        return portal;
    }

    private static ServiceProvider Wire(Dictionary<string, string?> settings)
    {
        settings["Portal:Demo:Seed"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment
            {
                EnvironmentName = Environments.Production,
                ApplicationName = "OverdueSmsPortal.Benchmarks",
                ContentRootPath = AppContext.BaseDirectory,
            })
            .AddLogging()
            .AddPortalInfrastructure(configuration)
            .AddPortalDemo()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>A unit of work, as one request or one Blazor circuit gets.</summary>
    public AsyncServiceScope Scope() => services.CreateAsyncScope();

    public T GetRequiredService<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>The database's size on disk, in bytes.</summary>
    public async Task<long> SizeAsync()
    {
        if (server is null)
        {
            return new FileInfo(DatabasePath).Length;
        }
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            if (deleteOnDispose)
            {
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{DatabasePath}\" WITH (FORCE)");
            }
            return;
        }
        SqliteConnection.ClearAllPools();
        if (deleteOnDispose)
        {
            foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
