using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using Quartz;

namespace OverdueSmsPortal.Infrastructure.Jobs;

/// <summary>
/// Keeps Quartz in step with the campaigns (DESIGN §2.8): an active campaign has a trigger that fires
/// <see cref="CampaignFireJob"/>; each run is worked by a <see cref="RunJob"/> of its own. Quartz's
/// store is in memory, the campaigns and runs are in our tables: <see cref="CampaignScheduleRestorer"/>
/// rebuilds the triggers from them at every start.
/// </summary>
public sealed partial class CampaignScheduler(ISchedulerFactory schedulers, BusinessClock businessClock, ILogger<CampaignScheduler> logger)
{
    public const string CampaignGroup = "campaigns";
    public const string RunGroup = "runs";
    public const string CampaignIdKey = "campaignId";
    public const string RunIdKey = "runId";
    public const string OnceAtKey = "onceAt";

    public static JobKey CampaignJob(long campaignId) => new($"campaign-{campaignId}", CampaignGroup);

    public static JobKey RunJobKey(long runId) => new($"run-{runId}", RunGroup);

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

    /// <summary>Has the run worked now, or at <paramref name="at"/> when it waits for its next message.</summary>
    public async Task TriggerRunAsync(long runId, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RunJob>().WithIdentity(RunJobKey(runId)).UsingJobData(RunIdKey, runId).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().ForJob(job)
            .WithIdentity($"run-{runId}-{Guid.NewGuid():N}", RunGroup)
            .StartAt(at ?? DateTimeOffset.UtcNow)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
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
