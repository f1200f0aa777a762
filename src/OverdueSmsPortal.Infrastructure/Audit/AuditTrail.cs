using System.Text.Json;
using System.Text.Encodings.Web;
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

    /// <summary>Adds an entry and saves it at once, for changes stored elsewhere (e.g. by Identity).</summary>
    public async Task RecordAsync(string actor, string entityType, string entityId, string action,
        object? before = null, object? after = null, CancellationToken cancellationToken = default)
    {
        Add(actor, entityType, entityId, action, before, after);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, Json);
}
