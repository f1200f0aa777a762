using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Customers;

/// <summary>A customer whose number someone said is not theirs: since when, and the reply that said so (text left out for roles without personal data).</summary>
public sealed record WrongNumberRow(long CustomerId, string AccountRef, string Name, string Phone, DateTimeOffset Since, long? ReplyId,
    string? ReplyText);

/// <summary>Why lifting a wrong number did not happen.</summary>
public enum WrongNumberReleaseOutcome
{
    Lifted = 1,
    NotMarked = 2,
    Invalid = 3,
}

/// <summary>
/// The "check contact data" list (issue 16): customers whose number is marked wrong, and lifting it
/// with a corrected number or a number confirmed with the customer. Only roles that handle complaints
/// lift it; each lift is audited with the change in one save.
/// </summary>
public sealed class ContactCheck(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const int MaxRows = 500;

    public async Task<IReadOnlyList<WrongNumberRow>> ListAsync(bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var rows = await db.Customers.AsNoTracking()
            .Where(c => c.WrongNumberSince != null)
            .OrderBy(c => c.WrongNumberSince)
            .Take(MaxRows)
            .Select(c => new
            {
                c.Id, c.AccountRef, c.Name, c.Phone, Since = c.WrongNumberSince!.Value,
                Reply = db.InboundReplies.Where(r => r.CustomerId == c.Id && r.Category == ReplyCategory.WrongNumber)
                    .OrderByDescending(r => r.ReceivedAt).Select(r => new { r.Id, r.Text }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new WrongNumberRow(r.Id,
                seesPersonalData ? r.AccountRef : PersonalDataMask.AccountRef(r.AccountRef),
                seesPersonalData ? r.Name : PersonalDataMask.Name(r.Name),
                seesPersonalData ? MobileNumbers.Display(r.Phone) : PersonalDataMask.Phone(r.Phone),
                r.Since, r.Reply?.Id, seesPersonalData ? r.Reply?.Text : null))
            .ToList();
    }

    /// <summary>The customer's wrong-number state, or null when their number is not marked.</summary>
    public async Task<WrongNumberRow?> GetAsync(long customerId, bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId && c.WrongNumberSince != null, cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var reply = await db.InboundReplies.AsNoTracking()
            .Where(r => r.CustomerId == customerId && r.Category == ReplyCategory.WrongNumber)
            .OrderByDescending(r => r.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
        return new WrongNumberRow(customer.Id,
            seesPersonalData ? customer.AccountRef : PersonalDataMask.AccountRef(customer.AccountRef),
            seesPersonalData ? customer.Name : PersonalDataMask.Name(customer.Name),
            seesPersonalData ? MobileNumbers.Display(customer.Phone) : PersonalDataMask.Phone(customer.Phone),
            customer.WrongNumberSince!.Value, reply?.Id, seesPersonalData ? reply?.Text : null);
    }

    /// <summary>Lifts the wrong number: with the corrected number (stored E.164) or with the note of how it was confirmed. Audited.</summary>
    public async Task<WrongNumberReleaseOutcome> LiftAsync(long customerId, WrongNumberRelease release, Actor by,
        CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.HandleComplaints);
        if (!(await new WrongNumberReleaseValidator().ValidateAsync(release, cancellationToken)).IsValid)
        {
            return WrongNumberReleaseOutcome.Invalid;
        }
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer?.WrongNumberSince is not { } since)
        {
            return WrongNumberReleaseOutcome.NotMarked;
        }
        var now = clock.GetUtcNow();
        if (release.Fix == WrongNumberFix.CorrectedNumber)
        {
            var phone = MobileNumbers.Normalize(release.Phone)!;
            var before = customer.Phone;
            // The same number again is no correction: it stays marked until confirmed with a note.
            if (phone == before)
            {
                return WrongNumberReleaseOutcome.Invalid;
            }
            customer.Update(customer.Details() with { Phone = phone }, now);
            audit.Add(by.Name, AuditNames.Customer, customer.AccountRef, AuditNames.NumberCorrected,
                before: new { phone = PersonalDataMask.Phone(before), wrongNumberSince = since },
                after: new { phone = PersonalDataMask.Phone(phone) });
        }
        else
        {
            customer.ConfirmNumber();
            audit.Add(by.Name, AuditNames.Customer, customer.AccountRef, AuditNames.NumberConfirmed,
                before: new { wrongNumberSince = since }, after: new { note = release.Note!.Trim() });
        }
        await db.SaveChangesAsync(cancellationToken);
        return WrongNumberReleaseOutcome.Lifted;
    }
}
