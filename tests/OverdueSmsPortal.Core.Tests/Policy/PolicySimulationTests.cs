using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Segments;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Core.Tests.Policy;

/// <summary>
/// Sixty simulated days of a campaign that fires every evening at 19:00 business time over the whole
/// stage ladder, for 1,000 customers in five time zones with bills falling due all through the period.
/// Customers behave at random along the way: some never answer and never pay, others reply, promise,
/// pay in part or in full, opt out, say the number is not theirs, or complain. Each message is planned
/// through the send policy at the firing and checked again when it leaves (in the customer's contact
/// hours); this harness keeps the history the way the outbox does, independently of
/// <see cref="ContactTimeline"/>. Afterwards the whole history is checked against the rules, the
/// customers the ladder exists for are checked to have been reached, and a sample is compared with the
/// timeline an Admin sees.
/// </summary>
public sealed class PolicySimulationTests(ITestOutputHelper output)
{
    private static readonly string[] Zones = ["Asia/Shanghai", "Asia/Urumqi", "America/New_York", "Asia/Kolkata", "Europe/London"];
    private static readonly TimeZoneInfo Business = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly Start = new(2026, 3, 1); // crosses the DST changes of March
    private const int Days = 60;
    private static readonly PolicySettings Settings = PolicySettings.Default;
    private static readonly IReadOnlyList<StageDefinition> Ladder = StageLadder.Default();

    private enum Behaviour { Silent, Replies, Promises, PaysInPart, PaysInFull, OptsOut, WrongNumber, Complains }

    private sealed class SimCustomer(long id, TimeZoneInfo zone, DateOnly dueDate, Behaviour behaviour)
    {
        public long Id { get; } = id;
        public TimeZoneInfo Zone { get; } = zone;
        public DateOnly DueDate { get; } = dueDate;
        public Behaviour Behaviour { get; } = behaviour;
        public DateTimeOffset? OptedOutAt;
        public DateTimeOffset? WrongNumberAt;
        public CustomerHold Hold;
        public decimal AmountDue = 1000m;
        public DateTimeOffset? PromisedToPayAt;
        public DateTimeOffset? LastRepliedAt;
        public DateTimeOffset? LastRepaidAt;
        public bool Escalated;
        public DateOnly? EscalatedOn;
        public bool EverAnswered;
        public readonly List<SentMessage> Sent = [];

        public ContactState State() => new(OptedOutAt is not null, Hold, WrongNumberAt is not null, AmountDue, PromisedToPayAt,
            LastRepaidAt, LastRepliedAt, Sent, Escalated, null, Zone);
    }

    private sealed record Planned(SimCustomer Customer, CandidateMessage Message, DateTimeOffset DueAt, DateTimeOffset EndsAt);

    private sealed record Reaction(SimCustomer Customer, DateTimeOffset At);

