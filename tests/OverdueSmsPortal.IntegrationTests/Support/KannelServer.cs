using System.Diagnostics;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// A private, real Kannel (bearerbox, smsbox and the fake SMSC with its phone client) started by
/// <c>scripts/kannel/start.sh</c> in a temporary folder on 127.0.0.1: what the phones got is read from
/// the fake SMSC's log, customers' replies are typed into it. It can be stopped and started again on
/// the same folder and ports (its queue is spooled there), and is always stopped on dispose. Without
/// Kannel installed it throws, so the tests fail and say so rather than pass unseen.
/// </summary>
public sealed class KannelServer : IAsyncDisposable
{
    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromSeconds(90);

    private readonly string moUrl;
    private readonly int? throughput;
    private readonly IReadOnlyList<string> options;
    private Dictionary<string, string> environment = [];

    private KannelServer(string folder, string moUrl, int? throughput, IReadOnlyList<string> options)
    {
        Folder = folder;
        this.moUrl = moUrl;
        this.throughput = throughput;
        this.options = options;
    }

    /// <summary>The run folder: kannel.conf, logs, the spool.</summary>
    public string Folder { get; }

    /// <summary>smsbox's sendsms address: the portal's Kannel URL.</summary>
    public string SendSmsUrl => environment["KANNEL_SENDSMS_URL"];

    public string Username => environment["KANNEL_USERNAME"];

    public string Password => environment["KANNEL_PASSWORD"];

    public bool IsRunning { get; private set; }

    private static readonly string[] LogFiles = ["bearerbox.log", "smsbox.log", "fakesmsc.log"];

    /// <summary>Starts Kannel; <paramref name="moUrl"/> is where it sends customers' replies (the script appends from, to, text…).</summary>
    /// <param name="throughput">Messages per second the fake SMSC takes; none means no limit.</param>
    /// <param name="options">More of start.sh's options, e.g. <c>--sendsms-port</c> and <c>--password</c> chosen beforehand.</param>
    public static async Task<KannelServer> StartAsync(string moUrl, int? throughput = null, IReadOnlyList<string>? options = null)
    {
        var server = new KannelServer(Directory.CreateTempSubdirectory("kannel-").FullName, moUrl, throughput, options ?? []);
        try
        {
            await server.StartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Stops every Kannel process; the folder, with the queued messages and reports, stays.</summary>
    public async Task StopAsync()
    {
        await RunScriptAsync("stop.sh", "--dir", Folder);
        IsRunning = false;
    }

    /// <summary>Starts the stopped Kannel again on the same folder, ports and sendsms user: it picks up its spool.</summary>
    public Task StartAgainAsync() => StartAsync(
        "--username", Username, "--password", Password,
        "--sendsms-port", environment["KANNEL_SENDSMS_PORT"], "--admin-port", environment["KANNEL_ADMIN_PORT"],
        "--smsbox-port", environment["KANNEL_SMSBOX_PORT"], "--smsc-port", environment["KANNEL_SMSC_PORT"]);

    /// <summary>Every message the phones have received so far, in the order they arrived.</summary>
    public IReadOnlyList<PhoneMessage> ReceivedMessages() => FakeSmscLog.Read(ReadLog("fakesmsc.log"));

    /// <summary>
    /// Every sendsms request smsbox took so far, from its access log (<c>send-SMS request added</c>): when, to
    /// which number. This is the portal's hand-over as Kannel saw it, stamped to the second by Kannel's clock.
    /// </summary>
    public IReadOnlyList<HandOver> HandOvers() => ReadLog("smsbox-access.log").Select(HandOver.Parse).OfType<HandOver>().ToList();

    /// <summary>A customer's reply: the phone <paramref name="from"/> writes <paramref name="text"/> to <paramref name="to"/>.</summary>
    public Task SendReplyAsync(string from, string to, string text) => RunScriptAsync("fakesmsc.sh", "--dir", Folder, "mo", from, to, text);

    /// <summary>The last lines of Kannel's logs: what explains a failure.</summary>
    public string LogTail(int lines = 25)
    {
        var tails = LogFiles.Select(name =>
            $"---- {name} ----{Environment.NewLine}{string.Join(Environment.NewLine, ReadLog(name).TakeLast(lines))}");
        return string.Join(Environment.NewLine, tails);
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped even if it looks stopped: a start that failed half-way may have left a box running.
        await RunScriptAsync("stop.sh", "--dir", Folder);
        IsRunning = false;
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder later; a file still open must not fail a green run.
        }
    }

    private async Task StartAsync(params string[] again)
    {
        // What a start again repeats comes last: start.sh takes the last of an option given twice.
        List<string> arguments = ["--dir", Folder, "--mo-url", moUrl, .. options, .. again];
        if (throughput is { } perSecond)
        {
            arguments.AddRange(["--throughput", perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        var printed = await RunScriptAsync("start.sh", [.. arguments]);
        environment = RepositoryScript.Settings(printed, "KANNEL_");
        IsRunning = true;
    }

    /// <summary>Runs one of scripts/kannel/*.sh and returns what it printed; a failure throws with its words.</summary>
    private static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        try
        {
            return await RepositoryScript.RunAsync($"kannel/{script}", ScriptDeadline, arguments);
        }
        catch (RepositoryScriptException failed)
        {
            // start.sh exits 3 when Kannel is not installed: the message names the packages.
            throw new InvalidOperationException(
                $"{failed.Message}{Environment.NewLine}The Kannel tests need Debian's kannel and kannel-extras packages (scripts/test.sh installs them).", failed);
        }
    }

    /// <summary>The lines of one of Kannel's logs in the folder, read while Kannel may still be appending to it.</summary>
    private List<string> ReadLog(string name) => LogFile.ReadLines(Path.Combine(Folder, name));
}

/// <summary>One sendsms request smsbox took: the second it logged it, and the number it is for.</summary>
public sealed record HandOver(DateTime At, string Receiver)
{
    private const string Marker = " send-SMS request added - ";

    /// <summary>
    /// Reads a line such as <c>2026-12-01 17:03:10 send-SMS request added - sender:portal:10690000 127.0.0.1
    /// target:+8613900000001 request: '…'</c>; null for any other line.
    /// </summary>
    public static HandOver? Parse(string line)
    {
        var marker = line.IndexOf(Marker, StringComparison.Ordinal);
        var target = line.IndexOf(" target:", StringComparison.Ordinal);
        if (marker != 19 || target < 0 || !DateTime.TryParseExact(line[..19], "yyyy-MM-dd HH:mm:ss",
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at))
        {
            return null;
        }
        var receiver = line[(target + " target:".Length)..].Split(' ', 2)[0];
        return new HandOver(at, receiver);
    }
}
