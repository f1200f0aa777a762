using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// Gathers what the send policy needs about a batch of customers in three queries: their messages
/// that left (or may have left) in the last year, and whether they are on the escalation list.
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
            .Select(m => new { m.CustomerId, At = m.SentAt ?? m.DueAt, m.Fingerprint })
            .ToListAsync(cancellationToken);
        var escalated = (await db.EscalationEntries.AsNoTracking()
            .Where(e => ids.Contains(e.CustomerId) && e.ResolvedAt == null)
            .Select(e => e.CustomerId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var history = sent.GroupBy(m => m.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.At).ToList());
        var periodStart = now.AddDays(-settings.PeriodDays);

        var states = new Dictionary<long, ContactState>(customers.Count);
        foreach (var customer in customers)
        {
            var mine = history.GetValueOrDefault(customer.Id) ?? [];
            var last = mine.Count > 0 ? mine[^1] : null;
            states[customer.Id] = new ContactState(
                OptedOut: customer.OptedOutAt is not null,
                Hold: customer.Hold,
                AmountDue: customer.AmountDue,
                PromisedToPayAt: customer.PromisedToPayAt,
                SentWithinPeriod: mine.Where(m => m.At > periodStart).Select(m => m.At).ToList(),
                LastSentAt: last?.At,
                LastTextFingerprint: last?.Fingerprint,
                UnansweredInARow: mine.Count(m => customer.LastRepliedAt is null || m.At > customer.LastRepliedAt),
                Escalated: escalated.Contains(customer.Id));
        }
        return states;
    }
}
