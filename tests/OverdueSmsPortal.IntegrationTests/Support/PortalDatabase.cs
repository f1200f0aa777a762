using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// The portal's services wired as production wires them (<c>AddPortalInfrastructure</c>) over a
/// database of their own (a SQLite file in a temporary folder, or a PostgreSQL database: see
/// <see cref="TestStore"/>), with a clock that stands still.
/// </summary>
public sealed class PortalDatabase : IAsyncDisposable
{
    /// <summary>10:00 on 24 November 2026 in Shanghai, the business time zone.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The business date at <see cref="DefaultNow"/>.</summary>
    public static readonly DateOnly Today = new(2026, 11, 24);

    /// <summary>The folder this instance owns and deletes, with the database when this instance owns it too.</summary>
    private readonly string folder;
    private readonly bool ownsStore;
    private readonly List<AsyncServiceScope> scopes = [];

    private PortalDatabase(string environmentName, IReadOnlyDictionary<string, string?> settings, DateTimeOffset now,
        Action<IServiceCollection>? replace, string folder, TestDatabase store, bool ownsStore)
    {
        this.folder = folder;
        this.ownsStore = ownsStore;
        Store = store;
        Clock = new FixedClock(now);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(store.Settings)
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(environmentName, folder));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging();
        services.AddPortalInfrastructure(configuration);
        services.AddPortalDemo();
        replace?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FixedClock Clock { get; }
    public ServiceProvider Services { get; }

    /// <summary>The database under these services: its provider, connection string and settings.</summary>
    public TestDatabase Store { get; }

    /// <summary>A portal over a new, empty database (no schema yet: the initializer's first start).</summary>
    /// <param name="replace">Changes to the production wiring, e.g. a gateway that fails on purpose.</param>
    public static PortalDatabase Create(string environmentName = "Development",
        IReadOnlyDictionary<string, string?>? settings = null, DateTimeOffset? now = null, Action<IServiceCollection>? replace = null)
    {
        var folder = NewFolder();
        return new(environmentName, settings ?? new Dictionary<string, string?>(), now ?? DefaultNow, replace, folder,
            TestStore.Create(folder), ownsStore: true);
    }

    /// <summary>A portal whose database has the schema of the real migrations and nothing else.</summary>
    public static async Task<PortalDatabase> MigratedAsync(IReadOnlyDictionary<string, string?>? settings = null,
        DateTimeOffset? now = null, Action<IServiceCollection>? replace = null)
    {
        var folder = NewFolder();
        return new("Development", settings ?? new Dictionary<string, string?>(), now ?? DefaultNow, replace, folder,
            await TestStore.CreateMigratedAsync(folder), ownsStore: true);
    }

    /// <summary>
    /// The portal restarted: new services (new singletons, caches, Data Protection) over the same
    /// database, which the original still owns and deletes.
    /// </summary>
    /// <param name="replace">Changes to the production wiring of the new services, as for <see cref="Create"/>.</param>
    /// <param name="settings">The new services' settings, as for <see cref="Create"/>.</param>
    public static PortalDatabase Reopen(PortalDatabase running, Action<IServiceCollection>? replace = null,
        IReadOnlyDictionary<string, string?>? settings = null) =>
        new("Development", settings ?? new Dictionary<string, string?>(), running.Clock.Now, replace, NewFolder(), running.Store, ownsStore: false);

    /// <summary>The portal's services over a database another process works on (the test that made it deletes it).</summary>
    public static PortalDatabase Over(TestDatabase store, DateTimeOffset? now = null) =>
        new("Development", new Dictionary<string, string?>(), now ?? DefaultNow, null, NewFolder(), store, ownsStore: false);

    private static string NewFolder() => Directory.CreateTempSubdirectory("portal-tests-").FullName;

    /// <summary>A service from a scope of its own, as one request of the portal would get it.</summary>
    public T Service<T>() where T : notnull
    {
        var scope = Services.CreateAsyncScope();
        scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context, so it sees what is stored, not what is tracked.</summary>
    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public async Task QueryAsync(Func<PortalDbContext, Task> query) =>
        await QueryAsync(async db =>
        {
            await query(db);
            return true;
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }
        await Services.DisposeAsync();
        if (ownsStore)
        {
            await Store.DisposeAsync();
        }
        Directory.Delete(folder, recursive: true);
    }

    private sealed class TestHostEnvironment(string environmentName, string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = environmentName;
        public string ApplicationName { get; set; } = "OverdueSmsPortal.IntegrationTests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>A test class whose every test gets a freshly migrated database of its own.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    protected PortalDatabase Portal { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Portal = await PortalDatabase.MigratedAsync();

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
