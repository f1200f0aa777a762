using OverdueSmsPortal.Infrastructure.Exporting;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>
/// Writes an import's error report as CSV for the operator to fix the rows and upload them again.
/// UTF-8 with a byte order mark so that Excel shows Chinese text; formula-looking cells are escaped.
/// </summary>
public static class ImportErrorCsv
{
    /// <param name="headings">Row, account, field and reason headings, in the reader's language.</param>
    /// <param name="reason">The reason of an error in the reader's language.</param>
    public static void Write(Stream output, IReadOnlyList<string> headings, IEnumerable<ImportRowError> errors,
        Func<ImportRowError, string> reason) =>
        CsvTable.Write(output, headings, errors.Select(error => new[]
        {
            error.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), error.AccountRef ?? "", error.Field, reason(error),
        }));
}
