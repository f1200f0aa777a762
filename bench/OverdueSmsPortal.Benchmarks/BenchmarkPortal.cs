using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// The portal's services on one SQLite file, wired as the portal wires them
/// (<see cref="DependencyInjection.AddPortalInfrastructure"/>) and started as the portal starts
/// (<see cref="DatabaseInitializer"/>), without the web host.
/// </summary>
internal sealed class BenchmarkPortal : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly bool deleteOnDispose;

    private BenchmarkPortal(ServiceProvider services, string databasePath, bool deleteOnDispose)
    {
        this.services = services;
        this.deleteOnDispose = deleteOnDispose;
        DatabasePath = databasePath;
    }

    public string DatabasePath { get; }

    /// <summary>Opens <paramref name="databasePath"/>, or a new temporary file that is deleted on dispose.</summary>
    public static async Task<BenchmarkPortal> OpenAsync(string? databasePath = null)
    {
        var path = databasePath ?? Path.Combine(Path.GetTempPath(), $"overdue-sms-bench-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = path,
                ["Portal:Demo:Seed"] = "false",
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment
            {
                EnvironmentName = Environments.Production,
                ApplicationName = "OverdueSmsPortal.Benchmarks",
                ContentRootPath = AppContext.BaseDirectory,
            })
            .AddLogging()
            .AddPortalInfrastructure(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var portal = new BenchmarkPortal(services, path, deleteOnDispose: databasePath is null);
        // The portal's own start-up: migrations and the SQLite settings it runs with (demo data off).
        await DatabaseInitializer.InitializeAsync(portal.services);
        return portal;
    }

    /// <summary>A unit of work, as one request or one Blazor circuit gets.</summary>
    public AsyncServiceScope Scope() => services.CreateAsyncScope();

    public T GetRequiredService<T>() where T : notnull => services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (deleteOnDispose)
        {
            foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
