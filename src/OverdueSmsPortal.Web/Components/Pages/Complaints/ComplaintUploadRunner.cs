using Microsoft.AspNetCore.Components.Forms;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Web.Components.Pages.Customers;

namespace OverdueSmsPortal.Web.Components.Pages.Complaints;

/// <summary>
/// Takes an uploaded complaints file (small: at most <see cref="ComplaintImporter.MaxRows"/> rows) into
/// memory and records it in a scope of its own, so that it does not share the page's DbContext.
/// </summary>
public sealed class ComplaintUploadRunner(IServiceScopeFactory scopes, ILogger<ComplaintUploadRunner> logger)
{
    public const long MaxFileBytes = 20L * 1024 * 1024;

    public async Task<ImportReport> RunAsync(IBrowserFile file, string actor, CancellationToken cancellationToken = default)
    {
        var format = CustomerImporter.FormatOf(file.Name) ?? throw new ImportRefusedException("Import.WrongType");
        if (file.Size > MaxFileBytes)
        {
            throw new ImportRefusedException("Import.TooLarge", MaxFileBytes / 1024 / 1024);
        }
        using var buffer = new MemoryStream();
        await using (var upload = file.OpenReadStream(MaxFileBytes, cancellationToken))
        {
            await upload.CopyToAsync(buffer, cancellationToken);
        }
        buffer.Position = 0;
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ComplaintImporter>()
            .ImportAsync(buffer, format, file.Name, actor, cancellationToken);
        logger.LogInformation("Complaint upload of {File} by {Actor}: {Rows} rows, {Recorded} recorded, {Again} already recorded, {Rejected} rejected",
            file.Name, actor, report.RowsRead, report.Inserted, report.AlreadyRecorded, report.RejectedRows);
        return report;
    }
}
