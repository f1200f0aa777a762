using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Customers;

/// <summary>A file the import page refuses before reading it (wrong type, too large).</summary>
public sealed class ImportRefusedException(string resourceKey, params object[] arguments) : Exception(resourceKey)
{
    public string ResourceKey { get; } = resourceKey;
    public object[] Arguments { get; } = arguments;
}

/// <summary>
/// Takes an uploaded file to a temporary file on disk (never into memory), then imports it in a
/// scope of its own so that a long import does not share the page's DbContext.
/// </summary>
public sealed class CustomerImportRunner(IServiceScopeFactory scopes, ILogger<CustomerImportRunner> logger)
{
    public const long MaxFileBytes = 200L * 1024 * 1024;

    public async Task<ImportReport> RunAsync(IBrowserFile file, string actor, IProgress<ImportProgress> progress,
        CancellationToken cancellationToken = default)
    {
        var format = CustomerImporter.FormatOf(file.Name) ?? throw new ImportRefusedException("Import.WrongType");
        if (file.Size > MaxFileBytes)
        {
            throw new ImportRefusedException("Import.TooLarge", MaxFileBytes / 1024 / 1024);
        }
        var path = Path.Combine(Path.GetTempPath(), $"portal-import-{Guid.NewGuid():N}{Path.GetExtension(file.Name)}");
        try
        {
            await using (var target = File.Create(path))
            await using (var upload = file.OpenReadStream(MaxFileBytes, cancellationToken))
            {
                await upload.CopyToAsync(target, cancellationToken);
            }
            await using var scope = scopes.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<CustomerImporter>();
            await using var stream = File.OpenRead(path);
            var report = await importer.ImportAsync(stream, format, file.Name, actor, progress, cancellationToken);
            logger.LogInformation("Import of {File} by {Actor}: {Rows} rows, {Imported} imported, {Rejected} rejected",
                file.Name, actor, report.RowsRead, report.Imported, report.RejectedRows);
            return report;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>Turns importer error codes into the reader's language.</summary>
public static class ImportMessages
{
    public static string Reason(IStringLocalizer<SharedResource> l, ImportRowError error)
    {
        var text = l[error.Code];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    public static string FileError(IStringLocalizer<SharedResource> l, string code)
    {
        var parts = code.Split(':', 2);
        return parts.Length == 2 ? l[parts[0], parts[1]] : l[code];
    }
}
