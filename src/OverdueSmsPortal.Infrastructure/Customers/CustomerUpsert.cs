using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Customers;

/// <summary>
/// Inserts or updates customers by account reference, one batch per round trip. Imports and the
/// API both come through here, so they treat existing customers the same way.
/// </summary>
public sealed class CustomerUpsert(PortalDbContext db, TimeProvider clock)
{
    public sealed record Result(int Inserted, int Updated);

    /// <summary>
    /// Upserts <paramref name="batch"/> and saves. When an account reference appears twice in the
    /// batch, the later one wins, as it would had they arrived one after the other.
    /// </summary>
    public async Task<Result> UpsertAsync(IReadOnlyList<CustomerDetails> batch, CancellationToken cancellationToken = default)
    {
        if (batch.Count == 0)
        {
            return new Result(0, 0);
        }
        try
        {
            return await UpsertOnceAsync(batch, cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseFaults.Classify(e) is null)
        {
            // Another writer (a second API call, an import) inserted one of these account references
            // between our read and our save; the save was rolled back whole. Read again: this time
            // those customers exist and are updated.
            db.ChangeTracker.Clear();
            return await UpsertOnceAsync(batch, cancellationToken);
        }
    }

    private async Task<Result> UpsertOnceAsync(IReadOnlyList<CustomerDetails> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var refs = batch.Select(d => d.AccountRef).Distinct().ToList();
        var existing = await db.Customers
            .Where(c => refs.Contains(c.AccountRef))
            .ToDictionaryAsync(c => c.AccountRef, cancellationToken);

        int inserted = 0, updated = 0;
        foreach (var details in batch)
        {
            if (existing.TryGetValue(details.AccountRef, out var customer))
            {
                customer.Update(details, now);
                updated++;
            }
            else
            {
                customer = Customer.Create(details, now);
                db.Customers.Add(customer);
                existing.Add(details.AccountRef, customer);
                inserted++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        // Imports run many batches through one context: forget this batch so memory stays flat.
        db.ChangeTracker.Clear();
        return new Result(inserted, updated);
    }
}
