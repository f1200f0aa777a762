using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// The portal's sustained dispatch rate to a real Kannel (bearerbox, smsbox and the fake SMSC on
/// loopback, started by scripts/kannel/start.sh) beside the rate a plain HTTP client reaches against
/// the same Kannel in the same run, with the same requests (text, dlr-mask, dlr-url). The portal's
/// figure is a whole run's dispatch (<see cref="OutboxDispatcher.DispatchAsync"/>): claiming, the send
/// policy checked again, pacing, the hand-over and the results written to the outbox. Both keep the
/// same number of requests in flight (<see cref="DispatchOptions.Concurrency"/>). Delivery reports go
/// to a small sink that answers 200.
/// </summary>
internal static class KannelDispatchBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var count = options.Customers;
        output.WriteLine($"== kannel: {count:N0} messages to a real Kannel on loopback, {new DispatchOptions().Concurrency} in flight; caps at their maximum " +
                         $"({CampaignPlan.MaxThroughput}/s campaign, {GatewaySettingsInputValidator.MaxThroughput}/s gateway)");
        await using var sink = DeliveryReportSink.Start();
        await using var kannel = await KannelProcess.StartAsync(output);
        await using var portal = await BenchmarkPortal.OpenAsync(options.DatabasePath);
        var runId = await PlannedRunAsync(portal, count, kannel, sink.BaseUrl);

        var texts = await TextsAsync(portal, runId);
        var plain = new List<double>();
        var rates = new List<double>();
        var gatewayOnly = new List<double>();
        // Warm both paths (connections, JIT) before anything is timed.
        await PlainAsync(kannel, sink.BaseUrl, texts.Take(200).ToList(), "warm");
        // Each pass starts with Kannel idle (its queues and pending reports drained, the reports of the
        // last pass received), and the two take turns starting, so neither inherits the other's backlog.
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            if (repetition > 1)
            {
                runId = await PlannedRunAsync(portal, count, kannel, sink.BaseUrl, existing: true, repetition);
            }
            async Task PlainPassAsync()
            {
                await kannel.WaitIdleAsync(sink);
                plain.Add(await PlainAsync(kannel, sink.BaseUrl, texts, $"plain-{repetition}"));
                output.WriteLine($"  plain HTTP client, pass {repetition}: {plain[^1],8:N0} messages/s");
            }
            // The portal's gateway alone (ConfiguredGateway → KannelGateway, paced), without the outbox around it.
            async Task GatewayPassAsync()
            {
                await kannel.WaitIdleAsync(sink);
                gatewayOnly.Add(await GatewayOnlyAsync(portal, texts));
                output.WriteLine($"  portal gateway alone, pass {repetition}: {gatewayOnly[^1],8:N0} messages/s");
            }
            async Task PortalPassAsync()
            {
                await kannel.WaitIdleAsync(sink);
                rates.Add(await PortalAsync(portal, runId, count));
                output.WriteLine($"  portal dispatcher, pass {repetition}: {rates[^1],8:N0} messages/s");
            }
            await GatewayPassAsync();
            if (repetition % 2 == 1)
            {
                await PlainPassAsync();
                await PortalPassAsync();
            }
            else
            {
                await PortalPassAsync();
                await PlainPassAsync();
            }
        }
        plain.Sort();
        rates.Sort();
        var plainMedian = plain[plain.Count / 2];
        var portalMedian = rates[rates.Count / 2];
        gatewayOnly.Sort();
        output.WriteLine($"  median: portal {portalMedian:N0} messages/s, plain client {plainMedian:N0} messages/s, " +
                         $"ratio {portalMedian / plainMedian:P0} (the portal's gateway alone: {gatewayOnly[gatewayOnly.Count / 2]:N0} messages/s)");
        output.WriteLine($"  delivery reports received by the sink: {sink.Received:N0}");
    }

    private static async Task<double> PortalAsync(BenchmarkPortal portal, long runId, int expected)
    {
        await using var scope = portal.Scope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var clock = Stopwatch.StartNew();
        while ((await dispatcher.DispatchAsync(runId)).State == DispatchState.Waiting)
        {
            await Task.Delay(10);
        }
        clock.Stop();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var sent = await db.OutboxMessages.CountAsync(m => m.RunId == runId && m.Status == MessageStatus.Sent);
        if (sent != expected)
        {
            var states = await db.OutboxMessages.Where(m => m.RunId == runId).GroupBy(m => m.Status)
                .Select(g => $"{g.Key}: {g.Count()}").ToListAsync();
            throw new InvalidOperationException($"The run sent {sent} of {expected} messages ({string.Join(", ", states)}).");
        }
        return sent / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> GatewayOnlyAsync(BenchmarkPortal portal, IReadOnlyList<(long Id, string Phone, string Text)> texts)
    {
        var gateway = portal.GetRequiredService<ISmsGateway>();
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = new DispatchOptions().Concurrency };
        await Parallel.ForEachAsync(texts, parallel, async (message, token) =>
            await gateway.SendAsync(new SmsRequest(message.Id, message.Phone, message.Text), token));
        clock.Stop();
        return texts.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The same requests the Kannel gateway makes (a POST of the text with the fields in X-Kannel-*
    /// headers, one connection each), sent by a bare HttpClient as many at a time as the dispatcher sends.
    /// </summary>
    private static async Task<double> PlainAsync(KannelProcess kannel, string callbackBase, IReadOnlyList<(long Id, string Phone, string Text)> texts,
        string pass)
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = new DispatchOptions().Concurrency };
        await Parallel.ForEachAsync(texts, parallel, async (message, token) =>
        {
            var (id, phone, text) = message;
            using var sendsms = new HttpRequestMessage(HttpMethod.Post, kannel.SendSmsUrl)
            {
                Content = new StringContent(text, new UTF8Encoding(false), "text/plain"),
            };
            sendsms.Headers.ConnectionClose = true;
            sendsms.Headers.Add("X-Kannel-Username", kannel.Username);
            sendsms.Headers.Add("X-Kannel-Password", kannel.Password);
            sendsms.Headers.Add("X-Kannel-From", "10690000");
            sendsms.Headers.Add("X-Kannel-To", phone);
            sendsms.Headers.Add("X-Kannel-Coding", "2");
            sendsms.Headers.Add("X-Kannel-DLR-Mask", "31");
            sendsms.Headers.Add("X-Kannel-DLR-Url", KannelGateway.DlrUrl(callbackBase, pass, id));
            using var response = await http.SendAsync(sendsms, token);
            response.EnsureSuccessStatusCode();
        });
        clock.Stop();
        return texts.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<List<(long Id, string Phone, string Text)>> TextsAsync(BenchmarkPortal portal, long runId)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.RunId == runId)
            .Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { m.Id, c.Phone, m.Body }).ToListAsync();
        return rows.Select(r => (r.Id, r.Phone, r.Body)).ToList();
    }

    /// <summary>
    /// Customers in a zone where it is day (<see cref="DaylightAudience"/>), Kannel as the gateway,
    /// and a planned run of a campaign over them (a new campaign for each repetition: the send policy
    /// would keep the same customers out of a second run the same day, so each pass has its own customers).
    /// </summary>
    private static async Task<long> PlannedRunAsync(BenchmarkPortal portal, int count, KannelProcess kannel, string callbackBase,
        bool existing = false, int pass = 1)
    {
        await using var scope = portal.Scope();
        var services = scope.ServiceProvider;
        var segment = await DaylightAudience.CreateAsync(services, count, pass);
        if (!existing)
        {
            await services.GetRequiredService<GatewaySettingsStore>().SaveAsync(new GatewaySettingsInput
            {
                Provider = GatewayProvider.Kannel,
                KannelUrl = kannel.SendSmsUrl,
                KannelUsername = kannel.Username,
                NewKannelPassword = kannel.Password,
                SenderId = "10690000",
                DlrMask = KannelDlrMask.All,
                ThroughputPerSecond = GatewaySettingsInputValidator.MaxThroughput,
                CallbackBaseUrl = callbackBase,
            }, BenchActors.Admin);
        }
        var campaignId = await DaylightAudience.ApprovedCampaignAsync(services, $"benchmark {pass}", segment,
            CampaignSchedule.Daily(new TimeOnly(10, 0)));
        var planner = services.GetRequiredService<RunPlanner>();
        var run = await planner.OpenRunAsync(campaignId, DateTimeOffset.UtcNow, null) ?? throw new InvalidOperationException("No run.");
        await planner.PlanAsync(run.Id);
        return run.Id;
    }

    /// <summary>Answers every delivery report with 200 and counts them, as the portal's endpoint would (without its work).</summary>
    private sealed class DeliveryReportSink : IAsyncDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Task loop;
        private int received;

        private DeliveryReportSink(int port)
        {
            BaseUrl = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(BaseUrl + "/");
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public string BaseUrl { get; }

        public int Received => received;

        public static DeliveryReportSink Start()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new DeliveryReportSink(port);
        }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                Interlocked.Increment(ref received);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            listener.Close();
            await loop;
        }
    }

    /// <summary>A private Kannel from scripts/kannel/start.sh, stopped with stop.sh.</summary>
    private sealed class KannelProcess : IAsyncDisposable
    {
        private readonly string folder;
        private readonly string scripts;

        private KannelProcess(string folder, string scripts, IReadOnlyDictionary<string, string> settings)
        {
            this.folder = folder;
            this.scripts = scripts;
            SendSmsUrl = settings["KANNEL_SENDSMS_URL"];
            Username = settings["KANNEL_USERNAME"];
            Password = settings["KANNEL_PASSWORD"];
            StatusUrl = $"{settings["KANNEL_ADMIN_URL"]}/status.txt?password={settings["KANNEL_ADMIN_PASSWORD"]}";
        }

        public string SendSmsUrl { get; }
        public string Username { get; }
        public string Password { get; }
        private string StatusUrl { get; init; } = "";

        /// <summary>Waits until bearerbox has nothing queued or pending and the sink has had every report for a moment.</summary>
        public async Task WaitIdleAsync(DeliveryReportSink sink)
        {
            using var http = new HttpClient();
            var deadline = Stopwatch.StartNew();
            var lastCount = -1;
            while (deadline.Elapsed < TimeSpan.FromMinutes(5))
            {
                var status = await http.GetStringAsync(StatusUrl);
                var queues = Regex.Match(status, @"SMS: received \d+ \((\d+) queued\), sent \d+ \((\d+) queued\), store size (-?\d+)");
                var reports = Regex.Match(status, @"DLR: (\d+) queued");
                var idle = queues.Success && reports.Success && queues.Groups[1].Value == "0" && queues.Groups[2].Value == "0"
                           && queues.Groups[3].Value is "0" or "-1" && reports.Groups[1].Value == "0";
                if (idle && sink.Received == lastCount)
                {
                    return;
                }
                lastCount = sink.Received;
                await Task.Delay(500);
            }
            throw new TimeoutException("Kannel did not drain its queues within 5 minutes.");
        }

        public static async Task<KannelProcess> StartAsync(TextWriter output)
        {
            var scripts = Path.Combine(PortalProcess.RepositoryRoot, "scripts", "kannel");
            var folder = Path.Combine(Path.GetTempPath(), "overdue-sms-bench-kannel-" + Guid.NewGuid().ToString("N"));
            var (code, text) = await RunAsync(Path.Combine(scripts, "start.sh"), "--dir", folder);
            if (code != 0)
            {
                throw new InvalidOperationException($"Kannel did not start (install kannel and kannel-extras): {text}");
            }
            var settings = text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("KANNEL_", StringComparison.Ordinal) && l.Contains('='))
                .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
            output.WriteLine($"  Kannel started on loopback ({settings["KANNEL_SENDSMS_URL"]})");
            return new KannelProcess(folder, scripts, settings);
        }

        public async ValueTask DisposeAsync()
        {
            await RunAsync(Path.Combine(scripts, "stop.sh"), "--dir", folder);
            Directory.Delete(folder, recursive: true);
        }

        private static async Task<(int Code, string Output)> RunAsync(string script, params string[] arguments)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{script} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }
}
