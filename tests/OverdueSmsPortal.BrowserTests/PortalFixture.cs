using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Playwright;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// Starts the built portal once (own SQLite file in a temp folder, free loopback port) and one
/// headless Chromium, shared by every browser test through <see cref="PortalCollection"/>.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(120);

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

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _portal;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string DataDirectory { get; } =
        Directory.CreateTempSubdirectory("overdue-sms-portal-browser-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public string ScreenshotDirectory => Path.Combine(RepositoryRoot, "artifacts", "screenshots");

    /// <summary>Where the portal's console output is kept after the run; the test script prints it on a failure.</summary>
    public string PortalLogPath => Path.Combine(RepositoryRoot, "artifacts", "browser-portal.log");

    public async Task InitializeAsync()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        // Expectations poll until they hold; in CI every test project runs at once on two cores, and a
        // first page (circuit, JIT) can take longer than Playwright's 5 s default to become live.
        Assertions.SetDefaultExpectTimeout(30_000);
        try
        {
            StartPortal();
            await WaitUntilHealthyAsync();

            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
        StopPortal();
        SavePortalLog();
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

    private void StartPortal()
    {
        var configuration = BuildConfiguration();
        var webProject = Path.Combine(RepositoryRoot, "src", "OverdueSmsPortal.Web");
        var webAssembly = Path.Combine(webProject, "bin", configuration, "net10.0", "OverdueSmsPortal.Web.dll");
        if (!File.Exists(webAssembly))
        {
            throw new InvalidOperationException(
                $"The portal is not built: {webAssembly} is missing. Build the solution with -c {configuration} first.");
        }

        var database = Path.Combine(DataDirectory, "portal.db");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     webAssembly,
                     "--urls", BaseAddress.GetLeftPart(UriPartial.Authority),
                     "--environment", "Development",
                     "--contentRoot", webProject,
                     $"--ConnectionStrings:Portal={database}",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        // The test host may carry its own URL settings; the command line must be the only source.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Record("out", e.Data);
        process.ErrorDataReceived += (_, e) => Record("err", e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("The portal process did not start.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _portal = process;
    }

    private void Record(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue($"[{stream}] {line}");
        // Keep the tail only: the seeding log can be long and only the end explains a failure.
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    private void SavePortalLog()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PortalLogPath)!);
            File.WriteAllLines(PortalLogPath, _output);
        }
        catch (IOException)
        {
            // The log only explains failures; not being able to keep it must not fail the run.
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        var lastProblem = "no answer yet";
        while (deadline.Elapsed < StartupDeadline)
        {
            if (_portal!.HasExited)
            {
                _portal.WaitForExit(); // drains the redirected output, so the failure shows all of it
                throw StartupFailure($"the portal exited with code {_portal.ExitCode}");
            }
            try
            {
                using var response = await http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                lastProblem = $"GET /health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastProblem = e.Message;
            }
            await Task.Delay(500);
        }
        throw StartupFailure($"/health did not answer 200 within {StartupDeadline.TotalSeconds:0} s ({lastProblem})");
    }

    private InvalidOperationException StartupFailure(string reason)
    {
        var output = string.Join(Environment.NewLine, _output);
        StopPortal();
        return new InvalidOperationException(
            $"The portal did not start: {reason}.{Environment.NewLine}Portal output:{Environment.NewLine}{output}");
    }

    private void StopPortal()
    {
        var process = _portal;
        _portal = null;
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OverdueSmsPortal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No OverdueSmsPortal.sln above {AppContext.BaseDirectory}; run the tests from the repository's build output.");
    }

    /// <summary>The configuration this assembly was built with: the folder after "bin" in its path.</summary>
    private static string BuildConfiguration()
    {
        var segments = AppContext.BaseDirectory.Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(segments, "bin");
        if (bin >= 0 && bin + 1 < segments.Length)
        {
            return segments[bin + 1];
        }
        return typeof(PortalFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
            ?? "Release";
    }

    /// <summary>The same dotnet host that runs the tests, so the portal gets the same runtime.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }
        return "dotnet";
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
