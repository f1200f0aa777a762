using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Exporting;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Audit;

/// <summary>
/// The audit page's filters. <see cref="From"/> and <see cref="To"/> are instants (To excluded); the
/// names match exactly; <see cref="Search"/> looks inside Before and After.
/// </summary>
public sealed record AuditQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Actor { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? Action { get; init; }
    public string? Search { get; init; }

    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <param name="SubjectName">The subject as people know it when its id is not: a user's name for a user's internal id.</param>
/// <param name="CustomerId">The customer's page id when the subject is a customer (known by account reference).</param>
public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string EntityType, string EntityId, string Action,
    string? Before, string? After, string? SubjectName = null, long? CustomerId = null);

public sealed record AuditPage(IReadOnlyList<AuditRow> Items, int Total);

/// <summary>What the filter dropdowns offer: the names that occur in the trail.</summary>
public sealed record AuditChoices(IReadOnlyList<string> Actors, IReadOnlyList<string> EntityTypes, IReadOnlyList<string> Actions);

/// <summary>The audit page (DESIGN §2.15): the trail newest first with filters, and its export as CSV, itself audited.</summary>
public sealed class AuditLog(PortalDbContext db, AuditTrail audit)
{
    public const int MaxPageSize = 200;

    /// <summary>The CSV's columns, in order.</summary>
    public static readonly IReadOnlyList<string> CsvColumns = ["at", "actor", "entityType", "entityId", "action", "before", "after"];

    public async Task<AuditPage> FindAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var entries = Filtered(query);
        var total = await entries.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var items = await Newest(entries)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(e => new AuditRow(e.Id, e.At, e.Actor, e.EntityType, e.EntityId, e.Action, e.Before, e.After, null, null))
            .ToListAsync(cancellationToken);
        return new AuditPage(await WithSubjectsAsync(items, cancellationToken), total);
    }

    /// <summary>Names the users and finds the customers of one page of entries: two keyed reads, whatever the page size.</summary>
    private async Task<IReadOnlyList<AuditRow>> WithSubjectsAsync(List<AuditRow> rows, CancellationToken cancellationToken)
    {
        var userIds = rows.Where(r => r.EntityType == AuditNames.User).Select(r => r.EntityId).Distinct().ToList();
        var accountRefs = rows.Where(r => r.EntityType == AuditNames.Customer).Select(r => r.EntityId).Distinct().ToList();
        Dictionary<string, string> userNames = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        Dictionary<string, long> customers = accountRefs.Count == 0 ? [] : await db.Customers.AsNoTracking().Where(c => accountRefs.Contains(c.AccountRef))
            .ToDictionaryAsync(c => c.AccountRef, c => c.Id, cancellationToken);
        return rows.Select(r => r with
        {
            SubjectName = r.EntityType == AuditNames.User ? userNames.GetValueOrDefault(r.EntityId) : null,
            CustomerId = r.EntityType == AuditNames.Customer && customers.TryGetValue(r.EntityId, out var id) ? id : null,
        }).ToList();
    }

    public async Task<AuditChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var entries = db.AuditEntries.AsNoTracking();
        return new AuditChoices(
            await entries.Select(e => e.Actor).Distinct().OrderBy(a => a).ToListAsync(cancellationToken),
            await entries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken),
            await entries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Records the export with its filters, then writes the entries that match them and existed when it
    /// began (not the export's own entry) to <paramref name="output"/> as UTF-8 CSV with a byte order
    /// mark, newest first, row by row from the database, so a large export never sits in memory.
    /// </summary>
    public async Task ExportAsync(AuditQuery query, string actor, Stream output, CancellationToken cancellationToken = default)
    {
        var record = audit.Add(actor, AuditNames.Audit, "export", AuditNames.Exported, after: new
        {
            from = query.From,
            to = query.To,
            actor = query.Actor,
            entityType = query.EntityType,
            entityId = query.EntityId,
            action = query.Action,
            search = query.Search,
        });
        await db.SaveChangesAsync(cancellationToken);

        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(output, options, true);
        foreach (var column in CsvColumns)
        {
            csv.WriteField(column);
        }
        await csv.EndRecordAsync(cancellationToken);
        var rows = Newest(Filtered(query).Where(e => e.Id < record.Id))
            .Select(e => new { e.At, e.Actor, e.EntityType, e.EntityId, e.Action, e.Before, e.After })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(row.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(SpreadsheetText.Neutralize(row.Actor));
            csv.WriteField(SpreadsheetText.Neutralize(row.EntityType));
            csv.WriteField(SpreadsheetText.Neutralize(row.EntityId));
            csv.WriteField(SpreadsheetText.Neutralize(row.Action));
            csv.WriteField(SpreadsheetText.Neutralize(row.Before));
            csv.WriteField(SpreadsheetText.Neutralize(row.After));
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    private IQueryable<AuditEntry> Filtered(AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking();
        // At is stored as binary ticks with the offset: instants compare correctly only in one offset, UTC.
        if (query.From is { } from)
        {
            var utc = from.ToUniversalTime();
            entries = entries.Where(e => e.At >= utc);
        }
        if (query.To is { } to)
        {
            var utc = to.ToUniversalTime();
            entries = entries.Where(e => e.At < utc);
        }
        if (Given(query.Actor) is { } actor)
        {
            entries = entries.Where(e => e.Actor == actor);
        }
        if (Given(query.EntityType) is { } entityType)
        {
            entries = entries.Where(e => e.EntityType == entityType);
        }
        if (Given(query.EntityId) is { } entityId)
        {
            entries = entries.Where(e => e.EntityId == entityId);
        }
        if (Given(query.Action) is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        if (Given(query.Search) is { } search)
        {
            var pattern = "%" + search.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            // Latin letters match in either case on both stores: SQLite's LIKE ignores their case, PostgreSQL's ILIKE does.
            entries = db.Database.IsNpgsql()
                ? entries.Where(e => EF.Functions.ILike(e.Before!, pattern, "\\") || EF.Functions.ILike(e.After!, pattern, "\\"))
                : entries.Where(e => EF.Functions.Like(e.Before, pattern, "\\") || EF.Functions.Like(e.After, pattern, "\\"));
        }
        return entries;
    }

    /// <summary>Newest first; entries of the same instant by id, so pages never overlap or skip.</summary>
    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> entries) =>
        entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
