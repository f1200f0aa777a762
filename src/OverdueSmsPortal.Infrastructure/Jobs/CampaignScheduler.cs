using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using Quartz;

namespace OverdueSmsPortal.Infrastructure.Jobs;

/// <summary>
/// Keeps Quartz in step with the campaigns (DESIGN §2.8): an active campaign has a trigger that fires
/// <see cref="CampaignFireJob"/>; each run is worked by <see cref="RunJob"/>s of its own, one per lane
/// (<see cref="DispatchOptions.Lanes"/>). On SQLite Quartz's store is in memory; on PostgreSQL it is
/// Quartz's clustered store in the same database, so each firing runs on one node and a dead node's
/// lanes are recovered by another. Either way the campaigns and runs are in our tables:
/// <see cref="CampaignScheduleRestorer"/> brings the triggers in line with them at every start.
/// </summary>
public sealed partial class CampaignScheduler(ISchedulerFactory schedulers, BusinessClock businessClock,
    Microsoft.Extensions.Options.IOptions<DispatchOptions> dispatch, ILogger<CampaignScheduler> logger)
{
    public const string CampaignGroup = "campaigns";
    public const string RunGroup = "runs";
    public const string CampaignIdKey = "campaignId";
    public const string RunIdKey = "runId";
    public const string OnceAtKey = "onceAt";
    public const string LaneKey = "lane";
    public const string HandBacksKey = "handBacks";

    public static JobKey CampaignJob(long campaignId) => new($"campaign-{campaignId}", CampaignGroup);

    /// <summary>The job of one lane of a run; lane 0 (which also plans) keeps the name runs always had.</summary>
    public static JobKey RunJobKey(long runId, int lane = 0) => new(lane == 0 ? $"run-{runId}" : $"run-{runId}-lane-{lane}", RunGroup);

    /// <summary>How many lanes drain each run.</summary>
    public int Lanes => dispatch.Value.Lanes ?? 1;

    /// <summary>Whether Quartz accepts the expression; the campaign form validates with it.</summary>
    public static bool IsValidCron(string expression) => CronExpression.TryParse(expression, out _);

    /// <summary>
    /// The next firings of a schedule after <paramref name="after"/>, up to the end date, for the form
    /// and the campaign page. Empty when the schedule never fires again.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> NextFirings(CampaignSchedule schedule, DateOnly endDate, DateTimeOffset after, int count)
    {
        var end = businessClock.EndOf(endDate);
        var firings = new List<DateTimeOffset>();
        switch (schedule.Kind)
        {
            case ScheduleKind.Once when schedule.OnceAt is { } at:
                var instant = businessClock.ToInstant(at);
                if (instant > after && instant < end)
                {
                    firings.Add(instant);
                }
                break;
            case ScheduleKind.Daily or ScheduleKind.Cron:
                var expression = CronOf(schedule);
                if (expression is null)
                {
                    break;
                }
                var next = expression.GetNextValidTimeAfter(after);
                while (next is { } t && t < end && firings.Count < count)
                {
                    firings.Add(t);
                    next = expression.GetNextValidTimeAfter(t);
                }
                break;
        }
        return firings;
    }

    /// <summary>Schedules or unschedules the campaign's trigger to match its state.</summary>
    public async Task SyncAsync(Campaign campaign, bool onceAlreadyRan, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = CampaignJob(campaign.Id);
        await scheduler.DeleteJob(key, cancellationToken);
        if (!campaign.IsScheduled)
        {
            return;
        }
        var trigger = Trigger(campaign, onceAlreadyRan);
        if (trigger is null)
        {
            return;
        }
        var job = JobBuilder.Create<CampaignFireJob>().WithIdentity(key).UsingJobData(CampaignIdKey, campaign.Id).Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
            LogScheduled(campaign.Id, trigger.GetFireTimeAfter(businessClock.UtcNow()));
        }
        catch (SchedulerException e)
        {
            // Quartz refuses a trigger that can never fire (its end has passed): nothing is left to schedule.
            LogNothingToSchedule(campaign.Id, e.Message);
        }
    }

    public async Task UnscheduleAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(CampaignJob(campaignId), cancellationToken);
    }

    /// <summary>
    /// Has the run worked now, or at <paramref name="at"/> when it waits for its next message: its lane 0,
    /// which plans what is left to plan and then has the other lanes worked too.
    /// </summary>
    public Task TriggerRunAsync(long runId, DateTimeOffset? at = null, CancellationToken cancellationToken = default) =>
        TriggerLaneAsync(runId, 0, at, cancellationToken);

    /// <summary>
    /// Gives a lane this node will not work back to the cluster (<see cref="LaneShare"/>): fired again
    /// a moment from now, for whichever node takes it first.
    /// </summary>
    public Task HandBackLaneAsync(long runId, int lane, int handBacks) =>
        TriggerLaneAsync(runId, lane, businessClock.UtcNow() + LaneShare.HandBackDelay(), CancellationToken.None, handBacks);

    /// <summary>
    /// Has one lane of the run worked now or at <paramref name="at"/>. The job asks to be recovered:
    /// when the node working it dies, the cluster fires it again on another node.
    /// <paramref name="handBacks"/> counts the nodes that handed this lane back (<see cref="LaneShare"/>).
    /// </summary>
    public async Task TriggerLaneAsync(long runId, int lane, DateTimeOffset? at = null, CancellationToken cancellationToken = default,
        int handBacks = 0)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RunJob>().WithIdentity(RunJobKey(runId, lane))
            .UsingJobData(RunIdKey, runId).UsingJobData(LaneKey, lane)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().ForJob(job)
            .WithIdentity($"run-{runId}-{lane}-{Guid.NewGuid():N}", RunGroup)
            // Quartz keeps the container's clock too: "now" is the same instant for both.
            .StartAt(at ?? businessClock.UtcNow())
            .UsingJobData(HandBacksKey, handBacks)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        // The job goes with its last trigger; a trigger added while the lane works waits for it to finish.
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>
    /// The trigger of a campaign. A recurring trigger starts from the approval, so a firing the
    /// portal was down for is made up once at start (Quartz's misfire handling), not lost.
    /// </summary>
    private ITrigger? Trigger(Campaign campaign, bool onceAlreadyRan)
    {
        var end = businessClock.EndOf(campaign.EndDate);
        var builder = TriggerBuilder.Create().WithIdentity(CampaignJob(campaign.Id).Name, CampaignGroup).EndAt(end);
        switch (campaign.ScheduleKind)
        {
            case ScheduleKind.Once:
                if (onceAlreadyRan || campaign.OnceAt is not { } onceAt)
                {
                    return null;
                }
                var at = businessClock.ToInstant(onceAt);
                if (at >= end)
                {
                    return null;
                }
                return builder.StartAt(at).UsingJobData(OnceAtKey, at.ToUnixTimeMilliseconds())
                    .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            default:
                var cron = CronOf(campaign.Schedule);
                if (cron is null)
                {
                    return null;
                }
                var start = campaign.ReviewedAt ?? businessClock.UtcNow();
                return builder.StartAt(start)
                    .WithCronSchedule(cron.CronExpressionString!, s => s.InTimeZone(businessClock.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                    .Build();
        }
    }

    private CronExpression? CronOf(CampaignSchedule schedule)
    {
        var text = schedule.Kind switch
        {
            ScheduleKind.Daily when schedule.DailyAt is { } time => $"0 {time.Minute} {time.Hour} * * ?",
            ScheduleKind.Cron when schedule.Cron is { } c && IsValidCron(c) => c,
            _ => null,
        };
        return text is null ? null : new CronExpression(text, businessClock.Zone);
    }

    /// <summary>
    /// The firing a run belongs to: the latest occurrence of the schedule at or before the fire time,
    /// so that a firing delivered late or twice still names the same run.
    /// </summary>
    public DateTimeOffset FiringOf(Campaign campaign, DateTimeOffset fireTime)
    {
        var cron = CronOf(campaign.Schedule);
        if (cron is null)
        {
            return fireTime;
        }
        return cron.GetPreviousValidTimeBefore(fireTime.AddSeconds(1)) ?? fireTime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} has no firing left to schedule: {Reason}")]
    private partial void LogNothingToSchedule(long campaignId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} scheduled; next firing {Next:u}")]
    private partial void LogScheduled(long campaignId, DateTimeOffset? next);
}
