using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Audit;

/// <summary>
/// Writes audit entries into the caller's unit of work: the entry is saved with the change it
/// describes, or not at all.
/// </summary>
public sealed class AuditTrail(PortalDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Adds an entry to the context; the caller's SaveChanges stores it with the change.</summary>
    public AuditEntry Add(string actor, string entityType, string entityId, string action,
        object? before = null, object? after = null)
    {
        var entry = new AuditEntry(clock.GetUtcNow(), actor, entityType, entityId, action,
            Serialize(before), Serialize(after));
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Adds an entry and saves it at once: for events that change nothing else (a sign-in), or inside
    /// <see cref="TogetherAsync{T}"/> after a change that saved on its own.
    /// </summary>
    public async Task RecordAsync(string actor, string entityType, string entityId, string action,
        object? before = null, object? after = null, CancellationToken cancellationToken = default)
    {
        Add(actor, entityType, entityId, action, before, after);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="change"/>, which saves on its own before it records its entry (a new row whose
    /// key the entry names; Identity's stores), in one transaction: the change is kept only with its entry.
    /// A fault anywhere, or a result <paramref name="keep"/> refuses, rolls both back and the context
    /// forgets what it tracked. Inside a transaction the caller opened, it joins that one.
    /// </summary>
    public async Task<T> TogetherAsync<T>(Func<Task<T>> change, Func<T, bool>? keep = null,
        CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await change();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await change();
            if (keep is null || keep(result))
            {
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return result;
        }
        catch
        {
            // Disposing the uncommitted transaction rolls the rows back; the entities saved before the
            // fault are tracked as stored and must be forgotten too.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, Json);
}
