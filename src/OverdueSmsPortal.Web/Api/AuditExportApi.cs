using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Audit;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>GET /audit/export</c>: the audit trail under the page's filters as CSV, streamed from the
/// database so that an export of millions of entries never sits in memory. Admins only.
/// </summary>
public static class AuditExportApi
{
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(AuditFilter.ExportPath, ExportAsync)
            .RequireAuthorization(PortalPolicies.Admin)
            .ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<PushStreamHttpResult, ForbidHttpResult>> ExportAsync(HttpContext context,
        IAuthorizationService authorization, AuditLog log, BusinessClock clock,
        string? from, string? to, string? actor, string? entityType, string? entityId, string? action, string? search)
    {
        // The export holds personal data: ask the policy again here, not only in the route's metadata.
        if (!(await authorization.AuthorizeAsync(context.User, PortalPolicies.Admin)).Succeeded)
        {
            return TypedResults.Forbid();
        }
        var query = AuditFilter.FromExport(from, to, actor, entityType, entityId, action, search).ToQuery(clock);
        var by = context.User.ToActor().Name;
        var fileName = $"audit-{clock.ToBusinessTime(clock.UtcNow()).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
        return TypedResults.Stream(output => log.ExportAsync(query, by, output, context.RequestAborted), "text/csv; charset=utf-8",
            fileName);
    }
}