    [Fact]
    public void Sixty_days_of_a_daily_campaign_reach_the_silent_and_never_break_the_policy()
    {
        var random = new Random(20261206);
        var behaviours = Enum.GetValues<Behaviour>();
        var customers = Enumerable.Range(1, 1000).Select(i => new SimCustomer(i,
            TimeZoneInfo.FindSystemTimeZoneById(i % 3 == 0 ? Zones[i % Zones.Length] : "Asia/Shanghai"),
            // Bills fall due from 40 days before the start to 40 days into it.
            Start.AddDays(random.Next(-40, 41)),
            // Four in ten never answer and never pay: the customers the ladder exists for.
            random.NextDouble() < 0.4 ? Behaviour.Silent : behaviours[1 + random.Next(behaviours.Length - 1)])).ToList();
        var queue = new PriorityQueue<Planned, DateTimeOffset>();
        var reactions = new PriorityQueue<Reaction, DateTimeOffset>();
        var suppressed = new Dictionary<SuppressionReason, int>();
        var sentByStage = new Dictionary<string, int>();

        for (var day = 0; day < Days; day++)
        {
            var date = Start.AddDays(day);
            var firing = ContactHours.ToInstant(date.ToDateTime(new TimeOnly(19, 0)), Business);
            var endsAt = firing.AddDays(1);
            Drain(firing);
            // The run plans every member of a covered stage through the policy, as the planner does.
            foreach (var customer in customers)
            {
                var daysOverdue = CollectionStages.DaysOverdue(customer.DueDate, date);
                var stage = Ladder.StageOf(daysOverdue);
                if (stage is null)
                {
                    continue;
                }
                var message = new CandidateMessage($"{stage.Key} {customer.Id} {date}", date, daysOverdue);
                if (Decide(customer, message, firing) is { } reason)
                {
                    Count(suppressed, reason);
                    continue;
                }
                var dueAt = ContactHours.NextOpening(firing, customer.Zone, SendWindow.ContactHours, null, endsAt);
                if (dueAt is { } at)
                {
                    queue.Enqueue(new Planned(customer, message, at, endsAt), at);
                }
            }
            Drain(endsAt);
        }

        var violations = customers.SelectMany(Violations).ToList();
        Assert.Empty(violations);

        foreach (var customer in customers)
        {
            foreach (var message in customer.Sent)
            {
                var key = Ladder.StageOf(message.DaysOverdue)!.Key;
                sentByStage[key] = sentByStage.GetValueOrDefault(key) + 1;
            }
        }
        output.WriteLine($"{customers.Sum(c => c.Sent.Count)} messages to {customers.Count} customers over {Days} days");
        foreach (var stage in Ladder)
        {
            output.WriteLine($"  {stage.Key,-16} {sentByStage.GetValueOrDefault(stage.Key),6}");
        }
        output.WriteLine("suppressed at planning or sending: " + string.Join(", ", suppressed.OrderBy(p => p.Key).Select(p => $"{p.Key.Code()} {p.Value}")));
        output.WriteLine($"on the phone list: {customers.Count(c => c.Escalated)}");

        // The customers the ladder exists for: they never answer, never pay, and spend three weeks or more
        // of the period at 16+ days. Each of them got a 16+ text and is on the phone list.
        var silentLate = customers.Where(c => c.Behaviour == Behaviour.Silent
                                              && DaysInStage(c, "overdue_16_plus") >= 22).ToList();
        Assert.True(silentLate.Count > 50, $"only {silentLate.Count} silent customers reached 16+ days for long enough");
        foreach (var customer in silentLate)
        {
            Assert.True(customer.Sent.Any(m => m.DaysOverdue >= 16), $"customer {customer.Id} (due {customer.DueDate}) got no 16+ message");
            Assert.True(customer.Escalated, $"customer {customer.Id} (due {customer.DueDate}) is not on the phone list");
        }
        // Silent customers are escalated after their overdue messages, never because of the reminders before the due date.
        foreach (var customer in customers.Where(c => c.EscalatedOn is not null))
        {
            Assert.True(customer.Sent.Count(m => m.DaysOverdue > 0 && customer.State().LocalDate(m.At) < customer.EscalatedOn)
                        >= Settings.EscalateAfterUnanswered, $"customer {customer.Id} was escalated too early");
        }
        // Every stage of the ladder was reached, and every kind of suppression happened.
        Assert.All(Ladder, stage => Assert.True(sentByStage.GetValueOrDefault(stage.Key) > 0, $"nothing was sent at {stage.Key}"));
        foreach (var reason in new[] { SuppressionReason.MinInterval, SuppressionReason.FrequencyCap, SuppressionReason.OptedOut,
                     SuppressionReason.PromiseToPay, SuppressionReason.Repaid, SuppressionReason.WrongNumber, SuppressionReason.ComplaintHold })
        {
            Assert.True(suppressed.GetValueOrDefault(reason) > 0, $"no message was suppressed as {reason}");
        }

        // The timeline an Admin sees is what a silent customer in the business zone got, day for day.
        var sample = customers.Where(c => c.Behaviour == Behaviour.Silent && c.Zone == Business).Take(40).ToList();
        Assert.True(sample.Count >= 30);
        foreach (var customer in sample)
        {
            var timeline = ContactTimeline.Simulate(new TimelineScenario(customer.DueDate, Start, Days, Ladder.Select(s => s.Key).ToList()),
                Settings, Ladder, Business);
            Assert.Equal(customer.Sent.Select(m => m.RenderedFor), timeline.Messages.Select(d => d.Date));
            Assert.Equal(customer.EscalatedOn, timeline.EscalatedOn);
        }
        return;

        void Drain(DateTimeOffset until)
        {
            while (true)
            {
                var nextMessage = queue.TryPeek(out _, out var messageAt) ? messageAt : DateTimeOffset.MaxValue;
                var nextReaction = reactions.TryPeek(out _, out var reactionAt) ? reactionAt : DateTimeOffset.MaxValue;
                if (nextMessage >= until && nextReaction >= until)
                {
                    return;
                }
                if (nextReaction <= nextMessage)
                {
                    React(reactions.Dequeue(), random);
                    continue;
                }
                var planned = queue.Dequeue();
                // Checked again right before it leaves, as the dispatcher does.
                if (Decide(planned.Customer, planned.Message, planned.DueAt) is { } reason)
                {
                    Count(suppressed, reason);
                    continue;
                }
                planned.Customer.Sent.Add(new SentMessage(planned.DueAt, planned.Message.RenderedFor, planned.Message.DaysOverdue,
                    planned.Message.Fingerprint));
                if (planned.Customer.Behaviour != Behaviour.Silent && random.NextDouble() < 0.5)
                {
                    var after = planned.DueAt.AddHours(1 + random.Next(48));
                    reactions.Enqueue(new Reaction(planned.Customer, after), after);
                }
            }
        }
    }

