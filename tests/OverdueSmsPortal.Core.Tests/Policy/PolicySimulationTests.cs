using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Tests.Policy;

/// <summary>
/// Sixty simulated days of two daily campaigns over 1,000 customers in five time zones, with replies,
/// promises, opt-outs, holds and repayments happening along the way. Every message that leaves goes
/// through the contact hours and the send policy at that moment; afterwards the whole history is
/// checked against the rules. Zero violations are allowed.
/// </summary>
public sealed class PolicySimulationTests
{
    private static readonly string[] Zones = ["Asia/Shanghai", "Asia/Urumqi", "America/New_York", "Asia/Kolkata", "Europe/London"];
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero); // crosses the DST changes of March
    private static readonly PolicySettings Settings = PolicySettings.Default;

    private sealed class SimCustomer(long id, TimeZoneInfo zone, int? payday)
    {
        public long Id { get; } = id;
        public TimeZoneInfo Zone { get; } = zone;
        public int? Payday { get; } = payday;
        public bool OptedOut;
        public DateTimeOffset? OptedOutAt;
        public CustomerHold Hold;
        public decimal AmountDue = 1000m;
        public DateTimeOffset? PromisedToPayAt;
        public DateTimeOffset? LastRepliedAt;
        public bool Escalated;
        public readonly List<(DateTimeOffset At, string Fingerprint)> Sent = [];

        public ContactState State(DateTimeOffset now) => new(
            OptedOut, Hold, AmountDue, PromisedToPayAt,
            Sent.Where(s => s.At > now.AddDays(-Settings.PeriodDays)).Select(s => s.At).ToList(),
            Sent.Count > 0 ? Sent[^1].At : null,
            Sent.Count > 0 ? Sent[^1].Fingerprint : null,
            Sent.Count(s => LastRepliedAt is null || s.At > LastRepliedAt),
            Escalated);
    }

    private sealed record Planned(SimCustomer Customer, string Fingerprint, DateTimeOffset DueAt, DateTimeOffset EndsAt);

    [Fact]
    public void Sixty_days_of_campaigns_never_break_the_policy()
    {
        var random = new Random(20261124);
        var customers = Enumerable.Range(1, 1000).Select(i => new SimCustomer(i,
            TimeZoneInfo.FindSystemTimeZoneById(Zones[i % Zones.Length]),
            i % 4 == 0 ? 1 + i % 28 : null)).ToList();
        var windows = new[]
        {
            SendWindow.ContactHours,
            new SendWindow(new TimeOnly(18, 0), new TimeOnly(20, 30), WeekDays.All, DaysBeforePayday: 5),
        };
        var queue = new PriorityQueue<Planned, DateTimeOffset>();
        var suppressed = new Dictionary<SuppressionReason, int>();

        for (var hour = 0; hour < 60 * 24; hour++)
        {
            var now = Start.AddHours(hour);
            // Both campaigns fire daily: one at 01:00 UTC, one at 10:00 UTC, with texts that change every few days.
            if (now.Hour is 1 or 10)
            {
                var campaign = now.Hour == 1 ? 0 : 1;
                var fingerprint = TextFingerprint.Of($"campaign {campaign} text {(hour / 24) / 3 % 2}");
                var endsAt = now.AddDays(3);
                foreach (var customer in customers)
                {
                    var due = ContactHours.NextOpening(now, customer.Zone, windows[campaign], customer.Payday, endsAt);
                    if (due is { } at)
                    {
                        queue.Enqueue(new Planned(customer, fingerprint, at, endsAt), at);
                    }
                }
            }
            // Messages whose time has come leave now, if the policy still allows it.
            while (queue.TryPeek(out var next, out var due) && due < now.AddHours(1))
            {
                queue.Dequeue();
                var at = next.DueAt;
                var again = ContactHours.NextOpening(at, next.Customer.Zone, SendWindow.ContactHours, null, next.EndsAt);
                Assert.Equal(at, again);
                var reason = SendPolicy.Evaluate(next.Customer.State(at), next.Fingerprint, at, Settings);
                if (reason is { } r)
                {
                    suppressed[r] = suppressed.GetValueOrDefault(r) + 1;
                    if (r == SuppressionReason.Escalated)
                    {
                        next.Customer.Escalated = true;
                    }
                    continue;
                }
                next.Customer.Sent.Add((at, next.Fingerprint));
            }
            // The customers' side of the story.
            foreach (var customer in customers.Where(_ => random.NextDouble() < 0.002))
            {
                switch (random.Next(6))
                {
                    case 0: customer.LastRepliedAt = now; customer.Escalated = false; break;
                    case 1: customer.PromisedToPayAt = now; customer.LastRepliedAt = now; break;
                    case 2: customer.OptedOut = true; customer.OptedOutAt ??= now; break;
                    case 3: customer.Hold = random.Next(2) == 0 ? CustomerHold.Complaint : CustomerHold.Legal; break;
                    case 4: customer.Hold = CustomerHold.None; break;
                    default: customer.AmountDue = 0; break;
                }
            }
        }

        var violations = customers.SelectMany(Violations).ToList();
        Assert.Empty(violations);
        // The simulation really exercised the rules: messages left and every kind of suppression happened.
        Assert.True(customers.Sum(c => c.Sent.Count) > 2000);
        foreach (var reason in new[] { SuppressionReason.MinInterval, SuppressionReason.FrequencyCap, SuppressionReason.OptedOut,
                     SuppressionReason.PromiseToPay, SuppressionReason.Escalated, SuppressionReason.Repaid, SuppressionReason.SameText })
        {
            Assert.True(suppressed.GetValueOrDefault(reason) > 0, $"no message was suppressed as {reason}");
        }
    }

    private static IEnumerable<string> Violations(SimCustomer customer)
    {
        var sent = customer.Sent;
        for (var i = 0; i < sent.Count; i++)
        {
            var (at, fingerprint) = sent[i];
            var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, customer.Zone).DateTime);
            if (!ContactHours.Contain(local))
            {
                yield return $"customer {customer.Id}: message at {local} local";
            }
            if (customer.OptedOutAt is { } optedOut && at >= optedOut)
            {
                yield return $"customer {customer.Id}: message after opting out";
            }
            if (i > 0)
            {
                if (at - sent[i - 1].At < TimeSpan.FromDays(Settings.MinIntervalDays))
                {
                    yield return $"customer {customer.Id}: two messages {at - sent[i - 1].At} apart";
                }
                if (fingerprint == sent[i - 1].Fingerprint)
                {
                    yield return $"customer {customer.Id}: the same text twice in a row";
                }
            }
            var inPeriod = sent.Count(s => s.At > at.AddDays(-Settings.PeriodDays) && s.At <= at);
            if (inPeriod > Settings.MaxMessages)
            {
                yield return $"customer {customer.Id}: {inPeriod} messages within {Settings.PeriodDays} days";
            }
        }
    }
}
