using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Health;

/// <summary>
/// The one place where a request that failed because of the database itself (locked past the busy
/// timeout, full, read-only, an I/O error, a PostgreSQL server out of reach) becomes an answer: 503 with
/// a problem that names the fault in the caller's language and a Retry-After, so that API clients and
/// Kannel's callbacks send it again later. The database rolled the failed save back, so nothing of it is stored.
/// </summary>
public sealed partial class DatabaseFaultMiddleware(RequestDelegate next, ILogger<DatabaseFaultMiddleware> logger)
{
    public const string RetryAfterSeconds = "5";

    public async Task InvokeAsync(HttpContext http, DatabaseFaultMonitor monitor, IStringLocalizer<SharedResource> localizer,
        IProblemDetailsService problems)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (DatabaseFaults.Classify(e) is { } fault && !http.Response.HasStarted)
        {
            monitor.Record(fault);
            LogFault(logger, e, http.Request.Method, http.Request.Path, fault);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = e,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = localizer[DatabaseFaults.MessageKey(fault)],
                    Detail = localizer["Database.Fault.NothingStored"],
                    Extensions = { ["fault"] = fault.ToString().ToLowerInvariant() },
                },
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed: the database is {Fault}")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string path, DatabaseFault fault);
}

/// <summary>Degraded while a recent write found the database full, read-only, failing or out of reach (the "database" check says whether it answers now).</summary>
public sealed class DatabaseFaultHealthCheck(DatabaseFaultMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(monitor.Recent is { } recent
            ? HealthCheckResult.Degraded($"A write failed at {recent.At:O}: the database is {recent.Fault}.")
            : HealthCheckResult.Healthy());
}
