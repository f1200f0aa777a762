using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Web.Components.Pages.Audit;

/// <summary>
/// What the audit page's filter bar holds, and what the export link carries in its query string;
/// <see cref="From"/> and <see cref="To"/> are business days, the last one included.
/// </summary>
public sealed record AuditFilter
{
    public const string ExportPath = "/audit/export";

    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Actor { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? Action { get; init; }
    public string? Search { get; init; }

    public bool IsEmpty => From is null && To is null && Blank(Actor) && Blank(EntityType) && Blank(EntityId) && Blank(Action)
                           && Blank(Search);

    public AuditQuery ToQuery(BusinessClock clock, int page = 0, int pageSize = 25) => new()
    {
        From = From is { } from ? clock.ToInstant(from.ToDateTime(TimeOnly.MinValue)) : null,
        To = To is { } to ? clock.EndOf(to) : null,
        Actor = Actor,
        EntityType = EntityType,
        EntityId = EntityId,
        Action = Action,
        Search = Search,
        Page = page,
        PageSize = pageSize,
    };

    /// <summary>The export endpoint's address for these filters (relative, for the page's base address).</summary>
    public string ExportUrl()
    {
        var parameters = new Dictionary<string, string?>
        {
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["actor"] = Actor,
            ["entityType"] = EntityType,
            ["entityId"] = EntityId,
            ["action"] = Action,
            ["search"] = Search,
        }.Where(p => !Blank(p.Value));
        return QueryHelpers.AddQueryString(ExportPath.TrimStart('/'), parameters);
    }

    /// <summary>The filter the export link's query string describes; a day that does not parse is ignored.</summary>
    public static AuditFilter FromExport(string? from, string? to, string? actor, string? entityType, string? entityId, string? action,
        string? search) => new()
    {
        From = Day(from),
        To = Day(to),
        Actor = actor,
        EntityType = entityType,
        EntityId = entityId,
        Action = action,
        Search = search,
    };

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
