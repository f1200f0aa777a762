using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Settings;

namespace OverdueSmsPortal.Infrastructure.Outcomes;

/// <summary>What became of each repayment of a request, by its index: recorded, already recorded before, or refused with reasons.</summary>
public sealed record RepaymentReceipt(
    IReadOnlyList<int> Recorded,
    IReadOnlyList<(int Index, string PaymentId)> AlreadyRecorded,
    IReadOnlyList<(int Index, string? AccountRef, IReadOnlyList<RepaymentError> Errors)> Refused);

/// <summary>One reason a repayment was refused: the field (camelCase), a code to translate, and an English message.</summary>
public sealed record RepaymentError(string Field, string Code, string Message)
{
    public const string UnknownAccountCode = "repayment.accountRef.unknown";
}

/// <summary>
/// Takes in the lender's repayments (DESIGN §2.12), idempotent on the payment id: a payment reported
/// again (in a later call or twice in one) changes nothing and is reported as already recorded. Each
/// new payment lowers what the customer owes (a cleared debt stops further reminders) and is credited
/// to the last message delivered to the customer within the attribution window (the Admin's
/// <see cref="OutcomeSettings"/>) before it. One request is one transaction: it is recorded whole
/// or not at all.
/// </summary>
public sealed class RepaymentIntake(PortalDbContext db, AuditTrail audit, OutcomeSettingsStore settings, TimeProvider clock)
{
    public Task<RepaymentReceipt> RecordAsync(IReadOnlyList<RepaymentRecord> records, string source, string actor,
        CancellationToken cancellationToken = default) =>
        RecordWithRetryAsync(records, source, actor, audited: true, cancellationToken);

    /// <summary>
    /// Records one chunk of a larger intake (an upload) without an audit entry of its own: the caller
    /// writes one entry for the whole, so that one upload reads as one entry in the audit trail.
    /// </summary>
    public Task<RepaymentReceipt> RecordPartAsync(IReadOnlyList<RepaymentRecord> records, string source, string actor,
        CancellationToken cancellationToken = default) =>
        RecordWithRetryAsync(records, source, actor, audited: false, cancellationToken);

    private async Task<RepaymentReceipt> RecordWithRetryAsync(IReadOnlyList<RepaymentRecord> records, string source, string actor,
        bool audited, CancellationToken cancellationToken)
    {
        try
        {
            return await RecordOnceAsync(records, source, actor, audited, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request recorded one of these payment ids in the meantime: read again, it is now known.
            db.ChangeTracker.Clear();
            return await RecordOnceAsync(records, source, actor, audited, cancellationToken);
        }
    }

    private async Task<RepaymentReceipt> RecordOnceAsync(IReadOnlyList<RepaymentRecord> records, string source, string actor,
        bool audited, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var validator = new RepaymentRecordValidator(now);
        var window = (await settings.LoadAsync(cancellationToken)).AttributionWindow;
        var refused = new List<(int, string?, IReadOnlyList<RepaymentError>)>();
        var valid = new List<(int Index, RepaymentRecord Record)>();
        for (var i = 0; i < records.Count; i++)
        {
            var errors = validator.Validate(records[i]).Errors
                .Select(e => new RepaymentError(JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName), e.ErrorCode, e.ErrorMessage)).ToList();
            if (errors.Count > 0)
            {
                refused.Add((i, records[i].AccountRef, errors));
            }
            else
            {
                valid.Add((i, records[i] with { PaymentId = records[i].PaymentId!.Trim(), AccountRef = records[i].AccountRef!.Trim() }));
            }
        }

        var paymentIds = valid.Select(v => v.Record.PaymentId!).Distinct().ToList();
        var known = (await db.Repayments.AsNoTracking().Where(r => paymentIds.Contains(r.PaymentId)).Select(r => r.PaymentId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var accountRefs = valid.Select(v => v.Record.AccountRef!).Distinct().ToList();
        var customers = await db.Customers.Where(c => accountRefs.Contains(c.AccountRef)).ToDictionaryAsync(c => c.AccountRef, cancellationToken);

        var already = new List<(int, string)>();
        var fresh = new List<(int Index, RepaymentRecord Record, Core.Customers.Customer Customer)>();
        foreach (var (index, record) in valid)
        {
            if (!known.Add(record.PaymentId!))
            {
                already.Add((index, record.PaymentId!));
            }
            else if (customers.GetValueOrDefault(record.AccountRef!) is { } customer)
            {
                fresh.Add((index, record, customer));
            }
            else
            {
                known.Remove(record.PaymentId!);
                refused.Add((index, record.AccountRef,
                    [new RepaymentError("accountRef", RepaymentError.UnknownAccountCode, $"No customer has accountRef {record.AccountRef}.")]));
            }
        }

        var delivered = await DeliveredAsync(fresh.Select(f => f.Customer.Id).Distinct().ToList(),
            fresh.Count == 0 ? now : fresh.Min(f => f.Record.PaidAt!.Value), window, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        decimal total = 0;
        foreach (var (_, record, customer) in fresh)
        {
            var payment = new RepaymentFact(record.PaymentId!, record.Amount!.Value, record.PaidAt!.Value.ToUniversalTime());
            var credit = Attribution.Attribute(payment, delivered.GetValueOrDefault(customer.Id) ?? [], window);
            db.Repayments.Add(new Repayment(payment.PaymentId, customer.Id, payment.Amount, payment.PaidAt, credit.MessageId, source, now));
            customer.ApplyRepayment(payment.Amount, now);
            total += payment.Amount;
        }
        if (audited)
        {
            audit.Add(actor, AuditNames.Repayments, source, AuditNames.Imported,
                after: new { recorded = fresh.Count, alreadyRecorded = already.Count, refused = refused.Count, amount = total });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RepaymentReceipt(fresh.Select(f => f.Index).ToList(), already, refused.OrderBy(r => r.Item1).ToList());
    }

    /// <summary>The messages delivered to these customers from a window before the earliest payment on.</summary>
    private async Task<Dictionary<long, List<DeliveredMessage>>> DeliveredAsync(List<long> customerIds, DateTimeOffset earliestPayment,
        TimeSpan window, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return [];
        }
        var since = earliestPayment.ToUniversalTime() - window;
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => customerIds.Contains(m.CustomerId) && m.Status == MessageStatus.Delivered && m.DeliveredAt != null && m.DeliveredAt >= since)
            .Select(m => new { m.CustomerId, m.Id, DeliveredAt = m.DeliveredAt!.Value })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => g.Select(r => new DeliveredMessage(r.Id, r.DeliveredAt)).ToList());
    }
}
