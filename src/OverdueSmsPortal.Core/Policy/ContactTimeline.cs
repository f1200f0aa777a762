using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;

namespace OverdueSmsPortal.Core.Policy;

/// <summary>
/// The customer an Admin previews the cadence for: one bill due on <see cref="DueDate"/>, watched from
/// <see cref="Start"/> for <see cref="Days"/> days by a campaign that fires every day at
/// <see cref="FiresAt"/> over the stages named in <see cref="Stages"/>. The customer never replies and
/// never pays, which is the case the ladder exists for.
/// </summary>
public sealed record TimelineScenario(DateOnly DueDate, DateOnly Start, int Days, IReadOnlyCollection<string> Stages)
{
    /// <summary>The longest period a timeline covers.</summary>
    public const int MaxDays = 366;

    /// <summary>How far the due date may lie from the start, either way.</summary>
    public const int MaxDaysFromStart = 3650;

    /// <summary>When the simulated campaign fires: the guidance's evening hour.</summary>
    public static readonly TimeOnly FiresAt = new(19, 0);
}

/// <summary>One day of a timeline: the customer's stage, and whether a message left or why it did not.</summary>
/// <param name="Date">The business day.</param>
/// <param name="DaysOverdue">Negative before the due date.</param>
/// <param name="Stage">The stage key the customer is in, null in a gap of the ladder.</param>
/// <param name="Covered">Whether the campaign covers that stage (else nothing is planned that day).</param>
/// <param name="Sent">Whether a message left that day.</param>
/// <param name="Reason">Why not, when the campaign covered the day and the policy kept the message back.</param>
/// <param name="Escalated">Whether the customer went on the phone follow-up list that day.</param>
public sealed record TimelineDay(DateOnly Date, int DaysOverdue, string? Stage, bool Covered, bool Sent, SuppressionReason? Reason,
    bool Escalated);

/// <summary>What the simulated customer receives, day by day, and when they go on the phone follow-up list.</summary>
public sealed record TimelineResult(IReadOnlyList<TimelineDay> Days, DateOnly? EscalatedOn)
{
    public IEnumerable<TimelineDay> Messages => Days.Where(d => d.Sent);
}

/// <summary>
/// Plays one customer's days through the same rules real sends obey (<see cref="SendPolicy.Decide"/> and
/// <see cref="ContactHours"/>), so that what an Admin sees on the policy page and the timeline API is what
/// the planner and the dispatcher will do. Nothing here restates a rule: it only keeps the history the
/// rules read, the way the outbox does.
/// </summary>
public static class ContactTimeline
{
    public static TimelineResult Simulate(TimelineScenario scenario, PolicySettings settings, IReadOnlyList<StageDefinition> ladder,
        TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scenario.Days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scenario.Days, TimelineScenario.MaxDays);
        var covered = scenario.Stages.ToHashSet(StringComparer.Ordinal);
        var sent = new List<SentMessage>();
        var escalated = false;
        DateOnly? escalatedOn = null;
        var days = new List<TimelineDay>(scenario.Days);
        for (var day = 0; day < scenario.Days; day++)
        {
            var date = scenario.Start.AddDays(day);
            var daysOverdue = CollectionStages.DaysOverdue(scenario.DueDate, date);
            var stage = ladder.StageOf(daysOverdue);
            if (stage is null || !covered.Contains(stage.Key))
            {
                days.Add(new TimelineDay(date, daysOverdue, stage?.Key, false, false, null, false));
                continue;
            }
            var firing = ContactHours.ToInstant(date.ToDateTime(TimelineScenario.FiresAt), zone);
            // The campaign's window is the hard contact hours; the firing is inside them, so the message is due at once.
            var opening = ContactHours.NextOpening(firing, zone, SendWindow.ContactHours, null, firing.AddDays(1)) ?? firing;
            var state = new ContactState(OptedOut: false, CustomerHold.None, WrongNumber: false, AmountDue: 1m,
                PromisedToPayAt: null, LastRepaidAt: null, LastRepliedAt: null, sent, escalated, EscalationResolvedAt: null, zone);
            // Each day's text states that day's days overdue, so two texts are never the same.
            var candidate = new CandidateMessage($"{stage.Key}:{date:yyyy-MM-dd}", date, daysOverdue);
            var decision = SendPolicy.Decide(state, candidate, opening, settings);
            if (decision.Escalate)
            {
                escalated = true;
                escalatedOn ??= date;
            }
            if (decision.Allowed)
            {
                sent.Add(new SentMessage(opening, date, daysOverdue, candidate.Fingerprint));
            }
            days.Add(new TimelineDay(date, daysOverdue, stage.Key, true, decision.Allowed, decision.Reason, decision.Escalate));
        }
        return new TimelineResult(days, escalatedOn);
    }
}
