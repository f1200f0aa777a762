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
