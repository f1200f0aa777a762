using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// A private, real HAProxy started by <c>scripts/haproxy/start.sh</c> in a temporary folder on 127.0.0.1
/// in front of the given nodes, as production's load balancer: round robin, health checks on
/// <c>/health</c> every second, a refused request tried again on another node, the <c>PORTALNODE</c>
/// sticky-session cookie. Stopped and removed on dispose. Without HAProxy installed it throws, so the
/// tests fail and say so rather than pass unseen.
/// </summary>
public sealed class HaproxyServer : IAsyncDisposable
{
    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromSeconds(60);

    private HaproxyServer(string folder, IReadOnlyDictionary<string, string> printed)
    {
        Folder = folder;
        BaseAddress = new Uri(printed["HAPROXY_URL"]);
        StatsUrl = new Uri(printed["HAPROXY_STATS_URL"]);
    }

    /// <summary>The run folder: haproxy.cfg and haproxy.out, its log (one line per request, node up and down).</summary>
    public string Folder { get; }

    /// <summary>Where clients reach the nodes, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>HAProxy's statistics as CSV: each node's state (UP, DOWN) among them.</summary>
    public Uri StatsUrl { get; }

    /// <summary>The balancer's name for the <paramref name="index"/>-th backend given (0 for the first): node1, node2, …</summary>
    public static string NodeName(int index) => $"node{index + 1}";

    /// <summary>Starts HAProxy in front of <paramref name="backends"/> (e.g. the portal processes' addresses).</summary>
    public static async Task<HaproxyServer> StartAsync(params Uri[] backends)
    {
        // The script makes the folder; it must be new.
        var folder = Path.Combine(Path.GetTempPath(), $"portal-haproxy-{Guid.NewGuid():N}");
        List<string> arguments = ["--dir", folder];
        foreach (var backend in backends)
        {
            arguments.AddRange(["--backend", $"{backend.Host}:{backend.Port}"]);
        }
        try
        {
            var printed = await RunScriptAsync("start.sh", [.. arguments]);
            return new HaproxyServer(folder, RepositoryScript.Settings(printed, "HAPROXY_"));
        }
        catch
        {
            await RunScriptAsync("stop.sh", "--dir", folder, "--remove");
            throw;
        }
    }

    /// <summary>The state the health checks gave each node now: node1 → UP, node2 → DOWN, …</summary>
    public async Task<IReadOnlyDictionary<string, string>> NodeStatesAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var csv = await http.GetStringAsync(StatsUrl);
        // "# pxname,svname,…,status,…": the status column is found by its name in the header.
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var (proxy, server, status) = (Array.IndexOf(header, "pxname"), Array.IndexOf(header, "svname"), Array.IndexOf(header, "status"));
        return lines.Skip(1).Select(line => line.Split(','))
            .Where(fields => fields[proxy] == "nodes" && fields[server] is not ("FRONTEND" or "BACKEND"))
            .ToDictionary(fields => fields[server], fields => fields[status]);
    }

    /// <summary>The last lines of HAProxy's log: what explains a failure.</summary>
    public string LogTail(int lines = 25) => string.Join(Environment.NewLine, LogFile.ReadLines(Path.Combine(Folder, "haproxy.out")).TakeLast(lines));

    public async ValueTask DisposeAsync() => await RunScriptAsync("stop.sh", "--dir", Folder, "--remove");

    /// <summary>Runs one of scripts/haproxy/*.sh and returns what it printed; a failure throws with its words.</summary>
    private static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        try
        {
            return await RepositoryScript.RunAsync($"haproxy/{script}", ScriptDeadline, arguments);
        }
        catch (RepositoryScriptException failed) when (failed.ExitCode == 3)
        {
            throw new InvalidOperationException(
                $"{failed.Message}{Environment.NewLine}The cluster tests need Debian's haproxy package (scripts/test.sh installs it).", failed);
        }
    }
}
