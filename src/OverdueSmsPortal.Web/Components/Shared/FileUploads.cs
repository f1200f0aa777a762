using System.Globalization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Resources;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>A file an upload page refuses before reading it (wrong type, too large, not allowed).</summary>
public sealed class ImportRefusedException(string resourceKey, params object[] arguments) : Exception(resourceKey)
{
    public string ResourceKey { get; } = resourceKey;
    public object[] Arguments { get; } = arguments;
}

/// <summary>
/// The database failed (locked, full, read-only, I/O) part-way through an import. Customers and
/// repayments are saved in batches that stay saved and are upserted by key, so uploading the same
/// file again completes them; complaints are saved in one transaction, so nothing of theirs is kept.
/// </summary>
public sealed class ImportInterruptedException(DatabaseFault fault, Exception inner)
    : Exception($"The import stopped part-way: the database is {fault}.", inner)
{
    public DatabaseFault Fault { get; } = fault;
}

/// <summary>
/// Takes an uploaded file to a temporary file on disk (never into memory), then reads it in a scope of
/// its own, with a database context of its own for as long as the import runs. Customers and repayments both
/// upload this way.
/// </summary>
public static class FileUploads
{
    /// <param name="maxFileBytes">The largest file taken (<see cref="UploadOptions.MaxFileBytes"/>); a larger one is refused before it is read.</param>
    public static async Task<TReport> ImportAsync<TReport>(this IServiceScopeFactory scopes, IBrowserFile file, long maxFileBytes,
        Func<IServiceProvider, Stream, ImportFormat, Task<TReport>> import, CancellationToken cancellationToken = default)
    {
        var format = ImportFile.FormatOf(file.Name) ?? throw new ImportRefusedException("Import.WrongType");
        if (file.Size > maxFileBytes)
        {
            throw new ImportRefusedException("Import.TooLarge", UploadOptions.SizeText(maxFileBytes));
        }
        var path = Path.Combine(Path.GetTempPath(), $"portal-import-{Guid.NewGuid():N}{Path.GetExtension(file.Name)}");
        try
        {
            await using (var target = File.Create(path))
            await using (var upload = file.OpenReadStream(maxFileBytes, cancellationToken))
            {
                await upload.CopyToAsync(target, cancellationToken);
            }
            await using var scope = scopes.CreateAsyncScope();
            await using var stream = File.OpenRead(path);
            try
            {
                return await import(scope.ServiceProvider, stream, format);
            }
            catch (Exception e) when (DatabaseFaults.Classify(e) is { } fault)
            {
                scope.ServiceProvider.GetService<DatabaseFaultMonitor>()?.Record(fault);
                throw new ImportInterruptedException(fault, e);
            }
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
    /// <param name="keyPrefix">Put before the error's code to find its resource, e.g. <c>Repayments.Error.</c>.</param>
    public static string Reason(IStringLocalizer<SharedResource> l, ImportRowError error, string keyPrefix = "")
    {
        // A coded column's reason lists what it accepts, from the same table the import reads with.
        var text = ImportVocabulary.ValuesOf(error.Field) is { } values
            ? l[keyPrefix + error.Code, ReadsChinese ? values.ChineseList : values.EnglishList,
                string.Join(ReadsChinese ? "、" : ", ", values.Terms.Select(t => t.Code))]
            : l[keyPrefix + error.Code];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    private static bool ReadsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>What the page says when the database stopped an import part-way; the progress shown above it says how far it got.</summary>
    public static string Interrupted(IStringLocalizer<SharedResource> l, ImportInterruptedException stopped) =>
        l["Import.Interrupted", l[DatabaseFaults.MessageKey(stopped.Fault)]];

    /// <param name="sheet">The upload's columns: missing columns are then named by the headings the page lists.</param>
    public static string FileError(IStringLocalizer<SharedResource> l, string code, ImportSheet? sheet = null)
    {
        var parts = code.Split(':', 2);
        if (parts.Length != 2)
        {
            return l[code];
        }
        if (sheet is not null && parts[0] == "import.file.missingColumns")
        {
            var named = parts[1].Split(',').Select(field => sheet.Columns.FirstOrDefault(c => c.Field == field) is { } column
                ? $"{(ReadsChinese ? column.Chinese : column.English)} ({field})"
                : field);
            return l[parts[0], string.Join(ReadsChinese ? "、" : ", ", named)];
        }
        return l[parts[0], parts[1]];
    }
}
