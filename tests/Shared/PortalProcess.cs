using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace OverdueSmsPortal.Tests.Shared;

/// <summary>
/// The built portal as a real process on a free loopback port, over a database of the test's
/// choosing: started, waited for, killed without warning, started again. Shared by the browser tests
/// and the crash tests (linked into both projects).
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly string connectionString;
    private Process? process;

    /// <param name="connectionString">
    /// <c>ConnectionStrings:Portal</c>: a SQLite file, or a PostgreSQL connection string with
    /// <c>Portal:Database:Provider</c> set in <paramref name="settings"/>.
    /// </param>
    public PortalProcess(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.connectionString = connectionString;
        this.settings = settings ?? new Dictionary<string, string?>();
        BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public Uri BaseAddress { get; }

    /// <summary>The last lines the portal printed: what explains a failure.</summary>
    public IReadOnlyCollection<string> Output => output;

    /// <summary>
    /// How many of the last lines <see cref="Output"/> keeps; none keeps every line, for a test that
    /// reads the whole log (the personal-data scan).
    /// </summary>
    public int? OutputLimit { get; init; } = 2000;

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts the portal and waits until /health answers 200.</summary>
    public async Task StartAsync(TimeSpan? deadline = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The portal is already running.");
        }
        process = Launch();
        await WaitUntilHealthyAsync(deadline ?? TimeSpan.FromSeconds(120));
    }

    /// <summary>Kills the process and everything it started at once, as a power cut or an OOM kill would.</summary>
    public void Kill()
    {
        var running = process;
        process = null;
        if (running is null)
        {
            return;
        }
        try
        {
            if (!running.HasExited)
            {
                running.Kill(entireProcessTree: true);
                running.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            running.Dispose();
        }
    }

    public void Dispose() => Kill();

    private Process Launch()
    {
        var configuration = BuildConfiguration();
        var webProject = Path.Combine(RepositoryRoot, "src", "OverdueSmsPortal.Web");
        var webAssembly = Path.Combine(webProject, "bin", configuration, "net10.0", "OverdueSmsPortal.Web.dll");
        if (!File.Exists(webAssembly))
        {
            throw new InvalidOperationException(
                $"The portal is not built: {webAssembly} is missing. Build the solution with -c {configuration} first.");
        }
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var arguments = new List<string>
        {
            webAssembly,
            "--urls", BaseAddress.GetLeftPart(UriPartial.Authority),
            "--environment", "Development",
            "--contentRoot", webProject,
            $"--ConnectionStrings:Portal={connectionString}",
        };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        arguments.ForEach(start.ArgumentList.Add);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        // The test host may carry its own URL settings; the command line must be the only source.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");

        var launched = new Process { StartInfo = start, EnableRaisingEvents = true };
        launched.OutputDataReceived += (_, e) => Record("out", e.Data);
        launched.ErrorDataReceived += (_, e) => Record("err", e.Data);
        if (!launched.Start())
        {
            throw new InvalidOperationException("The portal process did not start.");
        }
        launched.BeginOutputReadLine();
        launched.BeginErrorReadLine();
        return launched;
    }

    private void Record(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue($"[{stream}] {line}");
        // Keep the tail only: the seeding log can be long and only the end explains a failure.
        while (output.Count > OutputLimit && output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var lastProblem = "no answer yet";
        while (clock.Elapsed < deadline)
        {
            if (process is not { } running || running.HasExited)
            {
                process?.WaitForExit(); // drains the redirected output, so the failure shows all of it
                throw Failure($"the portal exited with code {process?.ExitCode}");
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
            await Task.Delay(250);
        }
        throw Failure($"/health did not answer 200 within {deadline.TotalSeconds:0} s ({lastProblem})");
    }

    private InvalidOperationException Failure(string reason)
    {
        var text = string.Join(Environment.NewLine, output);
        Kill();
        return new InvalidOperationException($"The portal did not start: {reason}.{Environment.NewLine}Portal output:{Environment.NewLine}{text}");
    }

    /// <summary>A loopback port no one listens on now: for the portal, or a gateway a test starts beside it.</summary>
    public static int FreeLoopbackPort()
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
        return Assembly.GetExecutingAssembly().GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
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
}
