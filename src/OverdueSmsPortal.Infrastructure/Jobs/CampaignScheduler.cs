using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Time;
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
                var next = NextOf(CronsOf(schedule), after);
                while (next is { } t && t < end && firings.Count < count)
                {
                    firings.Add(t);
                    next = NextOf(CronsOf(schedule), t);
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
        var job = JobBuilder.Create<CampaignFireJob>().WithIdentity(key).UsingJobData(CampaignIdKey, campaign.Id).Build();
        var jobStored = false;
        // One trigger at a time: Quartz refuses a whole batch when one of them can never fire, and a
        // weekend trigger of a campaign ending on a Wednesday never does while its workday one still can.
        foreach (var trigger in Triggers(campaign, onceAlreadyRan))
        {
            try
            {
                if (jobStored)
                {
                    await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
                }
                else
                {
                    await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
                    jobStored = true;
                }
                LogScheduled(campaign.Id, trigger.Key.Name, trigger.GetFireTimeAfter(businessClock.UtcNow()));
            }
            catch (SchedulerException e)
            {
                // Quartz refuses a trigger that can never fire (its end has passed): nothing is left to schedule.
                LogNothingToSchedule(campaign.Id, trigger.Key.Name, e.Message);
            }
        }
    }

    /// <summary>
    /// The campaign's next firing after the one now being fired, over all of its triggers: a daily
    /// campaign with a weekend time has one for workdays and one for weekends. Null when none is left.
    /// </summary>
    public static async Task<DateTimeOffset?> NextFiringAsync(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var next = context.NextFireTimeUtc;
        foreach (var other in await context.Scheduler.GetTriggersOfJob(context.JobDetail.Key, cancellationToken))
        {
            if (!other.Key.Equals(context.Trigger.Key) && other.NextFireTimeUtc is { } t && (next is null || t < next))
            {
                next = t;
            }
        }
        return next;
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
        TriggerLaneAsync(runId, 0, at, cancellationToken: cancellationToken);

    /// <summary>
    /// Gives a lane this node will not work back to the cluster (<see cref="LaneShare"/>): fired again
    /// a moment from now, for whichever node takes it first.
    /// </summary>
    public Task HandBackLaneAsync(long runId, int lane, int handBacks) =>
        TriggerLaneAsync(runId, lane, businessClock.UtcNow() + LaneShare.HandBackDelay(), handBacks, CancellationToken.None);

    /// <summary>
    /// Has one lane of the run worked now or at <paramref name="at"/>. The job asks to be recovered:
    /// when the node working it dies, the cluster fires it again on another node.
    /// <paramref name="handBacks"/> counts the nodes that handed this lane back (<see cref="LaneShare"/>).
    /// </summary>
    public async Task TriggerLaneAsync(long runId, int lane, DateTimeOffset? at = null, int handBacks = 0,
        CancellationToken cancellationToken = default)
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
    /// The triggers of a campaign: one for a one-off, a cron or a plain daily schedule; a daily
    /// schedule with a weekend time has one for workdays and one for weekends. A recurring trigger
    /// starts from the approval, so a firing the portal was down for is made up once at start
    /// (Quartz's misfire handling), not lost.
    /// </summary>
    private IEnumerable<ITrigger> Triggers(Campaign campaign, bool onceAlreadyRan)
    {
        var key = CampaignJob(campaign.Id);
        var end = businessClock.EndOf(campaign.EndDate);
        if (campaign.ScheduleKind == ScheduleKind.Once)
        {
            if (onceAlreadyRan || campaign.OnceAt is not { } onceAt)
            {
                yield break;
            }
            var at = businessClock.ToInstant(onceAt);
            if (at >= end)
            {
                yield break;
            }
            yield return TriggerBuilder.Create().WithIdentity(key.Name, CampaignGroup).ForJob(key).EndAt(end)
                .StartAt(at).UsingJobData(OnceAtKey, at.ToUnixTimeMilliseconds())
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            yield break;
        }
        var start = campaign.Review.ReviewedAt ?? businessClock.UtcNow();
        var crons = CronsOf(campaign.Schedule);
        for (var i = 0; i < crons.Count; i++)
        {
            // The first trigger keeps the name campaigns always had; a weekend one is named after it.
            var name = i == 0 ? key.Name : $"{key.Name}-weekend";
            yield return TriggerBuilder.Create().WithIdentity(name, CampaignGroup).ForJob(key).EndAt(end).StartAt(start)
                .WithCronSchedule(crons[i].CronExpressionString!,
                    s => s.InTimeZone(businessClock.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
        }
    }

    /// <summary>
    /// The cron expressions a recurring schedule fires by, in the business time zone. A daily schedule
    /// with a weekend time fires Monday to Friday at its time and on Saturdays and Sundays at the other.
    /// </summary>
    private List<CronExpression> CronsOf(CampaignSchedule schedule)
    {
        static string At(TimeOnly time, string days) => $"0 {time.Minute} {time.Hour} ? * {days}";

        string[] texts = schedule switch
        {
            { Kind: ScheduleKind.Daily, DailyAt: { } time, WeekendAt: { } weekend } => [At(time, "MON-FRI"), At(weekend, "SAT,SUN")],
            { Kind: ScheduleKind.Daily, DailyAt: { } time } => [$"0 {time.Minute} {time.Hour} * * ?"],
            { Kind: ScheduleKind.Cron, Cron: { } c } when IsValidCron(c) => [c],
            _ => [],
        };
        return texts.Select(t => new CronExpression(t, businessClock.Zone)).ToList();
    }

    private static DateTimeOffset? NextOf(IEnumerable<CronExpression> crons, DateTimeOffset after) =>
        crons.Select(c => c.GetNextValidTimeAfter(after)).Where(t => t is not null).Min();

    /// <summary>
    /// The firing a run belongs to: the latest occurrence of the schedule at or before the fire time,
    /// so that a firing delivered late or twice still names the same run.
    /// </summary>
    public DateTimeOffset FiringOf(Campaign campaign, DateTimeOffset fireTime)
    {
        var previous = CronsOf(campaign.Schedule).Select(c => c.GetPreviousValidTimeBefore(fireTime.AddSeconds(1)))
            .Where(t => t is not null).Max();
        return previous ?? fireTime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} trigger {Trigger} has no firing left to schedule: {Reason}")]
    private partial void LogNothingToSchedule(long campaignId, string trigger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} trigger {Trigger} scheduled; next firing {Next:u}")]
    private partial void LogScheduled(long campaignId, string trigger, DateTimeOffset? next);
}
