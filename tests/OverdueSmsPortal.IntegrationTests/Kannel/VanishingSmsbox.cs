using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>
/// A sendsms endpoint on 127.0.0.1 that answers as smsbox does ("0: Accepted for delivery", connection
/// kept open) except for one request, which it reads and then drops without an answer: what a real
/// smsbox 1.4.5 does to the request in flight when it is stopped. It has queued the message by then
/// (the phone gets it and its delivery reports follow), but the caller hears nothing. The real Kannel
/// shows this only by chance, in a few of its stops; this shows it every time. Given a script, it
/// answers each request as the script says instead: late, with an error, or with something smsbox
/// never says.
/// </summary>
public sealed class VanishingSmsbox : IAsyncDisposable
{
    public const string Accepted = "0: Accepted for delivery";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly Func<int, SmsboxAnswer> script;
    private readonly Task accepting;
    private int received;

    /// <param name="dropRequest">Which request (1 for the first) is read and left unanswered.</param>
    public VanishingSmsbox(int dropRequest)
        : this(n => n == dropRequest ? SmsboxAnswer.Drop : SmsboxAnswer.Accept)
    {
    }

    /// <param name="script">The answer to the n-th request (1 for the first).</param>
    public VanishingSmsbox(Func<int, SmsboxAnswer> script)
    {
        this.script = script;
        listener.Start();
        accepting = AcceptAsync();
    }

    public string SendSmsUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/cgi-bin/sendsms";

    /// <summary>Makes this endpoint the portal's Kannel (Settings > SMS gateway).</summary>
    public Task UseForAsync(PortalDatabase portal) => UseAsync(portal, SendSmsUrl);

    /// <summary>Makes <paramref name="sendSmsUrl"/> the portal's Kannel sendsms address.</summary>
    public static Task UseAsync(PortalDatabase portal, string sendSmsUrl) => portal.Service<GatewaySettingsStore>().SaveAsync(
        new GatewaySettingsInput
        {
            Provider = GatewayProvider.Kannel,
            KannelUrl = sendSmsUrl,
            KannelUsername = "portal",
            NewKannelPassword = "sendsms-secret",
            SenderId = "10690000",
            CallbackBaseUrl = "http://127.0.0.1:5000",
        }, CampaignSetup.Operator);

    /// <summary>The requests received, in order: request line, headers and body.</summary>
    public IReadOnlyCollection<string> Requests => requests;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while waiting for a connection.
        }
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (await ReadRequestAsync(stream) is { } request)
                {
                    requests.Enqueue(request);
                    var answer = script(Interlocked.Increment(ref received));
                    if (answer.Delay > TimeSpan.Zero)
                    {
                        await Task.Delay(answer.Delay, stopping.Token);
                    }
                    if (answer.Status == 0)
                    {
                        return;
                    }
                    var body = Encoding.UTF8.GetBytes(answer.Body);
                    var head = $"HTTP/1.1 {answer.Status} {answer.Reason}\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stopping.Token);
                    await stream.WriteAsync(body, stopping.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The caller went away, or the test is over.
            }
        }
    }

    /// <summary>One request (its head and body, read whole) as its request line, its headers and its text; null when the caller closed.</summary>
    private async Task<string?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, stopping.Token) == 0)
            {
                return null;
            }
            head.Add(one[0]);
        }
        var text = Encoding.Latin1.GetString([.. head]);
        var length = text.Split("\r\n").Select(line => line.Split(':', 2))
            .Where(h => h.Length == 2 && h[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, stopping.Token);
        return text + Encoding.UTF8.GetString(body);
    }
}

/// <summary>How the scripted smsbox answers one request; status 0 reads it and closes without an answer.</summary>
public sealed record SmsboxAnswer(int Status, string Reason, string Body, string ContentType = "text/html", TimeSpan Delay = default)
{
    public static readonly SmsboxAnswer Accept = new(202, "Accepted", VanishingSmsbox.Accepted);
    public static readonly SmsboxAnswer Drop = new(0, "", "");
}
