using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>
/// Plays the carrier for the development gateway: a short while after a message was handed over, it
/// reports it delivered, as a real gateway's delivery report would.
/// </summary>
public sealed partial class DevelopmentGatewayDelivery(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<DispatchOptions> options,
    ILogger<DevelopmentGatewayDelivery> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private const int Batch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ReportDueAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reports the messages whose delay has passed; returns how many.</summary>
    public async Task<int> ReportDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var cutoff = now - options.Value.DevelopmentDeliveryDelay;
        var ids = await db.DevelopmentGatewayMessages.AsNoTracking()
            .Where(m => m.ReportedAt == null && m.ReceivedAt <= cutoff)
            .OrderBy(m => m.ReceivedAt).Select(m => m.MessageId).Take(Batch)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DevelopmentGatewayMessages.Where(m => ids.Contains(m.MessageId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReportedAt, now), cancellationToken);
        await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && (m.Status == MessageStatus.Sent || m.Status == MessageStatus.Sending))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Delivered)
                .SetProperty(m => m.DeliveredAt, now)
                .SetProperty(m => m.FinishedAt, now)
                .SetProperty(m => m.SentAt, m => m.SentAt ?? now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The development gateway could not report deliveries")]
    private partial void LogFailed(Exception exception);
}
