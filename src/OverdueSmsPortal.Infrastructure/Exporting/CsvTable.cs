using CsvHelper;

namespace OverdueSmsPortal.Infrastructure.Exporting;

/// <summary>
/// Writes a table as CSV for a spreadsheet: UTF-8 with a byte order mark so that Excel shows Chinese
/// text, and formula-looking cells escaped (<see cref="SpreadsheetText"/>) so that an exported name never runs as a formula.
/// </summary>
public static class CsvTable
{
    public static void Write(Stream output, IReadOnlyList<string> headings, IEnumerable<IEnumerable<string>> rows)
    {
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        using var csv = CsvWriter.Create(output, options, true);
        foreach (var heading in headings)
        {
            csv.WriteField(SpreadsheetText.Neutralize(heading));
        }
        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(SpreadsheetText.Neutralize(field));
            }
            csv.EndRecord();
        }
        csv.Flush();
    }
}
