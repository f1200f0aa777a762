using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Components.Pages.Customers;

/// <summary>Imports an uploaded customer file (see <see cref="FileUploads"/>) and logs the outcome.</summary>
public sealed partial class CustomerImportRunner(IServiceScopeFactory scopes, IOptions<UploadOptions> uploads, ILogger<CustomerImportRunner> logger)
{
    public async Task<ImportReport> RunAsync(IBrowserFile file, string actor, IProgress<ImportProgress> progress,
        CancellationToken cancellationToken = default)
    {
        var report = await scopes.ImportAsync(file, uploads.Value.MaxFileBytes, (services, stream, format) => services.GetRequiredService<CustomerImporter>()
            .ImportAsync(stream, format, file.Name, actor, progress, cancellationToken), cancellationToken);
        LogImported(logger, file.Name, actor, report.RowsRead, report.Imported, report.RejectedRows);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import of {File} by {Actor}: {Rows} rows, {Imported} imported, {Rejected} rejected")]
    private static partial void LogImported(ILogger logger, string file, string actor, int rows, int imported, int rejected);
}
