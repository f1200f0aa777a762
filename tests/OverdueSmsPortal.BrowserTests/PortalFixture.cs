using Microsoft.Playwright;
using OverdueSmsPortal.Tests.Shared;

// Each collection starts a portal of its own; two portals and two browsers at once would compete for
// the few cores a CI machine has, and the tests' timing with them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// Starts the built portal once (own SQLite file in a temp folder, free loopback port) and one
/// headless Chromium, shared by every browser test through <see cref="PortalCollection"/>.
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    // Chromium flags for a sandbox-less container with no internet (see the shared notes).
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
    ];

    private PortalProcess? portal;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string RepositoryRoot => PortalProcess.RepositoryRoot;

    /// <summary>
    /// The settings the portal starts with. Development seeds a demo outcome history; these tests need
    /// demo customers that no frequency cap holds back, so it stays off here.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Portal:Demo:OutcomeHistory"] = "false" };

    /// <summary>
    /// Settings every browser portal starts with, under <see cref="Settings"/>. The suite signs in the
    /// same demo users from one address dozens of times; at the product's 10 sign-ins per user and
    /// minute, a quick stretch of Admin tests was refused (429) and waited on the sign-in page.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string?> SuiteSettings =
        new Dictionary<string, string?> { ["Portal:RateLimits:SignIn:PermitLimit"] = "1000" };

    /// <summary>The file under artifacts/ that keeps the portal's console output.</summary>
    protected virtual string PortalLogName => "browser-portal.log";

    /// <summary>How many of the portal's last output lines are kept; none keeps them all.</summary>
    protected virtual int? PortalOutputLimit => 2000;

    /// <summary>What the portal has printed so far (its last <see cref="PortalOutputLimit"/> lines).</summary>
    public IReadOnlyList<string> PortalOutput => portal?.Output.ToList() ?? [];

    public string DataDirectory { get; } =
        Directory.CreateTempSubdirectory("overdue-sms-portal-browser-").FullName;

    /// <summary>The portal's database: a SQLite file in <see cref="DataDirectory"/>, or a PostgreSQL database (see <see cref="TestStore"/>).</summary>
    public TestDatabase Store => store ??= TestStore.Create(DataDirectory);

    private TestDatabase? store;

    public Uri BaseAddress => portal?.BaseAddress ?? throw new InvalidOperationException("The portal is not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not started.");

    public string ScreenshotDirectory => Path.Combine(RepositoryRoot, "artifacts", "screenshots");

    /// <summary>Where the portal's console output is kept after the run; the test script prints it on a failure.</summary>
    public string PortalLogPath => Path.Combine(RepositoryRoot, "artifacts", PortalLogName);

    public async Task InitializeAsync()
    {
        // Expectations poll until they hold; in CI every test project runs at once on two cores, and a
        // first page (circuit, JIT) can take longer than Playwright's 5 s default to become live.
        Assertions.SetDefaultExpectTimeout(30_000);
        try
        {
            portal = new PortalProcess(Store.ConnectionString, Store.Settings.Concat(SuiteSettings).Concat(Settings).ToDictionary()) { OutputLimit = PortalOutputLimit };
            await portal.StartAsync();

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = FindChromium(),
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch
        {
            // Leave no portal running behind a fixture that failed half-way.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh context (own cookies) for one test, as a Chinese-speaking user would browse.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        // The first interactive render after seeding can be slow on a small CI machine.
        context.SetDefaultTimeout(45_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            browser = null;
        }
        playwright?.Dispose();
        playwright = null;
        if (portal is not null)
        {
            portal.Kill();
            SavePortalLog(portal.Output);
            portal = null;
        }
        if (store is not null)
        {
            await store.DisposeAsync();
            store = null;
        }
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open must not turn a green run red; the OS cleans temp later.
        }
    }

    private void SavePortalLog(IEnumerable<string> lines)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PortalLogPath)!);
            File.WriteAllLines(PortalLogPath, lines);
        }
        catch (IOException)
        {
            // The log only explains failures; not being able to keep it must not fail the run.
        }
    }

    /// <summary>Debian's Chromium: Playwright's own browser download is not possible here.</summary>
    private static string FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists);
        return onPath ?? "/usr/bin/chromium";
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal";
}
