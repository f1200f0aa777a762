using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>The Kannel tests run one at a time: each runs a portal process and a Kannel on the machine's few cores.</summary>
[CollectionDefinition(Name)]
public sealed class KannelCollection
{
    public const string Name = "Kannel";
}

/// <summary>
/// The built portal as a process in front of a real Kannel, over a SQLite file the test prepares
/// with the portal's own services: the gateway settings point at Kannel (its sendsms user, sender
/// id 10690000, all delivery reports), and Kannel's replies and reports come back to the portal with
/// the callback token. The portal starts when the test has added its customers and campaigns.
/// </summary>
public sealed class KannelPortal : IAsyncDisposable
{
    public const string SenderId = "10690000";

    /// <summary>Long enough for a slow CI machine, short enough that a stuck test says so within the set's few minutes.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly Actor Admin = new("u-admin", "admin") { Roles = [PortalRoles.Admin] };
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private const string GivenNames = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平";

    private readonly ITestOutputHelper output;
    private KannelServer? kannel;

    private KannelPortal(ITestOutputHelper output, PortalDatabase database, IReadOnlyDictionary<string, string?> settings)
    {
        this.output = output;
        Database = database;
        Portal = new PortalProcess(database.Store.ConnectionString, database.Store.Settings.Concat(settings).ToDictionary());
    }

    /// <summary>The test's side of the portal: its services over the same database (SQLite in WAL mode takes both processes).</summary>
    public PortalDatabase Database { get; }

    public PortalProcess Portal { get; }

    public KannelServer Kannel => kannel ?? throw new InvalidOperationException("Kannel has not started.");

    /// <summary>The token Kannel calls the portal back with.</summary>
    public string CallbackToken { get; private set; } = "";

    /// <summary>Where Kannel reaches the portal, e.g. http://127.0.0.1:40123.</summary>
    public string CallbackBaseUrl => Portal.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>A zone where it is day now: the contact hours let messages leave whenever the test runs.</summary>
    public string Zone { get; } = DaylightZone.At(DateTimeOffset.UtcNow);

