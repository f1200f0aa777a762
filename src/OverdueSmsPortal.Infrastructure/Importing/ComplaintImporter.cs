using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>
/// Records complaints from a CSV or Excel file with the API's columns (complaintRef, accountRef,
/// category, severity, summary, messageId, source, hold, receivedAt; or their Chinese headings). Each
/// bad row is reported with row, field and reason; the good rows are recorded, a complaintRef seen
/// before is counted as already recorded. A row without a source is an upload.
/// </summary>
public sealed class ComplaintImporter(ComplaintDesk desk, BusinessClock businessClock, AuditTrail audit)
{
    /// <summary>Complaints arrive by the dozen, not the million: a file is recorded in one transaction, so it is kept small.</summary>
    public const int MaxRows = 10_000;

    public async Task<ImportReport> ImportAsync(Stream file, ImportFormat format, string fileName, string actor,
        CancellationToken cancellationToken = default)
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
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var headings = rows.Current.Cells;
        for (var i = 0; i < headings.Length; i++)
        {
            if (ImportVocabulary.Complaints.ColumnHeaded(headings[i])?.Field is { } field)
            {
                columns.TryAdd(field, i);
            }
        }
        var missing = ComplaintFields.Required.Where(f => !columns.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            return ImportReport.Refused("import.file.missingColumns:" + string.Join(",", missing));
        }

        var rowNumbers = new List<int>();
        var inputs = new List<ComplaintInput>();
        var readErrors = new List<IReadOnlyList<ComplaintFieldError>>();
        while (rows.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (inputs.Count == MaxRows)
            {
                return ImportReport.Refused("Complaints.Upload.TooManyRows:" + MaxRows);
            }
            var (row, cells) = rows.Current;
            var (input, errors) = ComplaintFields.Read(
                field => columns.TryGetValue(field, out var index) && index < cells.Length ? cells[index] : null,
                ComplaintSource.Upload, businessClock.Zone);
            rowNumbers.Add(row);
            inputs.Add(input);
            readErrors.Add(errors);
        }

        var receipt = await desk.RecordAsync(inputs, actor, i => readErrors[i], cancellationToken);
        var rowErrors = receipt.Refused
            .SelectMany(r => r.Errors.Select(e => new ImportRowError(rowNumbers[r.Index], r.AccountRef, e.Field, e.Code, e.Message)))
            .ToList();
        var report = new ImportReport(inputs.Count, receipt.Recorded.Count, 0, receipt.Refused.Count, rowErrors, 0, null,
            receipt.AlreadyRecorded.Count);
        await audit.RecordAsync(actor, AuditNames.Complaint, fileName, AuditNames.Imported,
            after: new { fileName, report.RowsRead, recorded = report.Inserted, report.AlreadyRecorded, report.RejectedRows },
            cancellationToken: cancellationToken);
        return report;
    }
}
