using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>What the campaign pages and the gateway settings page say while the gateway's circuit breaker is open.</summary>
public sealed class GatewayOutageNoticeTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private readonly GatewayRetry retry = new(new FixedClock(Now), Options.Create(new DispatchOptions
    {
        RetryAttempts = 0,
        CircuitBreakerMinimumThroughput = 2,
        CircuitBreakDuration = TimeSpan.FromSeconds(30),
    }));

    public GatewayOutageNoticeTests()
    {
        Services.AddSingleton(retry);
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        Services.AddOptions<PortalOptions>();
        Services.AddBusinessClock();
    }

    [Fact]
    public void Nothing_shows_while_the_gateway_is_used_as_usual()
    {
        Assert.Empty(Render<GatewayOutageNotice>().FindAll("[data-testid=gateway-outage]"));
    }

    [Theory]
    [InlineData("zh-CN", "短信网关连续失败，已暂停发送，暂停开始于 2026-11-24 10:00:00 (无法连接) · 下次尝试 2026-11-24 10:00:30")]
    [InlineData("en", "sending is paused since 2026-11-24 10:00:00 (unreachable) · next try at 2026-11-24 10:00:30")]
    public async Task An_open_circuit_says_since_when_why_and_the_next_try_in_business_time(string culture, string expected)
    {
        await GatewayOutages.TripAsync(retry, "unreachable");
        using var _ = CultureScope.Use(culture);

        var notice = Render<GatewayOutageNotice>().Find("[data-testid=gateway-outage]");

        Assert.Contains(expected, System.Text.RegularExpressions.Regex.Replace(notice.TextContent, @"\s+", " "));
    }
}

/// <summary>/health while the breaker is open: degraded, so a monitor sees it, while the portal still answers.</summary>
public sealed class GatewayOutageHealthTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_is_degraded_while_the_circuit_is_open()
    {
        using var client = factory.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        await GatewayOutages.TripAsync(factory.Services.GetRequiredService<GatewayRetry>(), FailureReasons.InDoubt);

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }
}

internal static class GatewayOutages
{
    /// <summary>Fails hand-overs with <paramref name="reason"/> (not retried) until the breaker opens.</summary>
    public static async Task TripAsync(GatewayRetry retry, string reason)
    {
        for (var i = 0; i < 100 && retry.Outage is null; i++)
        {
            await Assert.ThrowsAsync<SmsGatewayException>(() => retry.Pipeline.ExecuteAsync<string>(_ =>
                ValueTask.FromException<string>(new SmsGatewayException(reason, isTransient: reason != FailureReasons.InDoubt, "failing"))).AsTask());
        }
        Assert.NotNull(retry.Outage);
    }
}
