using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using Polly.CircuitBreaker;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>The breaker in <see cref="GatewayRetry"/> on a clock the test moves: when it opens, what it lets through, when it closes.</summary>
public sealed class GatewayCircuitTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private readonly FixedClock clock = new(Start);
    private readonly GatewayRetry retry;
    private int calls;

    public GatewayCircuitTests() => retry = new GatewayRetry(clock, Options.Create(new DispatchOptions
    {
        RetryAttempts = 0,
        CircuitBreakerMinimumThroughput = 4,
        CircuitBreakerFailureRatio = 0.5,
        CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30),
        CircuitBreakDuration = TimeSpan.FromSeconds(20),
    }));

    private Task<string> SendAsync(Exception? failure) => retry.Pipeline.ExecuteAsync<string>(_ =>
    {
        calls++;
        return failure is null ? ValueTask.FromResult("ok") : ValueTask.FromException<string>(failure);
    }).AsTask();

    private static SmsGatewayException Unreachable() => new("unreachable", isTransient: true, "down");

    [Fact]
    public async Task Failures_open_the_circuit_which_holds_the_gateway_off_until_the_break_is_over_and_a_trial_succeeds()
    {
        Assert.Equal("ok", await SendAsync(null));
        await Assert.ThrowsAsync<SmsGatewayException>(() => SendAsync(Unreachable()));
        await Assert.ThrowsAsync<SmsGatewayException>(() => SendAsync(Unreachable()));
        Assert.Null(retry.Outage);
        clock.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<SmsGatewayException>(() => SendAsync(Unreachable()));

        // 3 of 4 failed: open. The gateway is not called while it is.
        Assert.Equal(new GatewayOutage(Start.AddSeconds(2), Start.AddSeconds(22), "unreachable"), retry.Outage);
        var held = await Assert.ThrowsAsync<BrokenCircuitException>(() => SendAsync(null));
        Assert.Equal(4, calls);
        Assert.NotNull(held.RetryAfter);
        clock.Advance(TimeSpan.FromSeconds(19));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => SendAsync(null));
        Assert.Equal(4, calls);

        // The break is over: one trial. It fails, so the circuit opens again; the outage goes on since it began.
        clock.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<SmsGatewayException>(() => SendAsync(Unreachable()));
        Assert.Equal(5, calls);
        Assert.Equal(new GatewayOutage(Start.AddSeconds(2), Start.AddSeconds(43), "unreachable"), retry.Outage);

        // Next break over, the trial goes through: closed, and every call goes to the gateway again.
        clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal("ok", await SendAsync(null));
        Assert.Null(retry.Outage);
        Assert.Equal("ok", await SendAsync(null));
        Assert.Equal(7, calls);
    }

    [Fact]
    public async Task Answers_in_doubt_count_against_the_gateway_but_refusals_of_a_message_do_not()
    {
        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<SmsGatewayException>(() =>
                SendAsync(new SmsGatewayException(FailureReasons.GatewayBadNumber, isTransient: false, "bad number")));
        }
        Assert.Null(retry.Outage);

        // Six answers in doubt after the six refusals: half of the twelve hand-overs failed the gateway.
        for (var i = 0; i < 6; i++)
        {
            Assert.Null(retry.Outage);
            await Assert.ThrowsAsync<SmsGatewayException>(() =>
                SendAsync(new SmsGatewayException(FailureReasons.InDoubt, isTransient: false, "no answer")));
        }
        Assert.Equal(FailureReasons.InDoubt, retry.Outage?.Problem);
    }

    [Fact]
    public async Task A_minimum_throughput_of_zero_turns_the_breaker_off()
    {
        var off = new GatewayRetry(clock, Options.Create(new DispatchOptions { RetryAttempts = 0, CircuitBreakerMinimumThroughput = 0 }));
        for (var i = 0; i < 50; i++)
        {
            await Assert.ThrowsAsync<SmsGatewayException>(() => off.Pipeline.ExecuteAsync<string>(_ =>
                ValueTask.FromException<string>(Unreachable())).AsTask());
        }
        Assert.Null(off.Outage);
    }
}
