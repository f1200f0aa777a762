using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Customers;

/// <summary>One message to the customer, newest first; the text is left out for roles without personal data.</summary>
public sealed record ContactMessage(long Id, long RunId, string CampaignName, MessageStatus Status, SuppressionReason? SuppressionReason,
    string? FailureReason, string? Body, DateTimeOffset At, DateTimeOffset? DeliveredAt);

/// <summary>One reply from the customer; the text is left out for roles without personal data.</summary>
public sealed record ContactReply(string? Text, DateTimeOffset ReceivedAt);

/// <summary>Where a customer stands with the send policy, and what was sent to them and came back.</summary>
public sealed record ContactHistory(CustomerHold Hold, DateTimeOffset? HoldSince, DateTimeOffset? PromisedToPayAt,
    DateTimeOffset? LastRepliedAt, bool OnPhoneFollowUp, IReadOnlyList<ContactMessage> Messages, IReadOnlyList<ContactReply> Replies);

/// <summary>
/// A customer's contact with the portal (DESIGN §2.9): their messages and replies, and the legal hold an
/// Admin places or lifts (complaint holds come and go with complaints).
/// </summary>
public sealed class CustomerContacts(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const int Shown = 20;

    public async Task<ContactHistory?> HistoryAsync(long customerId, bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.CustomerId == customerId)
            .OrderByDescending(m => m.Id).Take(Shown)
            .Join(db.Campaigns, m => m.CampaignId, c => c.Id, (m, c) => new ContactMessage(m.Id, m.RunId, c.Name, m.Status,
                m.SuppressionReason, m.FailureReason, m.Body, m.SentAt ?? m.DueAt, m.DeliveredAt))
            .ToListAsync(cancellationToken);
        var replies = await db.InboundReplies.AsNoTracking()
            .Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.ReceivedAt).Take(Shown)
            .Select(r => new ContactReply(r.Text, r.ReceivedAt))
            .ToListAsync(cancellationToken);
        var escalated = await db.EscalationEntries.AnyAsync(e => e.CustomerId == customerId && e.ResolvedAt == null, cancellationToken);
        return new ContactHistory(customer.Hold, customer.HoldSince, customer.PromisedToPayAt, customer.LastRepliedAt, escalated,
            messages.OrderByDescending(m => m.Id).Select(m => seesPersonalData ? m : m with { Body = null }).ToList(),
            replies.Select(r => seesPersonalData ? r : r with { Text = null }).ToList());
    }

    /// <summary>Stops every message to the customer until an Admin lifts the hold.</summary>
    public Task PlaceLegalHoldAsync(long customerId, Actor by, CancellationToken cancellationToken = default) =>
        ChangeHoldAsync(customerId, by, AuditNames.HoldPlaced, customer => customer.PlaceOnHold(CustomerHold.Legal, clock.GetUtcNow()),
            cancellationToken);

    /// <summary>Lifts a legal hold; a complaint hold is lifted by closing the complaint, not here.</summary>
    public Task ReleaseLegalHoldAsync(long customerId, Actor by, CancellationToken cancellationToken = default) =>
        ChangeHoldAsync(customerId, by, AuditNames.HoldReleased, customer =>
        {
            if (customer.Hold == CustomerHold.Legal)
            {
                customer.ReleaseHold();
            }
        }, cancellationToken);

    private async Task ChangeHoldAsync(long customerId, Actor by, string action, Action<Core.Customers.Customer> change,
        CancellationToken cancellationToken)
    {
        by.Demand(PortalAction.HoldCustomers);
        var customer = await db.Customers.FirstAsync(c => c.Id == customerId, cancellationToken);
        var before = customer.Hold;
        change(customer);
        if (customer.Hold == before)
        {
            return;
        }
        audit.Add(by.Name, AuditNames.Customer, customer.AccountRef, action,
            before: new { hold = before.ToString() }, after: new { hold = customer.Hold.ToString() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
