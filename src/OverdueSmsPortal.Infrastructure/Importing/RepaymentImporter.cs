using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>
/// The outcome of a repayment upload: how many rows were recorded now, had been recorded before
/// (unchanged), or were refused, and the amount recorded now. Errors beyond
/// <see cref="RepaymentImporter.MaxReportedErrors"/> are counted, not listed.
/// </summary>
public sealed record RepaymentUploadReport(
    int RowsRead,
    int Recorded,
    int AlreadyRecorded,
    int RefusedRows,
    decimal AmountRecorded,
    IReadOnlyList<ImportRowError> Errors,
    int UnlistedErrors,
    string? FileError)
{
    public static RepaymentUploadReport Refused(string fileError) => new(0, 0, 0, 0, 0m, [], 0, fileError);
}

/// <summary>
/// Takes repayments from a CSV or Excel file (DESIGN §2.12) with the columns of the API: paymentId,
/// accountRef, amount, paidAt, or their Chinese headings. Rows go to <see cref="RepaymentIntake"/> in
/// chunks, each its own transaction and idempotent on the payment id, so the same file uploaded again
/// (or an upload cut off and started over) records nothing twice and reports those rows as already
/// recorded.
/// </summary>
public sealed class RepaymentImporter(RepaymentIntake intake, AuditTrail audit, BusinessClock businessClock)
{
    public const int ChunkSize = 500;
    public const int MaxReportedErrors = CustomerImporter.MaxReportedErrors;
    public const string Source = "upload";
    public const string AmountUnreadableCode = "repayment.amount.unreadable";
    public const string PaidAtUnreadableCode = "repayment.paidAt.unreadable";

    /// <summary>The columns a file must have, in the template's order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["paymentId", "accountRef", "amount", "paidAt"];

    private static readonly List<string> ColumnOrder = [.. Columns];

    private sealed record Row(int Number, RepaymentRecord Record, List<ImportRowError> ReadErrors);

    public async Task<RepaymentUploadReport> ImportAsync(Stream file, ImportFormat format, string fileName, string actor,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (lines, fileError) = ImportFile.Open(file, format);
        if (lines is null)
        {
            return RepaymentUploadReport.Refused(fileError!);
        }
        using var rows = lines.Rows.GetEnumerator();
        if (!rows.MoveNext())
        {
            return RepaymentUploadReport.Refused("import.file.empty");
        }
        var (columns, missing) = ImportFile.MatchHeader(rows.Current.Cells,
            heading => ImportVocabulary.Repayments.ColumnHeaded(heading)?.Field,
            Columns);
        if (missing.Count > 0)
        {
            return RepaymentUploadReport.Refused("import.file.missingColumns:" + string.Join(",", missing));
        }

        var errors = new List<ImportRowError>();
        var chunk = new List<Row>(ChunkSize);
        int read = 0, recorded = 0, already = 0, refused = 0, unlisted = 0;
        decimal amount = 0;

        void Report(IEnumerable<ImportRowError> rowErrors)
        {
            foreach (var error in rowErrors)
            {
                if (errors.Count < MaxReportedErrors)
                {
                    errors.Add(error);
                }
                else
                {
                    unlisted++;
                }
            }
        }

        async Task FlushAsync()
        {
            if (chunk.Count > 0)
            {
                var receipt = await intake.RecordPartAsync(chunk.Select(r => r.Record).ToList(), Source, actor, cancellationToken);
                recorded += receipt.Recorded.Count;
                amount += receipt.Recorded.Sum(i => chunk[i].Record.Amount!.Value);
                already += receipt.AlreadyRecorded.Count;
                refused += receipt.Refused.Count;
                foreach (var (index, _, reasons) in receipt.Refused)
                {
                    Report(RowErrors(chunk[index], reasons));
                }
                chunk.Clear();
            }
            progress?.Report(new ImportProgress(read, recorded, refused, lines.Fraction(read)));
        }

        while (rows.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (number, cells) = rows.Current;
            read++;
            chunk.Add(ToRow(number, field => columns.TryGetValue(field, out var i) && i < cells.Length ? cells[i] : null));
            if (chunk.Count == ChunkSize)
            {
                await FlushAsync();
            }
        }
        await FlushAsync();

        await audit.RecordAsync(actor, AuditNames.Repayments, fileName, AuditNames.Imported,
            after: new { fileName, rowsRead = read, recorded, alreadyRecorded = already, refused, amount },
            cancellationToken: cancellationToken);
        return new RepaymentUploadReport(read, recorded, already, refused, amount, errors, unlisted, null);
    }

    /// <summary>A row as a record; a cell that is not an amount or a time is left out of it and reported as unreadable.</summary>
    private Row ToRow(int number, Func<string, string?> cell)
    {
        var accountRef = string.IsNullOrWhiteSpace(cell("accountRef")) ? null : cell("accountRef")!.Trim();
        var readErrors = new List<ImportRowError>();
        decimal? amount = null;
        if (cell("amount") is { Length: > 0 } amountText && amountText.Trim().Length > 0)
        {
            amount = RepaymentRecord.ParseAmount(amountText);
            if (amount is null)
            {
                readErrors.Add(new ImportRowError(number, accountRef, "amount", AmountUnreadableCode,
                    $"amount \"{amountText}\" is not a number; write it like 1234.50."));
            }
        }
        DateTimeOffset? paidAt = null;
        if (cell("paidAt") is { Length: > 0 } paidAtText && paidAtText.Trim().Length > 0)
        {
            paidAt = RepaymentRecord.ParsePaidAt(paidAtText, businessClock.Zone);
            if (paidAt is null)
            {
                readErrors.Add(new ImportRowError(number, accountRef, "paidAt", PaidAtUnreadableCode,
                    $"paidAt \"{paidAtText}\" is not a time; write it like 2026-11-30 10:15:00."));
            }
        }
        return new Row(number, new RepaymentRecord(cell("paymentId"), accountRef, amount, paidAt), readErrors);
    }

    /// <summary>The intake's reasons for the row, where an unreadable cell says so instead of "required".</summary>
    private static IEnumerable<ImportRowError> RowErrors(Row row, IReadOnlyList<RepaymentError> reasons)
    {
        var unreadable = row.ReadErrors.Select(e => e.Field).ToHashSet();
        return reasons.Where(r => !unreadable.Contains(r.Field))
            .Select(r => new ImportRowError(row.Number, row.Record.AccountRef, r.Field, r.Code, r.Message))
            .Concat(row.ReadErrors)
            .OrderBy(e => ColumnOrder.IndexOf(e.Field));
    }
}
