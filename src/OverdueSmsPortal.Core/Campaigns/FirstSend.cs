using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Campaigns;

/// <summary>
/// A campaign's next firing and the first instant one of its messages can really leave: a firing
/// outside the send window or the contact hours plans its messages at once, but they wait.
/// </summary>
/// <param name="FiresAt">When the schedule fires next.</param>
/// <param name="LeavesAt">
/// The first instant at or after <paramref name="FiresAt"/> inside both the window and the contact
/// hours; null when there is none before the run ends (its messages would expire unsent).
/// </param>
public sealed record FirstSend(DateTimeOffset FiresAt, DateTimeOffset? LeavesAt)
{
    /// <summary>Whether the messages of this firing cannot leave when it fires.</summary>
    public bool IsHeldBack => LeavesAt != FiresAt;

    /// <summary>
    /// The next firing of <paramref name="plan"/> after the clock's now and its first real send time,
    /// read in <paramref name="zone"/> (the business time zone the builder's times are written in; a
    /// customer elsewhere is read in their own zone when the run plans). The days before payday are
    /// left out: they differ by customer, and a customer without a known payday is not held back.
    /// A one-off whose time has passed fires now, as the scheduler fires it. Null when the plan has no
    /// firing to show: a cron schedule (its reading is the scheduler's), a missing time, or no firing
    /// before the campaign ends.
    /// </summary>
    public static FirstSend? Of(CampaignPlan plan, TimeZoneInfo zone, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var campaignEnds = ContactHours.ToInstant(plan.EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var schedule = plan.Schedule;
        DateTimeOffset firesAt;
        DateTimeOffset runEnds;
        switch (schedule.Kind)
        {
            case ScheduleKind.Once when schedule.OnceAt is { } onceAt:
                // A one-off whose time has passed fires as soon as it may (the scheduler's misfire rule: fire now).
                var onceInstant = ContactHours.ToInstant(onceAt, zone);
                firesAt = onceInstant > now ? onceInstant : now;
                runEnds = campaignEnds;
                break;
            case ScheduleKind.Daily when schedule.DailyAt is not null:
                firesAt = NextDailyFiring(schedule, zone, now);
                // A recurring run gives way to the next firing, as the planner does.
                var following = NextDailyFiring(schedule, zone, firesAt.AddTicks(1));
                runEnds = following < campaignEnds ? following : campaignEnds;
                break;
            default:
                return null;
        }
        if (firesAt >= campaignEnds)
        {
            return null;
        }
        return new FirstSend(firesAt, ContactHours.NextOpening(firesAt, zone, plan.Window, null, runEnds));
    }

    private static DateTimeOffset NextDailyFiring(CampaignSchedule schedule, TimeZoneInfo zone, DateTimeOffset after)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        // Today's firing may have passed; tomorrow's cannot have, whatever its (weekend) time.
        for (var day = 0; ; day++)
        {
            var date = today.AddDays(day);
            var firing = ContactHours.ToInstant(date.ToDateTime(schedule.DailyTimeOn(date.DayOfWeek)!.Value), zone);
            if (firing >= after)
            {
                return firing;
            }
        }
    }
}
