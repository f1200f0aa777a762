using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.Web.Tests.Hosting;

/// <summary>
/// The real portal on a test server, in the Development environment, with its own database (a SQLite
/// file, or a PostgreSQL database: see <see cref="TestStore"/>), migrated and seeded with a few demo
/// customers and the demo users at start, and a known bootstrap API key. The database is removed
/// when the factory is disposed.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string BootstrapKey = "test-bootstrap-key-0123456789";
    public const int DemoCustomerCount = 50;

    private readonly string environment;

    public PortalFactory() : this("Development")
    {
    }

    protected PortalFactory(string environment)
    {
        this.environment = environment;
        Store = TestStore.Create(folder);
    }

    private readonly string folder = Directory.CreateTempSubdirectory("portal-webtests-").FullName;
    private int disposed;

    /// <summary>The portal's database.</summary>
    public TestDatabase Store { get; }

    /// <summary>The SQLite file (for the tests of SQLite's own faults); null on PostgreSQL.</summary>
    public string? DatabasePath => Store.FilePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in Store.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Portal:Demo:Seed", "true");
        builder.UseSetting("Portal:Demo:CustomerCount", DemoCustomerCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Development turns the demo history on; the tests need demo customers no frequency cap holds back.
        builder.UseSetting("Portal:Demo:OutcomeHistory", "false");
        builder.UseSetting("Portal:Api:BootstrapKey", BootstrapKey);
        // Tests sign in and call the API far faster than people and lenders do; LimitedPortalFactory keeps limits low.
        builder.UseSetting("Portal:RateLimits:Api:PermitLimit", "100000");
        builder.UseSetting("Portal:RateLimits:SignIn:PermitLimit", "100000");
        // Each test starts a portal: at Information, their start-up lines (migrations, seeding, the scheduler)
        // were half of the test command's output and buried the test results. Warnings and errors still show.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A browser-like client that keeps cookies but does not follow redirects, so tests see them.</summary>
    public HttpClient CreateBrowser() =>
        CreatePortalClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client of the portal's server with <paramref name="options"/>; the in-memory server's by default.</summary>
    protected virtual HttpClient CreatePortalClient(WebApplicationFactoryClientOptions options) => CreateClient(options);

    /// <summary>A client of the JSON API presenting <paramref name="key"/> in <c>X-Api-Key</c> (none when null).</summary>
    public HttpClient CreateApiClient(string? key = BootstrapKey)
    {
        var client = CreatePortalClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with the portal's services in a scope of its own.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public Task<T> WithDatabaseAsync<T>(Func<PortalDbContext, Task<T>> work) =>
        WithServicesAsync(services => work(services.GetRequiredService<PortalDbContext>()));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // The factory's DisposeAsync and Dispose both come here: the database goes once.
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>
/// The portal with small limits, so that tests can reach them: 3 API calls per key a minute, 5 gateway
/// callbacks per address a minute, 3 sign-in posts per address and user name a minute, and 4 KB API bodies.
/// </summary>
public sealed class LimitedPortalFactory : PortalFactory
{
    public const int ApiPermits = 3;
    public const int GatewayPermits = 5;
    public const int SignInPermits = 3;
    public const int MaxApiBodyBytes = 4096;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:RateLimits:Api:PermitLimit", ApiPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:RateLimits:Api:WindowSeconds", "60");
        builder.UseSetting("Portal:RateLimits:Gateway:PermitLimit", GatewayPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:RateLimits:Gateway:WindowSeconds", "60");
        builder.UseSetting("Portal:RateLimits:SignIn:PermitLimit", SignInPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:RateLimits:SignIn:WindowSeconds", "60");
        builder.UseSetting("Portal:Uploads:MaxApiBodyBytes", MaxApiBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The portal as it runs in production: no demo users, and the demo password refused.</summary>
public sealed class ProductionPortalFactory() : PortalFactory("Production");
