using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Components.Pages.Repayments;

/// <summary>Records the repayments of an uploaded file (see <see cref="FileUploads"/>) for a user allowed to upload them.</summary>
public sealed partial class RepaymentUploadRunner(IServiceScopeFactory scopes, IOptions<UploadOptions> uploads, IAuthorizationService authorization,
    ILogger<RepaymentUploadRunner> logger)
{
    public async Task<RepaymentUploadReport> RunAsync(IBrowserFile file, ClaimsPrincipal user, IProgress<ImportProgress> progress,
        CancellationToken cancellationToken = default)
    {
        // The page's attribute only guards opening it; recording money is checked again at the moment it happens.
        if (!(await authorization.AuthorizeAsync(user, PortalPolicies.UploadRepayments)).Succeeded)
        {
            throw new ImportRefusedException("Access.ActionDenied");
        }
        var actor = user.Identity?.Name ?? "unknown";
        var report = await scopes.ImportAsync(file, uploads.Value.MaxFileBytes, (services, stream, format) => services.GetRequiredService<RepaymentImporter>()
            .ImportAsync(stream, format, file.Name, actor, progress, cancellationToken), cancellationToken);
        LogUploaded(logger, file.Name, actor, report.RowsRead, report.Recorded, report.AlreadyRecorded, report.RefusedRows);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Repayment upload of {File} by {Actor}: {Rows} rows, {Recorded} recorded, {Already} already recorded, {Refused} refused")]
    private static partial void LogUploaded(ILogger logger, string file, string actor, int rows, int recorded, int already, int refused);
}
