using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Outcomes;

/// <summary>One complaint as the customer page lists it; the summary is left out for roles without personal data.</summary>
public sealed record ComplaintRow(long Id, ComplaintSource Source, ComplaintCategory Category, ComplaintStatus Status, string? Summary,
    bool HoldsCustomer, long? MessageId, long? ReplyId, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? ClosedBy);

/// <summary>
/// Complaints about the portal's messages (DESIGN §2.13). Replies open them today; closing one lifts
/// the customer's complaint hold once no other open complaint holds them.
/// </summary>
public sealed class ComplaintDesk(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<ComplaintRow>> ForCustomerAsync(long customerId, bool seesPersonalData,
        CancellationToken cancellationToken = default)
    {
        var rows = await db.Complaints.AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.OpenedAt)
            .Select(c => new ComplaintRow(c.Id, c.Source, c.Category, c.Status, c.Summary, c.HoldsCustomer, c.MessageId, c.ReplyId,
                c.OpenedAt, c.ClosedAt, c.ClosedBy))
            .ToListAsync(cancellationToken);
        return seesPersonalData ? rows : rows.Select(r => r with { Summary = null }).ToList();
    }

    public async Task CloseAsync(long complaintId, Actor by, CancellationToken cancellationToken = default)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == complaintId, cancellationToken)
            ?? throw new InvalidOperationException($"Complaint {complaintId} does not exist.");
        var now = clock.GetUtcNow();
        complaint.Close(by.Name, now);
        if (complaint.CustomerId is { } customerId && complaint.HoldsCustomer
            && !await db.Complaints.AnyAsync(c => c.CustomerId == customerId && c.Id != complaintId && c.HoldsCustomer
                                                  && c.Status != ComplaintStatus.Closed, cancellationToken))
        {
            var customer = await db.Customers.FirstAsync(c => c.Id == customerId, cancellationToken);
            if (customer.Hold == CustomerHold.Complaint)
            {
                customer.ReleaseHold();
                audit.Add(by.Name, AuditNames.Customer, customer.AccountRef, AuditNames.HoldReleased,
                    before: new { hold = CustomerHold.Complaint.ToString() }, after: new { hold = CustomerHold.None.ToString(), complaintId });
            }
        }
        audit.Add(by.Name, AuditNames.Complaint, complaintId.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditNames.Closed);
        await db.SaveChangesAsync(cancellationToken);
    }
}
