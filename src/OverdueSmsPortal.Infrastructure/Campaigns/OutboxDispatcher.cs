using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Settings;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

public enum DispatchState
{
    /// <summary>Every message of the run is final or has left.</summary>
    Finished = 1,
    /// <summary>The campaign is paused; the run goes on when it resumes.</summary>
    Paused = 2,
    /// <summary>Nothing is due now; the next message is due at <see cref="DispatchOutcome.NextDueAt"/>.</summary>
    Waiting = 3,
}

public sealed record DispatchOutcome(DispatchState State, DateTimeOffset? NextDueAt = null);

/// <summary>
/// The second half of a run (DESIGN §2.8): hands the outbox to the gateway at the campaign's cap.
/// Right before a message leaves, the send policy and the contact hours are checked again with what
/// is true at that moment. A message is claimed (saved as Sending) before the gateway sees it, so a
/// crash leaves it in doubt rather than forgotten: a gateway that recognises repeated ids gets it again,
/// any other gateway's in-doubt messages fail rather than risk a second copy.
/// <para>
/// A run may be drained by several lanes at once (<see cref="DispatchOptions.Lanes"/>), on one node or
/// spread over a cluster: each claim takes its rows with <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL,
/// so no two lanes ever hold one message, and locks the customers it decides on, so that two runs never
/// both find a customer free. Each lane is worked by one node at a time (a Quartz job that disallows
/// concurrent execution), so a message its lane left Sending is in doubt only when that lane starts again.
/// </para>
/// </summary>
public sealed partial class OutboxDispatcher(
    PortalDbContext db,
    ISmsGateway gateway,
    GatewayRetry retry,
    OutboxWrites writes,
    CampaignPacer pacer,
    ClaimLock claimLock,
    ContactStates contactStates,
    SendPolicyStore policyStore,
    MessageWriter writer,
    BusinessClock businessClock,
    TimeProvider clock,
    IOptions<DispatchOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private sealed record Claimed(long Id, string Phone, string Body, TimeZoneInfo Zone, int? Payday);

    /// <summary>
    /// Sends what is due in the run, as lane <paramref name="lane"/>, until nothing more is, the campaign
    /// pauses, or the run ends.
    /// </summary>
    public async Task<DispatchOutcome> DispatchAsync(long runId, int lane = 0, CancellationToken cancellationToken = default)
    {
        await RecoverInDoubtAsync(runId, lane, cancellationToken);
        while (true)
        {
            db.ChangeTracker.Clear();
            var run = await db.CampaignRuns.FirstAsync(r => r.Id == runId, cancellationToken);
            if (run.IsFinished)
            {
                return new DispatchOutcome(DispatchState.Finished);
            }
            var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == run.CampaignId, cancellationToken);
            if (campaign.Status == CampaignStatus.Paused)
            {
                return new DispatchOutcome(DispatchState.Paused);
            }
            if (campaign.Status is not (CampaignStatus.Active or CampaignStatus.Completed))
            {
                // Cancelled, or changed since approval: what it would still send is no longer approved.
                await CancelRestAsync(run, cancellationToken);
                return new DispatchOutcome(DispatchState.Finished);
            }
            await writes.ExpireOverdueAsync(run, cancellationToken);
            var claimed = await ClaimAsync(run, campaign, lane, cancellationToken);
            if (claimed.Count == 0)
            {
                var next = await db.OutboxMessages.AsNoTracking()
                    .Where(m => m.RunId == runId && m.Status == MessageStatus.Waiting)
                    .OrderBy(m => m.DueAt).Select(m => (DateTimeOffset?)m.DueAt).FirstOrDefaultAsync(cancellationToken);
                if (next is null)
                {
                    // Another lane still has messages with the gateway: the last lane to finish completes the run.
                    if (!await db.OutboxMessages.AnyAsync(m => m.RunId == runId && m.Status == MessageStatus.Sending, cancellationToken))
                    {
                        await CompleteAsync(runId, cancellationToken);
                    }
                    return new DispatchOutcome(DispatchState.Finished);
                }
                if (next > clock.GetUtcNow())
                {
                    return new DispatchOutcome(DispatchState.Waiting, next);
                }
                continue;
            }
            await SendAsync(campaign, run, claimed, cancellationToken);
        }
    }

    /// <summary>Completes the run once: two lanes finishing together both get here, the second finds it done.</summary>
    private async Task CompleteAsync(long runId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var run = await db.CampaignRuns.FirstAsync(r => r.Id == runId, cancellationToken);
        if (run.IsFinished)
        {
            return;
        }
        run.Complete(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogRunFinished(run.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another lane completed it between the read and the save.
        }
    }

    /// <summary>
    /// Messages a crash left between claim and result. Only one dispatcher works a lane at a time, so
    /// any Sending message of this lane found when it starts was left by a crash: those not yet on their
    /// way wait again, those that were are in doubt.
    /// </summary>
    private async Task RecoverInDoubtAsync(long runId, int lane, CancellationToken cancellationToken)
    {
        var recovered = await writes.RecoverInDoubtAsync(runId, lane, gateway.DeduplicatesByMessageId, cancellationToken);
        if (recovered.NotHandedOver > 0)
        {
            LogNotHandedOver(runId, recovered.NotHandedOver);
        }
        if (recovered.InDoubt > 0)
        {
            LogInDoubt(runId, recovered.InDoubt, gateway.DeduplicatesByMessageId);
        }
    }

    private async Task CancelRestAsync(CampaignRun run, CancellationToken cancellationToken)
    {
        await writes.SuppressWaitingAsync(run.Id, SuppressionReason.Cancelled, cancellationToken);
        run.Cancel(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogRunCancelled(run.Id);
    }

    /// <summary>
    /// Takes the messages due now, checks each against the policy as it stands, and claims those that
    /// may leave, in one transaction. Claims across runs are serialised per customer (in this process
    /// by <see cref="ClaimLock"/>, across nodes by the customers' row locks), so two campaigns cannot
    /// both decide that a customer is free and both send.
    /// </summary>
    private async Task<List<Claimed>> ClaimAsync(CampaignRun run, Campaign campaign, int lane, CancellationToken cancellationToken)
    {
        var batchSize = Math.Clamp(campaign.ThroughputPerSecond * 2, 1, options.Value.MaxBatch);
        var settings = await policyStore.LoadAsync(cancellationToken);
        using var _ = await claimLock.EnterAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // On PostgreSQL the row locks below last until the claim commits. SQLite keeps its claim as before,
        // reads then one save: a transaction that read first would fail, not wait, when a delivery report
        // was written in between (WAL's snapshot rule), and SQLite has one writer anyway.
        await using var transaction = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var due = await DueAsync(run.Id, now, batchSize, cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }
        var customerIds = due.Select(m => m.CustomerId).Distinct().Order().ToList();
        await LockCustomersAsync(customerIds, cancellationToken);
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        await RewriteStaleAsync(due, customers, now, cancellationToken);
        var states = await contactStates.LoadAsync(customers.Values, now, settings, cancellationToken);
        var claimed = new List<Claimed>(due.Count);
        var escalating = new HashSet<long>();
        foreach (var message in due.Where(m => m.Status == MessageStatus.Waiting))
        {
            var customer = customers[message.CustomerId];
            var state = states[customer.Id];
            var decision = SendPolicy.Decide(state, new CandidateMessage(message.Fingerprint, message.RenderedFor, message.DaysOverdue), now,
                settings);
            if (decision.Escalate && escalating.Add(customer.Id))
            {
                db.EscalationEntries.Add(new EscalationEntry(customer.Id, campaign.Id, state.UnansweredOverdue, now));
            }
            if (decision.Reason is { } reason)
            {
                message.Suppress(reason, now);
                continue;
            }
            var zone = CustomerZones.Find(customer.TimeZone);
            var opening = ContactHours.NextOpening(now, zone, campaign.Window, customer.PaydayOfMonth, run.EndsAt);
            if (opening is null)
            {
                message.Expire(now);
            }
            else if (opening > now)
            {
                message.WaitUntil(opening.Value);
            }
            else
            {
                message.Claim(customer.Phone, now, lane);
                claimed.Add(new Claimed(message.Id, customer.Phone, message.Body, zone, customer.PaydayOfMonth));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return claimed;
    }

    /// <summary>
    /// The run's messages due now, oldest first. On PostgreSQL their rows are locked for this claim and
    /// rows another lane is claiming are skipped, not waited for; SQLite has one writer, so a claim
    /// there holds the whole database anyway.
    /// </summary>
    private Task<List<OutboxMessage>> DueAsync(long runId, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return db.OutboxMessages.FromSql($"""
                SELECT * FROM "OutboxMessages"
                WHERE "RunId" = {runId} AND "Status" = {(int)MessageStatus.Waiting} AND "DueAt" <= {now}
                ORDER BY "DueAt", "Id"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        return db.OutboxMessages
            .Where(m => m.RunId == runId && m.Status == MessageStatus.Waiting && m.DueAt <= now)
            .OrderBy(m => m.DueAt).ThenBy(m => m.Id).Take(batchSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// On PostgreSQL, locks the customers a claim decides on until it commits, in id order (so that two
    /// claims never wait on each other in a circle): a claim of another run, on any node, that meets one
    /// of them waits, then reads the contact state this claim left. <c>NO KEY UPDATE</c>: new messages
    /// referring to these customers (the planner) are not held up.
    /// </summary>
    private async Task LockCustomersAsync(List<long> customerIds, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var ids = customerIds.ToArray();
            await db.Database.ExecuteSqlAsync($"""
                SELECT 1 FROM "Customers" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR NO KEY UPDATE
                """, cancellationToken);
        }
    }

    /// <summary>
    /// A message that waited into a later business day is written again for today, so that the days
    /// overdue and the amount it states are today's (the policy then judges the text that will leave).
    /// </summary>
    private async Task RewriteStaleAsync(List<OutboxMessage> due, IReadOnlyDictionary<long, Customer> customers, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var today = businessClock.Today();
        var stale = due.Where(m => m.RenderedFor < today).ToList();
        if (stale.Count == 0)
        {
            return;
        }
        var versionIds = stale.Where(m => m.TemplateVersionId is not null).Select(m => m.TemplateVersionId!.Value).Distinct().ToList();
        var texts = await db.TemplateVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new ApprovedText(v.Id, v.Template!.Tone, v.Body))
            .ToDictionaryAsync(v => v.VersionId, cancellationToken);
        foreach (var message in stale)
        {
            var text = message.TemplateVersionId is { } id ? texts.GetValueOrDefault(id) : null;
            var rewritten = text is null ? null : writer.Write(text, message.Variant, customers[message.CustomerId], today);
            if (rewritten is null)
            {
                message.Suppress(SuppressionReason.RenderFailed, now);
            }
            else
            {
                message.Rewrite(rewritten);
            }
        }
    }

    /// <summary>
    /// Hands the claimed messages over at the campaign's cap, up to <see cref="DispatchOptions.Concurrency"/>
    /// at a time (a real gateway takes milliseconds to answer; one at a time would cap every campaign at
    /// its latency). A gateway that stays down stops the batch: what was not handed over waits.
    /// <para>
    /// The claim only reserves the batch. Before messages go, the results that came back are saved and as
    /// many messages as there are free hand-over slots are noted as on their way, in one transaction: at
    /// any instant at most <see cref="DispatchOptions.Concurrency"/> messages of this lane are on their way
    /// without a saved result, so a crash leaves at most that many in doubt, and the rest of the batch,
    /// which the gateway never saw, simply waits again.
    /// </para>
    /// </summary>
    private async Task SendAsync(Campaign campaign, CampaignRun run, List<Claimed> claimed, CancellationToken cancellationToken)
    {
        var results = new List<SendResult>(options.Value.Concurrency);
        var inFlight = new List<Task<SendResult>>();
        var launched = 0;
        var noted = 0;
        var gatewayWasDown = run.GatewayDownSince is not null;
        DateTimeOffset? releaseAt = null;

        async Task HarvestAsync(Task<SendResult> done)
        {
            inFlight.Remove(done);
            var result = await done;
            results.Add(result);
            if (result.GatewayProblem is { } problem)
            {
                if (releaseAt is null)
                {
                    // The gateway is down: the rest of the batch waits with this message, none is failed.
                    releaseAt = result.DueAt;
                    await writes.MarkGatewayAsync(run.Id, problem, CancellationToken.None);
                    LogGatewayDown(run.Id, problem, options.Value.GatewayDownRetryDelay.TotalSeconds);
                }
            }
            else if (gatewayWasDown && result.Status == MessageStatus.Sent)
            {
                await writes.MarkGatewayAsync(run.Id, null, CancellationToken.None);
                gatewayWasDown = false;
                LogGatewayBack(run.Id);
            }
        }

        try
        {
            foreach (var message in claimed)
            {
                if (releaseAt is not null)
                {
                    break;
                }
                if (launched == noted)
                {
                    // A slot is always free here (the harvest below keeps fewer than Concurrency in flight).
                    var onTheirWay = claimed.Skip(launched).Take(options.Value.Concurrency - inFlight.Count).Select(m => m.Id).ToList();
                    await writes.SaveResultsAsync(results, cancellationToken, handingOver: onTheirWay);
                    noted += onTheirWay.Count;
                }
                await pacer.WaitTurnAsync(campaign.Id, campaign.ThroughputPerSecond, cancellationToken);
                inFlight.Add(SendOneAsync(campaign, run, message, cancellationToken));
                launched++;
                while (inFlight.Count >= options.Value.Concurrency || inFlight.Any(t => t.IsCompleted))
                {
                    await HarvestAsync(await Task.WhenAny(inFlight));
                }
            }
            while (inFlight.Count > 0)
            {
                await HarvestAsync(await Task.WhenAny(inFlight));
            }
        }
        finally
        {
            // Shutting down, or the gateway is down: what was not handed over goes back to waiting, not
            // into doubt. A hand-over cut short by the shutdown stays Sending: its outcome is unknown.
            var at = releaseAt ?? clock.GetUtcNow();
            results.AddRange(claimed.Skip(launched).Select(m => new SendResult(m.Id, MessageStatus.Waiting, DueAt: at)));
            results.AddRange(inFlight.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            await writes.SaveResultsAsync(results, CancellationToken.None);
        }
    }

    private async Task<SendResult> SendOneAsync(Campaign campaign, CampaignRun run, Claimed message, CancellationToken cancellationToken)
    {
        // The batch was checked a moment ago; the hours are checked again at the instant it leaves.
        var now = clock.GetUtcNow();
        var opening = ContactHours.NextOpening(now, message.Zone, campaign.Window, message.Payday, run.EndsAt);
        if (opening is null)
        {
            return new SendResult(message.Id, MessageStatus.Expired);
        }
        if (opening > now)
        {
            return new SendResult(message.Id, MessageStatus.Waiting, DueAt: opening);
        }
        try
        {
            var accepted = await retry.Pipeline.ExecuteAsync(
                async token => await gateway.SendAsync(new SmsRequest(message.Id, message.Phone, message.Body), token), cancellationToken);
            return new SendResult(message.Id, MessageStatus.Sent, accepted.GatewayMessageId);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException e)
        {
            // The breaker holds the gateway off: nothing was handed over, the message waits for the next try.
            var outage = retry.Outage;
            var nextTry = outage?.NextTry ?? clock.GetUtcNow() + (e.RetryAfter ?? options.Value.GatewayDownRetryDelay);
            return new SendResult(message.Id, MessageStatus.Waiting, DueAt: Later(nextTry, clock.GetUtcNow() + TimeSpan.FromSeconds(1)),
                GatewayProblem: outage?.Problem ?? FailureReasons.GatewayUnavailable);
        }
        catch (SmsGatewayException e) when (e.IsTransient)
        {
            return GatewayDown(message, e.Reason);
        }
        catch (SmsGatewayException e) when (e.Reason == FailureReasons.InDoubt)
        {
            // The gateway may have taken it (smsbox queues a message before it answers): it is not handed
            // over again, and its delivery report, or the lack of one, says what became of it.
            LogSentInDoubt(message.Id);
            return new SendResult(message.Id, MessageStatus.Sent, Failure: FailureReasons.InDoubt);
        }
        catch (SmsGatewayException e)
        {
            LogSendFailed(message.Id, e.Reason, e.IsTransient);
            return new SendResult(message.Id, MessageStatus.Failed, Failure: e.Reason);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            return GatewayDown(message, FailureReasons.GatewayUnavailable);
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Still failing after the retries: the message waits for the gateway and is tried again later.</summary>
    private SendResult GatewayDown(Claimed message, string problem) =>
        new(message.Id, MessageStatus.Waiting, DueAt: clock.GetUtcNow() + options.Value.GatewayDownRetryDelay, GatewayProblem: problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the gateway is down ({Problem}); its messages wait and are tried again in {Seconds} s")]
    private partial void LogGatewayDown(long runId, string problem, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: the gateway answers again")]
    private partial void LogGatewayBack(long runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Count} messages claimed before a restart had not reached the gateway; they wait again")]
    private partial void LogNotHandedOver(long runId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Count} messages were in doubt after a restart; handed over again: {Resent}")]
    private partial void LogInDoubt(long runId, int count, bool resent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: the gateway's answer was lost; it counts as sent and waits for its delivery report")]
    private partial void LogSentInDoubt(long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} failed at the gateway: {Reason} (transient: {Transient})")]
    private partial void LogSendFailed(long messageId, string reason, bool transient);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished")]
    private partial void LogRunFinished(long runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} cancelled; messages not sent are suppressed")]
    private partial void LogRunCancelled(long runId);
}
