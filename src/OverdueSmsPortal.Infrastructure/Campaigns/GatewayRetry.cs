using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// Retries a gateway's transient failures (unreachable, busy, throttled) with exponential back-off and
/// jitter; refusals that will not change on retry (a bad number, a rejected text) fail at once.
/// </summary>
public sealed class GatewayRetry
{
    public GatewayRetry(TimeProvider clock, IOptions<DispatchOptions> options)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (options.Value.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<SmsGatewayException>(e => e.IsTransient)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.Value.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Value.RetryDelay,
            });
        }
        Pipeline = builder.Build();
    }

    public ResiliencePipeline Pipeline { get; }
}
