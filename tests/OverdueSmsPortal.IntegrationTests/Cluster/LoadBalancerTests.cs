using System.Net;
using System.Text;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Cluster;

/// <summary>
/// scripts/haproxy/start.sh, the load balancer the cluster test puts in front of its portal nodes: it
/// forwards, spreads requests without a cookie over the nodes, keeps a request with the sticky-session
/// cookie on its node, and once a node is killed sends every request, even one with that node's
/// cookie, to a live one without a failed answer.
/// </summary>
public sealed class LoadBalancerTests : IAsyncLifetime
{
    private readonly NamedNode first = new("first");
    private readonly NamedNode second = new("second");
    private HaproxyServer balancer = null!;

    public async Task InitializeAsync()
    {
        balancer = await HaproxyServer.StartAsync(first.BaseAddress, second.BaseAddress);
        await Eventually.WaitAsync("both nodes up", balancer.NodeStatesAsync, states => states.Values.All(s => s == "UP") && states.Count == 2,
            TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        await balancer.DisposeAsync();
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Requests_are_spread_kept_with_their_cookie_and_sent_to_the_live_node_once_one_is_killed()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = balancer.BaseAddress };

        var spread = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.GetAsync("page");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var node = await response.Content.ReadAsStringAsync();
            spread.Add(node);
            // The balancer names the node in the cookie (first backend node1, second node2).
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith($"PORTALNODE={HaproxyServer.NodeName(node == "first" ? 0 : 1)};", cookie, StringComparison.Ordinal);
        }
        Assert.Equal([3, 3], spread.GroupBy(n => n).Select(g => g.Count()));

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("second", await GetAsync(http, cookie: HaproxyServer.NodeName(1)));
        }

        first.Dispose();
        // At once, before the health checks have noticed: refused connections go to the other node.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal("second", await GetAsync(http));
            Assert.Equal("second", await GetAsync(http, cookie: HaproxyServer.NodeName(0)));
        }
        var states = await Eventually.WaitAsync("the killed node marked down", balancer.NodeStatesAsync,
            s => s.GetValueOrDefault(HaproxyServer.NodeName(0)) == "DOWN", TimeSpan.FromSeconds(10));
        Assert.Equal("UP", states[HaproxyServer.NodeName(1)]);
        Assert.Equal("second", await GetAsync(http));
    }

    private static async Task<string> GetAsync(HttpClient http, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "page");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"PORTALNODE={cookie}");
        }
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A node on a free loopback port that answers every request, /health included, with its name.</summary>
    private sealed class NamedNode : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly string name;

        public NamedNode(string name)
        {
            this.name = name;
            BaseAddress = new Uri($"http://127.0.0.1:{PortalProcess.FreeLoopbackPort()}/");
            listener.Prefixes.Add(BaseAddress.ToString());
            listener.Start();
            _ = AnswerAsync();
        }

        public Uri BaseAddress { get; }

        public void Dispose() => listener.Close();

        private async Task AnswerAsync()
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
                var body = Encoding.UTF8.GetBytes(name);
                context.Response.ContentType = "text/plain";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
