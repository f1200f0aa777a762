using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>A customer waiting for a phone call; name, account reference and number masked for roles without personal data.</summary>
public sealed record EscalationRow(long Id, long CustomerId, string AccountRef, string CustomerName, string Phone, decimal? AmountDue,
    int UnansweredMessages, DateTimeOffset AddedAt, string? CampaignName);

/// <summary>
/// The phone follow-up list (DESIGN §2.9): customers who left too many overdue texts unanswered, for a
/// collector to call. The list adds a channel: the ladder's texts go on under the same caps unless an Admin
/// chose to pause SMS while a customer is on it. Resolving an entry (the call was made) counts as an
/// answer: the customer's unanswered count starts again from zero.
/// </summary>
public sealed class EscalationList(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<EscalationRow>> OpenAsync(bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var rows = await db.EscalationEntries.AsNoTracking()
            .Where(e => e.ResolvedAt == null)
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { Entry = e, Customer = c })
            .OrderBy(x => x.Entry.AddedAt)
            .Take(500)
            .Select(x => new
            {
                x.Entry.Id, x.Customer.AccountRef, x.Customer.Name, x.Customer.Phone, x.Customer.AmountDue, x.Entry.CustomerId,
                x.Entry.UnansweredMessages, x.Entry.AddedAt,
                Campaign = db.Campaigns.Where(c => c.Id == x.Entry.CampaignId).Select(c => c.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new EscalationRow(r.Id, r.CustomerId,
            seesPersonalData ? r.AccountRef : PersonalDataMask.AccountRef(r.AccountRef),
            seesPersonalData ? r.Name : PersonalDataMask.Name(r.Name),
            seesPersonalData ? MobileNumbers.Display(r.Phone) : PersonalDataMask.Phone(r.Phone),
            seesPersonalData ? r.AmountDue : null,
            r.UnansweredMessages, r.AddedAt, r.Campaign)).ToList();
    }

    public Task<int> CountOpenAsync(CancellationToken cancellationToken = default) =>
        db.EscalationEntries.CountAsync(e => e.ResolvedAt == null, cancellationToken);

    /// <summary>Marks the follow-up done; the customer's unanswered count starts again from zero.</summary>
    public async Task ResolveAsync(long entryId, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.OperateCampaigns);
        var entry = await db.EscalationEntries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null || !entry.IsOpen)
        {
            return;
        }
        var now = clock.GetUtcNow();
        // The resolution time is what ends the run of unanswered messages (ContactState.AnsweredAt); the
        // customer's own last reply stays what it was, so reply figures count only what customers wrote.
        entry.Resolve(by.Name, now);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == entry.CustomerId, cancellationToken);
        audit.Add(by.Name, AuditNames.Escalation, entry.Id.ToString(CultureInfo.InvariantCulture), AuditNames.Resolved, after: new { customer.AccountRef });
        await db.SaveChangesAsync(cancellationToken);
    }
}
