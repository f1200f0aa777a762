using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Exporting;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Dashboard;
using OverdueSmsPortal.Web.Resources;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// <c>GET /dashboard/export/{table}</c>: any table of the dashboard as CSV, for the filter in the query
/// string (the page's own). Counts and rates are plain numbers (rates as fractions, amounts in yuan)
/// under headings in the reader's language. Figures only: no personal data leaves this way.
/// </summary>
public static class DashboardExport
{
    public static IEndpointRouteBuilder MapDashboardExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard/export/{table}", ExportAsync)
            .RequireAuthorization(PortalPolicies.Operator)
            .ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> ExportAsync(string table, HttpRequest request, OutcomeDashboard dashboard, BusinessClock clock,
        IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        if (!DashboardTables.Names.Contains(table))
        {
            return TypedResults.NotFound();
        }
        var filter = DashboardQuery.Parse(QueryHelpers.ParseQuery(request.QueryString.Value), clock.Today());
        var output = new MemoryStream();
        if (table == DashboardTables.Ab)
        {
            WriteAb(output, await dashboard.AbAsync(filter, cancellationToken), l);
        }
        else
        {
            var view = await dashboard.LoadAsync(filter, cancellationToken);
            var choices = await dashboard.ChoicesAsync(cancellationToken);
            var built = DashboardTables.Build(table, view, choices, l, CultureInfo.InvariantCulture);
            CsvTable.Write(output,
                built.KeyHeaders.Concat(DashboardTables.Columns.Select(c => l[c.Key].Value)).ToList(),
                built.Rows.Select(row => row.Keys.Concat(DashboardTables.Columns.Select(c => c.Raw(row.Figures)))));
        }
        output.Position = 0;
        var name = $"dashboard-{table}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv";
        return TypedResults.File(output, "text/csv; charset=utf-8", name);
    }

    /// <summary>
    /// The A/B table. Rates and p-values keep six significant digits, not six decimals: a very clear split's
    /// p-value (1e-12) or a complaint rate of one in ten million is written as such, never as 0.
    /// </summary>
    internal static void WriteAb(Stream output, IReadOnlyList<AbResult> results, IStringLocalizer<SharedResource> l)
    {
        static string Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "";
        CsvTable.Write(output,
        [
            l["Dashboard.Campaign"], l["Ab.Variant"], l["Dashboard.Sent"], l["Ab.Repaid"], l["Dashboard.RepaymentRate"], l["Ab.IntervalLow"],
            l["Ab.IntervalHigh"], l["Ab.Complained"], l["Ab.ComplaintRate"], l["Ab.RepaymentVerdict"], l["Ab.RepaymentP"],
            l["Ab.ComplaintVerdict"], l["Ab.ComplaintP"],
        ],
        results.SelectMany(result => new[] { result.A, result.B }.Select(variant => new[]
        {
            result.Campaign, variant.Variant.ToString(), variant.Counts.Sent.ToString(CultureInfo.InvariantCulture),
            variant.Counts.Repaid.ToString(CultureInfo.InvariantCulture), Number(variant.Repayment.Rate),
            Number(variant.Repayment.Interval()?.Low), Number(variant.Repayment.Interval()?.High),
            variant.Counts.Complained.ToString(CultureInfo.InvariantCulture), Number(variant.Complaint.Rate),
            result.Repayment.Verdict.ToString(), Number(result.Repayment.PValue), result.Complaint.Verdict.ToString(),
            Number(result.Complaint.PValue),
        })));
    }
}