    /// <summary>
    /// A migrated database with the ladder and word lists, a Kannel whose replies go to the portal, and
    /// the gateway settings that make the portal send through it at <paramref name="throughputPerSecond"/>.
    /// </summary>
    /// <param name="settings">More of the portal's settings, e.g. <c>Portal:Dispatch:RetryDelay</c>.</param>
    public static async Task<KannelPortal> PrepareAsync(ITestOutputHelper output, int throughputPerSecond,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await PortalDatabase.MigratedAsync(now: DateTimeOffset.UtcNow);
        // Approvals, replies and the business day follow the real clock, as in the portal process.
        database.Clock.Run();
        var portalSettings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Portal:Demo:Seed"] = "false" };
        var harness = new KannelPortal(output, database, portalSettings);
        try
        {
            await database.SeedLadderAndWordListsAsync();
            (harness.kannel, harness.CallbackToken) = await StartGatewayAsync(database, harness.CallbackBaseUrl, throughputPerSecond);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
        return harness;
    }

    /// <summary>
    /// A Kannel whose replies and delivery reports go to <paramref name="callbackBaseUrl"/> (one portal, or
    /// the load balancer in front of several) with a new callback token, and the gateway settings in
    /// <paramref name="database"/> that make the portal send through it at <paramref name="throughputPerSecond"/>.
    /// </summary>
    public static async Task<(KannelServer Kannel, string CallbackToken)> StartGatewayAsync(PortalDatabase database,
        string callbackBaseUrl, int throughputPerSecond)
    {
        var gateway = database.Service<GatewaySettingsStore>();
        var token = await gateway.IssueCallbackTokenAsync(Admin);
        var kannel = await KannelServer.StartAsync($"{callbackBaseUrl}{KannelGateway.MoPath}?token={Uri.EscapeDataString(token)}");
        try
        {
            await gateway.SaveAsync(new GatewaySettingsInput
            {
                Provider = GatewayProvider.Kannel,
                KannelUrl = kannel.SendSmsUrl,
                KannelUsername = kannel.Username,
                NewKannelPassword = kannel.Password,
                SenderId = SenderId,
                DlrMask = KannelDlrMask.All,
                ThroughputPerSecond = throughputPerSecond,
                CallbackBaseUrl = callbackBaseUrl,
            }, Admin);
        }
        catch
        {
            await kannel.DisposeAsync();
            throw;
        }
        return (kannel, token);
    }

    /// <summary>
    /// <paramref name="count"/> customers with Chinese names, 9 days overdue, in <paramref name="region"/>
    /// and the daylight zone, with the mobile numbers +86139 followed by <paramref name="firstNumber"/>, … (8 digits).
    /// </summary>
    public async Task<List<Customer>> GivenCustomersAsync(string prefix, int count, string region, int firstNumber)
    {
        var today = Database.Service<BusinessClock>().Today();
        var customers = Enumerable.Range(firstNumber, count).Select(n => (CustomerDetails)CustomerBuilder.ACustomer($"{prefix}{n:D5}")
            .Named($"{Surnames[n % Surnames.Length]}{GivenNames[n / Surnames.Length % GivenNames.Length]}")
            .DueOn(today.AddDays(-9)).InRegion(region).InZone(Zone).WithPhone($"+86139{n:D8}")).ToArray();
        await Database.GivenCustomersAsync(customers);
        return await Database.QueryAsync(db => db.Customers.AsNoTracking().Where(c => c.AccountRef.StartsWith(prefix)).OrderBy(c => c.Id).ToListAsync());
    }

    /// <summary>An approved one-off campaign over the segment, due this minute: the portal runs it when it (re)starts.</summary>
    public async Task<Campaign> GivenCampaignDueNowAsync(ReadySegment segment, string name, int throughputPerSecond) =>
        await Database.GivenActiveCampaignAsync(PlanDueNow(Database.Service<BusinessClock>(), segment, throughputPerSecond) with { Name = name });

    /// <summary>Runs the test's steps; when one fails, the portal's and Kannel's last words go to the test output.</summary>
    public async Task RunAsync(Func<Task> scenario)
    {
        try
        {
            await scenario();
        }
        catch
        {
            output.WriteLine("---- the portal's last lines ----");
            output.WriteLine(string.Join(Environment.NewLine, Portal.Output.TakeLast(80)));
            output.WriteLine(kannel?.LogTail() ?? "Kannel did not start.");
            throw;
        }
    }

    /// <summary>Reads the database until <paramref name="done"/> holds for what <paramref name="query"/> finds.</summary>
    public Task<T> WaitAsync<T>(string what, Func<PortalDbContext, Task<T>> query, Func<T, bool> done) =>
        Eventually.WaitAsync(what, () => Database.QueryAsync(query), done, Deadline, output);

    /// <summary>Waits until the campaign's messages satisfy <paramref name="done"/>, and returns them.</summary>
    public Task<List<OutboxMessage>> WaitForMessagesAsync(string what, long campaignId, Func<List<OutboxMessage>, bool> done) =>
        WaitAsync(what, db => db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == campaignId).OrderBy(m => m.Id).ToListAsync(), done);

    /// <summary>Waits until the phones have received <paramref name="count"/> whole messages, and returns what they got.</summary>
    public Task<IReadOnlyList<PhoneMessage>> WaitForPhonesAsync(int count) => Eventually.WaitAsync($"{count} messages on the phones",
        () => Task.FromResult(Kannel.ReceivedMessages()), received => received.Count(m => m.Complete) >= count, Deadline, output);

    /// <summary>Each customer's phone got exactly one message, from the sender id, with the text of its outbox message.</summary>
    public static void AssertEachPhoneGotItsTextOnce(IReadOnlyList<Customer> customers, IReadOnlyList<OutboxMessage> messages,
        IReadOnlyList<PhoneMessage> phones)
    {
        Assert.All(phones, p => Assert.True(p.Complete, $"A split message to {p.Receiver} is missing parts: {p.Text}"));
        Assert.Equal(customers.Select(c => c.Phone).Order(), phones.Select(p => p.Receiver).Order());
        var bodies = messages.ToDictionary(m => customers.Single(c => c.Id == m.CustomerId).Phone, m => m.Body);
        Assert.All(phones, p => Assert.Equal((SenderId, bodies[p.Receiver]), (p.Sender, p.Text)));
    }

    /// <summary>The number as a phone in China shows it: 13900000001 for +8613900000001.</summary>
    public static string National(string e164) => e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164;

    public async ValueTask DisposeAsync()
    {
        Portal.Kill();
        if (kannel is not null)
        {
            await kannel.DisposeAsync();
        }
        await Database.DisposeAsync();
    }
}
