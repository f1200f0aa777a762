using System.ComponentModel.DataAnnotations;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>How the outbox is handed to the gateway (<c>Portal:Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    public const string Section = "Portal:Dispatch";

    /// <summary>Retries of a transient gateway failure before the gateway counts as down for the moment.</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; each further retry waits about twice as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Messages of one run handed to the gateway at the same time. A gateway answers in milliseconds
    /// (Kannel's smsbox in about 10), so one at a time would hold a campaign at about 100 a second
    /// whatever its cap; the cap still spaces the hand-overs. It is also the most messages a lane killed
    /// mid-run can leave in doubt: only those on their way without a saved result.
    /// </summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// Lanes that drain one run side by side, each a Quartz job of its own that one node works at a
    /// time: with several nodes on PostgreSQL, each node takes some of them. Null: 1 on SQLite (one
    /// node), 4 on PostgreSQL. The run's throughput cap holds for all lanes together.
    /// </summary>
    [Range(1, 32)]
    public int? Lanes { get; set; }

    /// <summary>
    /// Most messages claimed (checked against the policy and reserved) at once. A crash puts none of them
    /// in doubt that had not started on their way: those simply wait again.
    /// </summary>
    [Range(1, 1000)]
    public int MaxBatch { get; set; } = 200;

    /// <summary>
    /// While the gateway is down, how long a run waits before it tries again; its messages wait, they
    /// do not fail, and expire only when the run ends.
    /// </summary>
    public TimeSpan GatewayDownRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Hand-overs in <see cref="CircuitBreakerSamplingDuration"/> before the circuit breaker judges the
    /// gateway at all; 0 turns the breaker off.
    /// </summary>
    [Range(0, 10_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The share of those hand-overs that failed (after their retries) or went into doubt that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>How far back the breaker looks.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Once open, how long no message is handed over before one is tried again.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A message that left but has no final delivery report after this long is marked expired.</summary>
    public TimeSpan DeliveryReportTimeout { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How long the development gateway waits before it reports a message delivered.</summary>
    public TimeSpan DevelopmentDeliveryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
