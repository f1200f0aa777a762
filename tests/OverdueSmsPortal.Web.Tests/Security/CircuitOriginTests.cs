using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>
/// A page of another site cannot open a Blazor circuit with the signed-in user's cookie (cross-site
/// WebSocket hijacking): the hub answers only the portal's own origin.
/// </summary>
public sealed class CircuitOriginTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Negotiate = "/_blazor/negotiate?negotiateVersion=1";

    [Fact]
    public async Task A_circuit_negotiated_from_the_portal_s_own_page_is_accepted()
    {
        using var browser = await SignedInViewerAsync(factory);

        var response = await NegotiateAsync(browser, "http://localhost");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("http://localhost:8080")]
    [InlineData("null")]
    [InlineData("not an origin")]
    public async Task A_circuit_negotiated_from_another_site_is_refused(string origin)
    {
        using var browser = await SignedInViewerAsync(factory);

        var response = await NegotiateAsync(browser, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_websocket_opened_from_another_site_is_refused()
    {
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Origin = "https://evil.example";

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            client.ConnectAsync(new Uri(factory.Server.BaseAddress, "/_blazor?id=anything"), CancellationToken.None));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_public_origins_set_only_those_origins_open_a_circuit()
    {
        await using var configured = factory.WithWebHostBuilder(builder =>
            builder.UseSetting("Portal:PublicOrigins:0", "https://portal.example.cn"));
        using var browser = await SignedInViewerAsync(configured);

        var listed = await NegotiateAsync(browser, "https://portal.example.cn");
        var requestHost = await NegotiateAsync(browser, "http://localhost");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (listed.StatusCode, requestHost.StatusCode));
    }

    private static async Task<HttpClient> SignedInViewerAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> portal)
    {
        var browser = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true,
        });
        var signIn = await browser.SignInAsync("viewer", DemoOptions.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    private static Task<HttpResponseMessage> NegotiateAsync(HttpClient browser, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Negotiate);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return browser.SendAsync(request);
    }
}
