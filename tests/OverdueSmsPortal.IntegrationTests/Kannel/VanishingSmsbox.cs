using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>
/// A sendsms endpoint on 127.0.0.1 that answers as smsbox does ("0: Accepted for delivery", connection
/// kept open) except for one request, which it reads and then drops without an answer: what a real
/// smsbox 1.4.5 does to the request in flight when it is stopped. It has queued the message by then
/// (the phone gets it and its delivery reports follow), but the caller hears nothing. The real Kannel
/// shows this only by chance, in a few of its stops; this shows it every time.
/// </summary>
public sealed class VanishingSmsbox : IAsyncDisposable
{
    private const string Accepted = "0: Accepted for delivery";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly int dropRequest;
    private readonly Task accepting;

    /// <param name="dropRequest">Which request (1 for the first) is read and left unanswered.</param>
    public VanishingSmsbox(int dropRequest)
    {
        this.dropRequest = dropRequest;
        listener.Start();
        accepting = AcceptAsync();
    }

    public string SendSmsUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/cgi-bin/sendsms";

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
                    if (requests.Count == dropRequest)
                    {
                        return;
                    }
                    var answer = $"HTTP/1.1 202 Accepted\r\nContent-Type: text/html\r\nContent-Length: {Accepted.Length}\r\n\r\n{Accepted}";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), stopping.Token);
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
