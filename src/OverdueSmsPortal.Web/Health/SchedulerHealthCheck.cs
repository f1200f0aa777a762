using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace OverdueSmsPortal.Web.Health;

/// <summary>Healthy while the Quartz scheduler that runs campaigns is started and not paused.</summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.GetStatus(cancellationToken) == SchedulerStatus.Running
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The job scheduler is not running.");
    }
}

/// <summary>Degraded while the gateway's circuit breaker is open: messages wait, and the portal says since when and until when.</summary>
public sealed class GatewayHealthCheck(OverdueSmsPortal.Infrastructure.Campaigns.GatewayRetry retry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(retry.Outage is { } outage
            ? HealthCheckResult.Degraded(
                $"The SMS gateway is unavailable since {outage.Since:O} ({outage.Problem}); next try at {outage.NextTry:O}.")
            : HealthCheckResult.Healthy());
}