    private static SuppressionReason? Decide(SimCustomer customer, CandidateMessage message, DateTimeOffset now)
    {
        var decision = SendPolicy.Decide(customer.State(), message, now, Settings);
        if (decision.Escalate)
        {
            customer.Escalated = true;
            customer.EscalatedOn ??= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Business).DateTime);
        }
        return decision.Reason;
    }

    /// <summary>The customer's side of the story, after a message reached them.</summary>
    private static void React(Reaction reaction, Random random)
    {
        var (customer, at) = (reaction.Customer, reaction.At);
        switch (customer.Behaviour)
        {
            case Behaviour.Replies:
                customer.LastRepliedAt = at;
                customer.EverAnswered = true;
                break;
            case Behaviour.Promises:
                customer.LastRepliedAt = at;
                customer.PromisedToPayAt = at;
                customer.EverAnswered = true;
                break;
            case Behaviour.PaysInPart:
                customer.AmountDue = Math.Max(100m, customer.AmountDue - 300m);
                customer.LastRepaidAt = at;
                break;
            case Behaviour.PaysInFull:
                customer.AmountDue = 0;
                customer.LastRepaidAt = at;
                break;
            case Behaviour.OptsOut:
                customer.OptedOutAt ??= at;
                customer.LastRepliedAt = at;
                break;
            case Behaviour.WrongNumber:
                // Not the customer's answer: the unanswered count goes on, but the number gets nothing more.
                customer.WrongNumberAt ??= at;
                break;
            case Behaviour.Complains:
                customer.Hold = CustomerHold.Complaint;
                customer.LastRepliedAt = at;
                if (random.NextDouble() < 0.3)
                {
                    customer.Hold = CustomerHold.None; // the complaint was closed
                }
                break;
        }
    }

    private static int DaysInStage(SimCustomer customer, string key) =>
        Enumerable.Range(0, Days).Count(d => Ladder.StageOf(CollectionStages.DaysOverdue(customer.DueDate, Start.AddDays(d)))?.Key == key);

    private static void Count(Dictionary<SuppressionReason, int> counts, SuppressionReason reason) =>
        counts[reason] = counts.GetValueOrDefault(reason) + 1;

    private static IEnumerable<string> Violations(SimCustomer customer)
    {
        var sent = customer.Sent;
        var state = customer.State();
        for (var i = 0; i < sent.Count; i++)
        {
            var message = sent[i];
            var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(message.At, customer.Zone).DateTime);
            var day = state.LocalDate(message.At);
            if (!ContactHours.Contain(local))
            {
                yield return $"customer {customer.Id}: message at {local} local";
            }
            if (customer.OptedOutAt is { } optedOut && message.At >= optedOut)
            {
                yield return $"customer {customer.Id}: message after opting out";
            }
            if (customer.WrongNumberAt is { } wrong && message.At >= wrong)
            {
                yield return $"customer {customer.Id}: message to a number said not to be theirs";
            }
            if (i > 0)
            {
                var apart = day.DayNumber - state.LocalDate(sent[i - 1].At).DayNumber;
                if (apart < Settings.MinIntervalDays)
                {
                    yield return $"customer {customer.Id}: two messages {apart} days apart";
                }
                if (message.Fingerprint == sent[i - 1].Fingerprint)
                {
                    yield return $"customer {customer.Id}: the same text twice in a row";
                }
            }
            if (message.Kind == MessageKind.Overdue)
            {
                var inPeriod = sent.Count(s => s.Kind == MessageKind.Overdue
                                               && day.DayNumber - state.LocalDate(s.At).DayNumber is >= 0 and var d && d < Settings.PeriodDays);
                if (inPeriod > Settings.MaxMessages)
                {
                    yield return $"customer {customer.Id}: {inPeriod} overdue messages within {Settings.PeriodDays} days";
                }
            }
            else if (sent.Count(s => s.Kind == message.Kind && s.DueDate == message.DueDate) > 1)
            {
                yield return $"customer {customer.Id}: two {message.Kind} reminders for the bill due {message.DueDate}";
            }
        }
    }
}
