using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>The rows of an uploaded CSV or Excel file, as text cells, read one at a time, never the whole file at once.</summary>
internal static class SheetRows
{
    public static IEnumerable<(int Row, string?[] Cells)> Read(Stream stream, ImportFormat format) =>
        format == ImportFormat.Csv ? ReadCsv(stream) : ReadXlsx(stream);

    /// <summary>Header row first, then the data rows; blank lines are skipped, the separator is detected.</summary>
    public static IEnumerable<(int Row, string?[] Cells)> ReadCsv(Stream stream)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var csv = CsvReader.Create(stream, options, true);
        while (csv.Read())
        {
            var cells = new string?[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i);
            }
            yield return ((int)csv.LineNumber, cells);
        }
    }

    /// <summary>The first sheet, header row first. Dates become yyyy-MM-dd and numbers invariant text.</summary>
    public static IEnumerable<(int Row, string?[] Cells)> ReadXlsx(Stream stream)
    {
        var row = 0;
        foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: false))
        {
            row++;
            var values = cells.Values.Select(CellText).ToArray();
            if (values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            yield return (row, values);
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
