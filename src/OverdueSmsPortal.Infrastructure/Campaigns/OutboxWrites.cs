using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>What became of one claimed message: sent, failed, expired, or back to waiting until <see cref="DueAt"/>.</summary>
/// <see cref="GatewayProblem"/> is set when the gateway could not be reached: the message waits, the run notes the gateway as down.
public sealed record SendResult(long Id, MessageStatus Status, string? GatewayMessageId = null, string? Failure = null,
    DateTimeOffset? DueAt = null, string? GatewayProblem = null);

/// <summary>What a lane found when it started again: messages in doubt, and claimed ones the gateway never saw.</summary>
public sealed record Recovered(int InDoubt, int NotHandedOver);

/// <summary>
/// The dispatcher's bulk writes to the outbox. Each update names the state it expects the message to
/// be in, so a write never overtakes another (a delivery report that came first stays).
/// </summary>
public sealed class OutboxWrites(PortalDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Writes results in one transaction, each only onto a message still in the state it left it in:
    /// a delivery report that overtook the result is not overwritten. In the same transaction, the claimed
    /// messages <paramref name="handingOver"/> are noted as on their way to the gateway: from then on a
    /// crash leaves them in doubt, where before it only returned them to waiting.
    /// </summary>
    public async Task SaveResultsAsync(List<SendResult> results, CancellationToken cancellationToken,
        IReadOnlyCollection<long>? handingOver = null)
    {
        if (results.Count == 0 && (handingOver is null || handingOver.Count == 0))
        {
            return;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (handingOver is { Count: > 0 })
        {
            await db.OutboxMessages.Where(m => handingOver.Contains(m.Id) && m.Status == MessageStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.HandOverAt, now), cancellationToken);
        }
        foreach (var result in results)
        {
            var message = db.OutboxMessages.Where(m => m.Id == result.Id);
            switch (result.Status)
            {
                case MessageStatus.Sent:
                    // A delivery report may have overtaken the result (moved it on, even failed it): its state stays.
                    await message.Where(m => m.Status == MessageStatus.Sending || m.Status == MessageStatus.Sent
                                             || m.Status == MessageStatus.Delivered || m.Status == MessageStatus.Failed)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(m => m.Status, m => m.Status == MessageStatus.Sending ? MessageStatus.Sent : m.Status)
                            .SetProperty(m => m.GatewayMessageId, result.GatewayMessageId)
                            // Set only on a message in doubt, until its delivery report says more.
                            .SetProperty(m => m.FailureReason, m => m.Status == MessageStatus.Sending ? result.Failure : m.FailureReason)
                            .SetProperty(m => m.SentAt, m => m.SentAt ?? now), cancellationToken);
                    break;
                case MessageStatus.Failed:
                    await message.Where(m => m.Status == MessageStatus.Sending).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, MessageStatus.Failed)
                        .SetProperty(m => m.FailureReason, result.Failure)
                        .SetProperty(m => m.FinishedAt, now), cancellationToken);
                    break;
                case MessageStatus.Expired:
                    await message.Where(m => m.Status == MessageStatus.Sending).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, MessageStatus.Expired)
                        .SetProperty(m => m.FinishedAt, now), cancellationToken);
                    break;
                default:
                    await message.Where(m => m.Status == MessageStatus.Sending).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, MessageStatus.Waiting)
                        .SetProperty(m => m.DueAt, result.DueAt ?? now), cancellationToken);
                    break;
            }
        }
        await transaction.CommitAsync(cancellationToken);
        results.Clear();
    }

    /// <summary>
    /// Messages lane <paramref name="lane"/> had claimed when a crash struck. Those the gateway never saw
    /// (claimed, not yet on their way) simply wait again. Those that may have reached it are in doubt:
    /// handed over again under the same id when the gateway recognises repeats, otherwise failed as in
    /// doubt, as a second copy is worse than none. Lane 0 also takes those claimed before lanes existed.
    /// </summary>
    public async Task<Recovered> RecoverInDoubtAsync(long runId, int lane, bool handOverAgain, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = db.OutboxMessages.Where(m => m.RunId == runId && m.Status == MessageStatus.Sending
                                                   && (m.Lane == lane || (lane == 0 && m.Lane == null)));
        void WaitAgain(UpdateSettersBuilder<OutboxMessage> s) => s.SetProperty(m => m.Status, MessageStatus.Waiting).SetProperty(m => m.DueAt, now);
        // Two statements, to count apart a lane that lost nothing from one whose messages may have reached the gateway.
        var notHandedOver = await claimed.Where(m => m.HandOverAt == null).ExecuteUpdateAsync(WaitAgain, cancellationToken);
        var inDoubt = handOverAgain
            ? await claimed.ExecuteUpdateAsync(WaitAgain, cancellationToken)
            : await claimed.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Failed)
                .SetProperty(m => m.FailureReason, FailureReasons.InDoubt)
                .SetProperty(m => m.FinishedAt, now), cancellationToken);
        return new Recovered(inDoubt, notHandedOver);
    }

    /// <summary>Notes on the run that the gateway is down (since the first failure), or up again when <paramref name="problem"/> is null.</summary>
    public Task<int> MarkGatewayAsync(long runId, string? problem, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var run = db.CampaignRuns.Where(r => r.Id == runId);
        return problem is null
            ? run.Where(r => r.GatewayDownSince != null).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.GatewayDownSince, (DateTimeOffset?)null)
                .SetProperty(r => r.GatewayProblem, (string?)null), cancellationToken)
            : run.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.GatewayDownSince, r => r.GatewayDownSince ?? now)
                .SetProperty(r => r.GatewayProblem, problem), cancellationToken);
    }

    /// <summary>
    /// Messages that left long ago and never got a final delivery report expire (the gateway or the
    /// carrier lost track of them); a late report can still mark them delivered or failed.
    /// </summary>
    public Task<int> ExpireUnreportedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - timeout;
        return db.OutboxMessages.Where(m => m.Status == MessageStatus.Sent && m.SentAt != null && m.SentAt < cutoff)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Expired)
                .SetProperty(m => m.FailureReason, FailureReasons.NoDeliveryReport)
                .SetProperty(m => m.FinishedAt, now), cancellationToken);
    }

    /// <summary>Every message of the run that has not left is suppressed with <paramref name="reason"/>.</summary>
    public Task<int> SuppressWaitingAsync(long runId, SuppressionReason reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.OutboxMessages.Where(m => m.RunId == runId && m.Status == MessageStatus.Waiting)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Suppressed)
                .SetProperty(m => m.SuppressionReason, reason)
                .SetProperty(m => m.FinishedAt, now), cancellationToken);
    }

    /// <summary>Waiting messages that cannot leave before the run ends (or all of them, once it has) expire.</summary>
    public Task<int> ExpireOverdueAsync(CampaignRun run, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var endsAt = run.EndsAt;
        var query = now >= endsAt
            ? db.OutboxMessages.Where(m => m.RunId == run.Id && m.Status == MessageStatus.Waiting)
            : db.OutboxMessages.Where(m => m.RunId == run.Id && m.Status == MessageStatus.Waiting && m.DueAt > endsAt);
        return query.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Expired).SetProperty(m => m.FinishedAt, now),
            cancellationToken);
    }
}
