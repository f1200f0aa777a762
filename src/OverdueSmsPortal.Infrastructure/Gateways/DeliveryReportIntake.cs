using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Gateways;

public enum DeliveryReportOutcome
{
    /// <summary>The report moved the message or recorded where it stands.</summary>
    Applied = 1,
    /// <summary>The same status for the same message came before: nothing changed.</summary>
    Duplicate = 2,
    /// <summary>Recorded, but the message already had its final answer (e.g. submitted after delivered).</summary>
    Late = 3,
    /// <summary>No message has that id.</summary>
    UnknownMessage = 4,
}

/// <summary>
/// Applies gateways' delivery reports to the outbox (DESIGN §2.10). Each report is kept as a
/// <see cref="DeliveryEvent"/> (every state with its time); the message itself only moves by
/// <see cref="DeliveryReports"/>, in an update guarded by the states it may move from, so duplicates
/// and reports out of order (delivered before submitted) never undo a final answer.
/// </summary>
public sealed partial class DeliveryReportIntake(PortalDbContext db, TimeProvider clock, ILogger<DeliveryReportIntake> logger)
{
    public async Task<DeliveryReportOutcome> ApplyAsync(long messageId, DeliveryStatus status, DateTimeOffset? reportedAt, string? detail,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var at = reportedAt ?? now;
        if (!await db.OutboxMessages.AnyAsync(m => m.Id == messageId, cancellationToken))
        {
            LogUnknown(messageId, status.Code());
            return DeliveryReportOutcome.UnknownMessage;
        }
        if (await db.DeliveryEvents.AnyAsync(e => e.MessageId == messageId && e.Status == status, cancellationToken))
        {
            LogDuplicate(messageId, status.Code());
            return DeliveryReportOutcome.Duplicate;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.DeliveryEvents.Add(new DeliveryEvent(messageId, status, at, now, detail));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same report arrived twice at once and the other one was stored first.
            db.ChangeTracker.Clear();
            LogDuplicate(messageId, status.Code());
            return DeliveryReportOutcome.Duplicate;
        }
        var from = DeliveryReports.MovesFrom(status);
        var to = DeliveryReports.MessageStatusAfter(status);
        // A hand-over whose answer was lost was failed as in doubt; a final report shows it did leave.
        var message = db.OutboxMessages.Where(m => m.Id == messageId && (from.Contains(m.Status)
            || (status.IsFinal() && m.Status == MessageStatus.Failed && m.FailureReason == FailureReasons.InDoubt)));
        int moved;
        if (status.IsFinal())
        {
            var failure = DeliveryReports.FailureReason(status);
            moved = await message.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, to)
                .SetProperty(m => m.DeliveryStatus, status)
                .SetProperty(m => m.ReportedAt, at)
                .SetProperty(m => m.SentAt, m => m.SentAt ?? at)
                .SetProperty(m => m.DeliveredAt, m => status == DeliveryStatus.Delivered ? at : m.DeliveredAt)
                .SetProperty(m => m.FailureReason, failure)
                .SetProperty(m => m.FinishedAt, at), cancellationToken);
        }
        else
        {
            // Submitted and buffered say where a message stands; a message still being handed over has left.
            moved = await message.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, to)
                .SetProperty(m => m.DeliveryStatus, status)
                .SetProperty(m => m.ReportedAt, at)
                .SetProperty(m => m.SentAt, m => m.SentAt ?? at), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (moved == 0)
        {
            LogLate(messageId, status.Code());
            return DeliveryReportOutcome.Late;
        }
        return DeliveryReportOutcome.Applied;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery report {Status} for message {MessageId}, which does not exist")]
    private partial void LogUnknown(long messageId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery report {Status} for message {MessageId} came again; ignored")]
    private partial void LogDuplicate(long messageId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery report {Status} for message {MessageId} came after its final answer; recorded only")]
    private partial void LogLate(long messageId, string status);
}
