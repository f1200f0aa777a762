using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using Xunit.Abstractions;

namespace OverdueSmsPortal.IntegrationTests.Importing;

/// <summary>
/// A lender's system posts 20,000 customers to the API in chunks; the portal process is killed
/// (SIGKILL) while a chunk is being stored, started again, and the whole import is sent again. Each
/// chunk is stored whole or not at all, so afterwards every customer is there once with the values
/// sent, exactly as a clean import leaves them, and the audit shows the chunks that were stored.
/// </summary>
public sealed class ImportCrashTests(ITestOutputHelper output) : KilledPortalTest("import-crash", output)
{
    private const string Key = "import-crash-test-key-0123456789";
    private const int Chunks = 20;
    private const int PerChunk = 1_000;


    [Fact]
    public async Task An_import_killed_mid_chunk_and_sent_again_leaves_each_customer_once_with_the_values_sent()
    {
        using var portal = NewPortal(new Dictionary<string, string?>
        {
            ["Portal:Demo:Seed"] = "false",
            ["Portal:Api:BootstrapKey"] = Key,
        });
        var chunks = Enumerable.Range(0, Chunks).Select(Chunk).ToList();
        var storedBeforeKill = 0;
        await WithPortalAsync(portal, async () =>
        {
            await portal.StartAsync();
            using (var client = Client(portal))
            {
                for (var i = 0; i < 5; i++)
                {
                    Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, chunks[i])).StatusCode);
                }
                // The sixth chunk is in flight when the process dies.
                var inFlight = PostAsync(client, chunks[5]);
                await Task.Delay(60);
                portal.Kill();
                try
                {
                    Output.WriteLine($"the chunk in flight was answered {(int)(await inFlight).StatusCode} before the kill");
                }
                catch (HttpRequestException e)
                {
                    Output.WriteLine($"the chunk in flight was cut off: {e.HttpRequestError}");
                }
            }
            storedBeforeKill = (int)await CountAsync("SELECT COUNT(*) FROM \"Customers\"");
            Output.WriteLine($"killed with {storedBeforeKill} customers stored");
            // Whole chunks only: the one cut off left nothing behind.
            Assert.True(storedBeforeKill % PerChunk == 0, $"{storedBeforeKill} customers: a chunk was stored in part");

            await portal.StartAsync();
            using var again = Client(portal);
            foreach (var chunk in chunks)
            {
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(again, chunk)).StatusCode);
            }
        });

        await using var database = PortalDatabase.Over(Store);
        var stored = await database.QueryAsync(db => db.Customers.AsNoTracking()
            .Select(c => new { c.AccountRef, c.Name, c.AmountDue }).ToListAsync());
        Assert.Equal(Chunks * PerChunk, stored.Count);
        var expected = Enumerable.Range(0, Chunks * PerChunk).Select(i => (Ref(i), Name(i), Amount(i))).Order().ToList();
        Assert.Equal(expected, stored.Select(c => (c.AccountRef, c.Name, c.AmountDue)).Order().ToList());
        var audited = await database.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == AuditNames.CustomerImport));
        Assert.Equal(storedBeforeKill / PerChunk + Chunks, audited);
    }

    private static string Ref(int i) => $"IK{i:D6}";

    private static string Name(int i) => "客户" + i.ToString(CultureInfo.InvariantCulture);

    private static decimal Amount(int i) => 1000m + i;

    private static string Chunk(int chunk) => JsonSerializer.Serialize(Enumerable.Range(chunk * PerChunk, PerChunk).Select(i => new Dictionary<string, object>
    {
        ["accountRef"] = Ref(i),
        ["name"] = Name(i),
        ["title"] = "ms",
        ["phone"] = $"139{i:D8}",
        ["customerType"] = "salaried",
        ["product"] = "credit_card",
        ["region"] = "广东",
        ["amountDue"] = Amount(i),
        ["minimumDue"] = 100m,
        ["dueDate"] = "2026-11-01",
        ["dailyPenaltyRate"] = 0.0005m,
        ["paydayOfMonth"] = 15,
    }));

    private static HttpClient Client(PortalProcess portal)
    {
        var client = new HttpClient { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string chunk) =>
        client.PostAsync("api/v1/customers", new StringContent(chunk, Encoding.UTF8, "application/json"));
}
