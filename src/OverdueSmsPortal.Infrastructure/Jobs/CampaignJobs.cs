using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using Quartz;

namespace OverdueSmsPortal.Infrastructure.Jobs;

/// <summary>One firing of a campaign's trigger: opens the run for it and has it worked.</summary>
[DisallowConcurrentExecution]
public sealed class CampaignFireJob(PortalDbContext db, RunPlanner planner, CampaignScheduler scheduler, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var campaignId = context.MergedJobDataMap.GetLong(CampaignScheduler.CampaignIdKey);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return;
        }
        var scheduledFor = context.MergedJobDataMap.ContainsKey(CampaignScheduler.OnceAtKey)
            ? DateTimeOffset.FromUnixTimeMilliseconds(context.MergedJobDataMap.GetLong(CampaignScheduler.OnceAtKey))
            : scheduler.FiringOf(campaign, context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        var nextFiring = await CampaignScheduler.NextFiringAsync(context, cancellationToken);
        var run = await planner.OpenRunAsync(campaignId, scheduledFor, nextFiring, cancellationToken);
        if (run is not null)
        {
            await scheduler.TriggerRunAsync(run.Id, cancellationToken: cancellationToken);
        }
        if (nextFiring is null)
        {
            // The schedule has nothing more: the campaign is complete; its last run still finishes.
            var tracked = await db.Campaigns.FirstAsync(c => c.Id == campaignId, cancellationToken);
            if (tracked.Status == CampaignStatus.Active)
            {
                tracked.Complete(clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }
}

/// <summary>
/// Works one lane of a run. Lane 0 plans what is left to plan, then has the other lanes worked; every
/// lane sends what is due. When the next message is due later, the job ends and a trigger brings it
/// back then; a paused campaign's run waits for resume. One execution per lane at a time, on the whole
/// cluster: Quartz's clustered store keeps <see cref="DisallowConcurrentExecutionAttribute"/> across nodes.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RunJob(RunPlanner planner, OutboxDispatcher dispatcher, CampaignScheduler scheduler, TimeProvider clock,
    ILogger<RunJob> logger) : IJob
{
    /// <summary>A wait shorter than this is waited out in the job; a longer one frees the thread.</summary>
    private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(30);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = context.MergedJobDataMap.GetLong(CampaignScheduler.RunIdKey);
        var lane = context.MergedJobDataMap.ContainsKey(CampaignScheduler.LaneKey) ? context.MergedJobDataMap.GetInt(CampaignScheduler.LaneKey) : 0;
        var token = cancellationToken;
        try
        {
            if (context.Recovering)
            {
                LogRecovering(runId, lane);
            }
            if (lane == 0)
            {
                await planner.PlanAsync(runId, token);
                for (var other = 1; other < scheduler.Lanes; other++)
                {
                    await scheduler.TriggerLaneAsync(runId, other, cancellationToken: CancellationToken.None);
                }
            }
            else if (!await planner.IsPlannedAsync(runId, token))
            {
                // Lane 0 plans first and then brings this lane back.
                return;
            }
            else if (await LaneShare.IsFullAsync(context, runId, lane, scheduler.Lanes, token))
            {
                // This node works its share of the run already: another node with room takes this lane.
                var handBacks = LaneShare.HandBacksOf(context) + 1;
                LogHandedBack(runId, lane, handBacks);
                await scheduler.HandBackLaneAsync(runId, lane, handBacks);
                return;
            }
            while (true)
            {
                var outcome = await dispatcher.DispatchAsync(runId, lane, token);
                if (outcome is not { State: DispatchState.Waiting, NextDueAt: { } next })
                {
                    return;
                }
                var wait = next - clock.GetUtcNow();
                if (wait > ShortWait)
                {
                    await scheduler.TriggerLaneAsync(runId, lane, next, cancellationToken: CancellationToken.None);
                    return;
                }
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down: the restorer picks the run up at the next start.
        }
        catch (Exception e)
        {
            LogRunFailed(e, runId, lane);
            // Try again shortly rather than leave the run stranded until the next restart.
            await scheduler.TriggerLaneAsync(runId, lane, clock.GetUtcNow().AddSeconds(30), cancellationToken: CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} lane {Lane} stopped on an error; it is tried again in 30 s")]
    private partial void LogRunFailed(Exception exception, long runId, int lane);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId} lane {Lane} handed back to the cluster ({HandBacks} times): this node works its share")]
    private partial void LogHandedBack(long runId, int lane, int handBacks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} lane {Lane}: taken over after the node working it stopped")]
    private partial void LogRecovering(long runId, int lane);
}

/// <summary>
/// Rebuilds Quartz's in-memory schedule from the database at start: a trigger for every active
/// campaign, and a run job for every run a stop or crash interrupted, which then resumes.
/// </summary>
public sealed partial class CampaignScheduleRestorer(IServiceScopeFactory scopes, ILogger<CampaignScheduleRestorer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var scheduler = scope.ServiceProvider.GetRequiredService<CampaignScheduler>();
        var businessClock = scope.ServiceProvider.GetRequiredService<BusinessClock>();
        var active = await db.Campaigns.Where(c => c.Status == CampaignStatus.Active).ToListAsync(cancellationToken);
        foreach (var campaign in active)
        {
            // The portal was down when the campaign's end passed: it is complete, its runs still finish.
            if (businessClock.EndOf(campaign.EndDate) <= businessClock.UtcNow())
            {
                campaign.Complete(businessClock.UtcNow());
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }
            var ran = await db.CampaignRuns.AnyAsync(r => r.CampaignId == campaign.Id, cancellationToken);
            await scheduler.SyncAsync(campaign, onceAlreadyRan: ran, cancellationToken);
        }
        var unfinished = await db.CampaignRuns.AsNoTracking()
            .Where(r => r.Status == RunStatus.Planning || r.Status == RunStatus.Sending)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in unfinished)
        {
            await scheduler.TriggerRunAsync(runId, cancellationToken: cancellationToken);
        }
        LogRestored(active.Count, unfinished.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Campaigns} active campaigns; resuming {Runs} unfinished runs")]
    private partial void LogRestored(int campaigns, int runs);
}

/// <summary>
/// Every minute: messages that left but never got a final delivery report within
/// <see cref="DispatchOptions.DeliveryReportTimeout"/> are marked expired.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DeliveryReportExpiryJob(OutboxWrites writes, Microsoft.Extensions.Options.IOptions<DispatchOptions> options,
    ILogger<DeliveryReportExpiryJob> logger) : IJob
{
    public static readonly JobKey Key = new("delivery-report-expiry", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var expired = await writes.ExpireUnreportedAsync(options.Value.DeliveryReportTimeout, cancellationToken);
        if (expired > 0)
        {
            LogExpired(expired, options.Value.DeliveryReportTimeout.TotalHours);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} messages had no delivery report after {Hours} h and expired")]
    private partial void LogExpired(int count, double hours);
}

/// <summary>
/// Every 20 seconds: brings the dashboard's roll-ups up to date (<see cref="OutcomeRollups"/>), so a
/// figure shown is never more than a pass and its own length old.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class OutcomeRollupJob(OutcomeRollups rollups, ILogger<OutcomeRollupJob> logger) : IJob
{
    public static readonly JobKey Key = new("outcome-rollup", "maintenance");
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var pass = await rollups.RefreshAsync(cancellationToken);
        if (pass.RunsCounted > 0)
        {
            LogPass(pass.RunsCounted, pass.RowsWritten, pass.Took.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Roll-up counted {Runs} runs into {Rows} rows in {Milliseconds} ms")]
    private partial void LogPass(int runs, int rows, double milliseconds);
}
