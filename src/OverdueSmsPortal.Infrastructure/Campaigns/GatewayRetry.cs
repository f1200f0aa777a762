using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>The gateway has failed too often of late: since when, why, and when it is tried again.</summary>
public sealed record GatewayOutage(DateTimeOffset Since, DateTimeOffset NextTry, string Problem);

/// <summary>
/// Retries a gateway's transient failures (unreachable, busy, throttled) with exponential back-off and
/// jitter; refusals that will not change on retry (a bad number, a rejected text) fail at once.
/// Around the retries, a circuit breaker shared by every run: when most hand-overs of late failed
/// even after their retries, or went into doubt (no answer in time, an answer that is not Kannel's),
/// no message is handed over for <see cref="DispatchOptions.CircuitBreakDuration"/>; the dispatcher
/// keeps them waiting (<see cref="BrokenCircuitException"/>), then one is tried, and the circuit
/// closes when it goes through. <see cref="Outage"/> says so to the pages and the health check.
/// </summary>
public sealed class GatewayRetry
{
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private GatewayOutage? outage;

    public GatewayRetry(TimeProvider clock, IOptions<DispatchOptions> options)
    {
        this.clock = clock;
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (settings.CircuitBreakerMinimumThroughput > 0)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<SmsGatewayException>(e => e.IsTransient || e.Reason == FailureReasons.InDoubt)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                FailureRatio = settings.CircuitBreakerFailureRatio,
                MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
                SamplingDuration = settings.CircuitBreakerSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
                OnOpened = args =>
                {
                    Opened(args.BreakDuration, Problem(args.Outcome.Exception));
                    return default;
                },
                OnClosed = _ =>
                {
                    Closed();
                    return default;
                },
            });
        }
        if (settings.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<SmsGatewayException>(e => e.IsTransient)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = settings.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
            });
        }
        Pipeline = builder.Build();
    }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>Null while the circuit is closed (the gateway is used as usual).</summary>
    public GatewayOutage? Outage
    {
        get
        {
            lock (gate)
            {
                return outage;
            }
        }
    }

    private void Opened(TimeSpan breakDuration, string problem)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            // Opened again after a failed trial: the outage goes on since it began.
            outage = new GatewayOutage(outage?.Since ?? now, now + breakDuration, problem);
        }
    }

    private void Closed()
    {
        lock (gate)
        {
            outage = null;
        }
    }

    private static string Problem(Exception? failure) => failure switch
    {
        SmsGatewayException gateway => gateway.Reason,
        _ => FailureReasons.GatewayUnavailable,
    };
}
