using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Customers;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>
/// Imports customers from a CSV or Excel file: valid rows are upserted by account reference in
/// batches, invalid rows are reported with row, field and reason, and nothing else is lost.
/// </summary>
public sealed class CustomerImporter(CustomerUpsert upsert, AuditTrail audit)
{
    public const int BatchSize = 500;
    public const int MaxReportedErrors = 10_000;

    private static readonly CustomerRecordValidator Validator = new();

    /// <summary>
    /// Imports <paramref name="file"/>, which must be seekable for Excel (a zip); CSV streams need not be.
    /// Progress is reported after every batch.
    /// </summary>
    public async Task<ImportReport> ImportAsync(Stream file, ImportFormat format, string fileName, string actor,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = await ReadAndUpsertAsync(file, format, progress, cancellationToken);
        if (report.FileError is null)
        {
            await audit.RecordAsync(actor, AuditNames.CustomerImport, fileName, AuditNames.Imported,
                after: new { fileName, report.RowsRead, report.Inserted, report.Updated, report.RejectedRows },
                cancellationToken: cancellationToken);
        }
        return report;
    }

    private async Task<ImportReport> ReadAndUpsertAsync(Stream file, ImportFormat format,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var (lines, fileError) = ImportFile.Open(file, format);
        if (lines is null)
        {
            return ImportReport.Refused(fileError!);
        }
        using var rows = lines.Rows.GetEnumerator();
        if (!rows.MoveNext())
        {
            return ImportReport.Refused("import.file.empty");
        }
        var (columns, missing) = CustomerRowReaders.MatchHeader(rows.Current.Cells);
        if (missing.Count > 0)
        {
            return ImportReport.Refused("import.file.missingColumns:" + string.Join(",", missing));
        }

        var errors = new List<ImportRowError>();
        var batch = new List<CustomerDetails>(BatchSize);
        int read = 0, inserted = 0, updated = 0, rejected = 0, unlisted = 0;

        async Task FlushAsync()
        {
            var result = await upsert.UpsertAsync(batch, cancellationToken);
            inserted += result.Inserted;
            updated += result.Updated;
            batch.Clear();
            progress?.Report(new ImportProgress(read, inserted + updated, rejected, lines.Fraction(read)));
        }

        while (rows.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (row, cells) = rows.Current;
            read++;
            var record = CustomerRowReaders.ToRecord(columns, i => i < cells.Length ? cells[i] : null);
            var validation = Validator.Validate(record);
            if (validation.IsValid)
            {
                batch.Add(record.ToDetails());
            }
            else
            {
                rejected++;
                // CSV gives an empty cell as "" and Excel as null: report both as no account reference.
                var accountRef = string.IsNullOrWhiteSpace(record.AccountRef) ? null : record.AccountRef.Trim();
                foreach (var failure in validation.Errors)
                {
                    if (errors.Count < MaxReportedErrors)
                    {
                        errors.Add(new ImportRowError(row, accountRef, CamelCase(failure.PropertyName),
                            failure.ErrorCode, failure.ErrorMessage));
                    }
                    else
                    {
                        unlisted++;
                    }
                }
            }
            if (batch.Count == BatchSize)
            {
                await FlushAsync();
            }
        }
        await FlushAsync();
        progress?.Report(new ImportProgress(read, inserted + updated, rejected, 1));
        return new ImportReport(read, inserted, updated, rejected, errors, unlisted, null);
    }

    private static string CamelCase(string property) =>
        property.Length == 0 ? property : char.ToLowerInvariant(property[0]) + property[1..];
}
