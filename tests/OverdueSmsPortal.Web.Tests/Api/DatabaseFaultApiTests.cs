using System.Globalization;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Tests.Shared;
using OverdueSmsPortal.Web.Tests.Hosting;
using static OverdueSmsPortal.Web.Tests.Api.ApiRequests;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>
/// The API when SQLite itself fails: another connection holds the write lock past the busy timeout, or
/// the database cannot grow (SQLite's <c>max_page_count</c> on every connection the portal opens, as a
/// full disk would). Each is a 503 problem that names the fault in the caller's language with a
/// Retry-After, nothing of the request is stored, and the portal keeps answering.
/// </summary>
public sealed class DatabaseFaultApiTests : IDisposable
{
    private readonly FaultyPortalFactory factory = new();

    [SqliteOnlyTheory("it holds SQLite's single write lock, and fills the file to its page limit")]
    [InlineData("zh-CN", "数据库正忙")]
    [InlineData("en", "The database is busy")]
    public async Task A_customer_upload_while_another_writer_holds_the_database_is_a_503_and_stores_nothing(string culture, string title)
    {
        using var client = factory.CreateApiClient();
        // The portal takes the language from its culture cookie (or ?culture=), as the language switch sets it.
        client.DefaultRequestHeaders.Add("Cookie", $"{CookieRequestCultureProvider.DefaultCookieName}=" +
            Uri.EscapeDataString(CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture))));
        await using var rival = await factory.LockAsync();

        var response = await client.PostCustomersAsync(ACustomer("LOCK-1"), ACustomer("LOCK-2"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.ReadProblemAsync();
        Assert.Contains(title, (string?)problem["title"]);
        Assert.Equal("busy", (string?)problem["fault"]);
        // Reads go on while the lock is held (WAL): the health check reads the database.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await rival.DisposeAsync();
        Assert.Equal(0, await CustomersLikeAsync("LOCK-%"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostCustomersAsync(ACustomer("LOCK-1"), ACustomer("LOCK-2"))).StatusCode);
        Assert.Equal(2, await CustomersLikeAsync("LOCK-%"));
    }

    [SqliteOnlyFact("it fills the SQLite file to its page limit")]
    public async Task A_customer_upload_into_a_full_database_is_a_503_that_says_so_stores_nothing_and_reads_go_on()
    {
        using var client = factory.CreateApiClient();
        var before = await CustomersLikeAsync("%");
        // Room for a few batches of customers, not for 8,000: the first batches fit, a later one does not.
        await factory.LimitGrowthAsync(extraPages: 300);

        var response = await client.PostCustomersAsync(Enumerable.Range(1, 8_000)
            .Select(i => ACustomer($"FULL-{i:D5}").With("name", "欧阳" + new string('娜', 30)).With("region", new string('区', 40)))
            .ToArray());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("数据库空间不足", (string?)problem["title"]);
        Assert.Equal("full", (string?)problem["fault"]);
        // Nothing half done: not the batches that fitted, nor the audit entry.
        Assert.Equal(0, await CustomersLikeAsync("FULL-%"));
        Assert.Equal(before, await CustomersLikeAsync("%"));
        // The portal still reads, and says that it is degraded.
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }

    [PostgresOnlyFact("only a database server can be out of reach")]
    public async Task A_customer_upload_while_the_postgres_server_is_out_of_reach_is_a_503_that_says_so_and_the_portal_recovers()
    {
        using var unreachable = new UnreachablePortalFactory();
        using var client = unreachable.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        unreachable.Unplug();
        var response = await client.PostCustomersAsync(ACustomer("GONE-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("无法连接数据库服务器", (string?)problem["title"]);
        Assert.Equal("unreachable", (string?)problem["fault"]);

        unreachable.PlugIn();
        Assert.Equal(HttpStatusCode.OK, (await client.PostCustomersAsync(ACustomer("GONE-1"))).StatusCode);
        Assert.Equal(1, await unreachable.WithDatabaseAsync(db => db.Customers.CountAsync(c => c.AccountRef == "GONE-1")));
    }

    private Task<int> CustomersLikeAsync(string pattern) =>
        factory.WithDatabaseAsync(db => db.Customers.CountAsync(c => EF.Functions.Like(c.AccountRef, pattern)));

    public void Dispose() => factory.Dispose();

    /// <summary>The portal with a one-second busy timeout and a switch that stops its database from growing.</summary>
    private sealed class FaultyPortalFactory : PortalFactory
    {
        private readonly PageLimit limit = new();

        public Task<SqliteConnection> LockAsync()
        {
            _ = Services; // the portal has started, migrated and seeded
            return RivalWriter.HoldAsync($"Data Source={DatabasePath}");
        }

        public async Task LimitGrowthAsync(int extraPages)
        {
            _ = Services;
            await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA page_count";
            limit.MaxPages = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) + extraPages;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath};Default Timeout=1");
            builder.ConfigureTestServices(services =>
                services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(limit)));
        }
    }

    /// <summary>
    /// The portal on PostgreSQL whose connections, once unplugged, go to a loopback port nobody listens on:
    /// the server refuses them as a stopped or unreachable server would.
    /// </summary>
    private sealed class UnreachablePortalFactory : PortalFactory
    {
        private readonly Redirect redirect = new();

        public void Unplug()
        {
            _ = Services;
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            redirect.To = new Npgsql.NpgsqlConnectionStringBuilder(Store.ConnectionString) { Port = closedPort, Timeout = 5 }.ConnectionString;
        }

        public void PlugIn() => redirect.To = null;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.ConfigureDbContext<PostgresPortalDbContext>(options => options.AddInterceptors(redirect)));
        }
    }

    /// <summary>Points each connection the portal opens at <see cref="To"/> while it is set, and back at its own server after.</summary>
    private sealed class Redirect : DbConnectionInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<DbConnection, string> original = new();

        public string? To { get; set; }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Point(connection);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Point(connection);
            return ValueTask.FromResult(result);
        }

        private void Point(DbConnection connection)
        {
            var own = original.GetOrAdd(connection, connection.ConnectionString);
            connection.ConnectionString = To ?? own;
        }
    }

    /// <summary>Sets <c>max_page_count</c> on every connection the portal opens once a limit is given.</summary>
    private sealed class PageLimit : DbConnectionInterceptor
    {
        public long? MaxPages { get; set; }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            if (MaxPages is { } pages)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA max_page_count = {pages}";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (MaxPages is { } pages)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA max_page_count = {pages}";
                command.ExecuteNonQuery();
            }
        }
    }
}
