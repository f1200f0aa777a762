using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Components.Pages.Complaints;

/// <summary>Records an uploaded complaints file (see <see cref="FileUploads"/>) and logs the outcome.</summary>
public sealed partial class ComplaintUploadRunner(IServiceScopeFactory scopes, IOptions<UploadOptions> uploads, ILogger<ComplaintUploadRunner> logger)
{
    public async Task<ImportReport> RunAsync(IBrowserFile file, string actor, CancellationToken cancellationToken = default)
    {
        var report = await scopes.ImportAsync(file, uploads.Value.MaxFileBytes, (services, stream, format) => services.GetRequiredService<ComplaintImporter>()
            .ImportAsync(stream, format, file.Name, actor, cancellationToken), cancellationToken);
        LogUploaded(logger, file.Name, actor, report.RowsRead, report.Inserted, report.AlreadyRecorded, report.RejectedRows);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Complaint upload of {File} by {Actor}: {Rows} rows, {Recorded} recorded, {Again} already recorded, {Rejected} rejected")]
    private static partial void LogUploaded(ILogger logger, string file, string actor, int rows, int recorded, int again, int rejected);
}
