using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// Gathers what the send policy needs about a batch of customers in two queries: their messages
/// that left (or may have left) in the last year, and their phone follow-up entries.
/// </summary>
public sealed class ContactStates(PortalDbContext db)
{
    /// <summary>How far back unanswered messages are counted.</summary>
    private const int LookBackDays = 365;

    public async Task<IReadOnlyDictionary<long, ContactState>> LoadAsync(IReadOnlyCollection<Customer> customers, DateTimeOffset now,
        PolicySettings settings, CancellationToken cancellationToken = default)
    {
        var ids = customers.Select(c => c.Id).ToList();
        var since = now.AddDays(-LookBackDays);
        // A message being handed over counts as sent: a crash may have let it out.
        var sent = await db.OutboxMessages.AsNoTracking()
            .Where(m => ids.Contains(m.CustomerId)
                        && (m.Status == MessageStatus.Sending || m.Status == MessageStatus.Sent || m.Status == MessageStatus.Delivered)
                        && m.DueAt > since)
            .Select(m => new { m.CustomerId, At = m.SentAt ?? m.DueAt, m.RenderedFor, m.DaysOverdue, m.Fingerprint })
            .ToListAsync(cancellationToken);
        var entries = (await db.EscalationEntries.AsNoTracking()
                .Where(e => ids.Contains(e.CustomerId))
                .Select(e => new { e.CustomerId, e.ResolvedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.CustomerId)
            .ToDictionary(g => g.Key, g => (Open: g.Any(e => e.ResolvedAt == null), LastResolvedAt: g.Max(e => e.ResolvedAt)));
        var history = sent.GroupBy(m => m.CustomerId).ToDictionary(g => g.Key,
            g => g.OrderBy(m => m.At).Select(m => new SentMessage(m.At, m.RenderedFor, m.DaysOverdue, m.Fingerprint)).ToList());

        var states = new Dictionary<long, ContactState>(customers.Count);
        foreach (var customer in customers)
        {
            var escalation = entries.GetValueOrDefault(customer.Id);
            states[customer.Id] = new ContactState(
                OptedOut: customer.OptedOutAt is not null,
                Hold: customer.Hold,
                WrongNumber: customer.WrongNumberSince is not null,
                AmountDue: customer.AmountDue,
                PromisedToPayAt: customer.PromisedToPayAt,
                LastRepaidAt: customer.LastRepaidAt,
                LastRepliedAt: customer.LastRepliedAt,
                Sent: history.GetValueOrDefault(customer.Id) ?? [],
                Escalated: escalation.Open,
                EscalationResolvedAt: escalation.LastResolvedAt,
                Zone: CustomerZones.Find(customer.TimeZone));
        }
        return states;
    }
}
