using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>
/// Reads the files operators upload (customers, repayments) row by row, never the whole file at once:
/// CSV in UTF-8 with or without a byte order mark, or the first sheet of an Excel workbook.
/// </summary>
public static class ImportFile
{
    public static ImportFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => ImportFormat.Csv,
        ".xlsx" => ImportFormat.Xlsx,
        _ => null,
    };

    /// <summary>Opens <paramref name="file"/>, which must be seekable for Excel (a zip); CSV streams need not be.</summary>
    internal static ImportRows Open(Stream file, ImportFormat format)
    {
        if (format == ImportFormat.Csv)
        {
            return new ImportRows(file, null, ReadCsv(file));
        }
        // A zip has no useful byte position: count the rows first so the progress bar is honest.
        var totalRows = ReadXlsx(file).Count() - 1;
        file.Position = 0;
        return new ImportRows(file, totalRows, ReadXlsx(file));
    }

    /// <summary>
    /// Maps headings (trimmed, any byte order mark dropped) to field names through <paramref name="fieldNamed"/>;
    /// returns the <paramref name="required"/> fields that have no column.
    /// </summary>
    internal static (Dictionary<string, int> Columns, List<string> Missing) MatchHeader(IReadOnlyList<string?> headings,
        Func<string, string?> fieldNamed, IReadOnlyList<string> required)
    {
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = (headings[i] ?? "").Trim().TrimStart('\uFEFF');
            if (fieldNamed(heading) is { } field)
            {
                columns.TryAdd(field, i);
            }
        }
        return (columns, required.Where(f => !columns.ContainsKey(f)).ToList());
    }

    /// <summary>Header row first, then the data rows; blank lines are skipped, the separator is detected.</summary>
    internal static IEnumerable<(int Row, string?[] Cells)> ReadCsv(Stream stream)
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

    /// <summary>
    /// The first sheet, header row first. Dates become yyyy-MM-dd (with HH:mm:ss when they hold a time of
    /// day) and numbers invariant text.
    /// </summary>
    private static IEnumerable<(int Row, string?[] Cells)> ReadXlsx(Stream stream)
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
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double number => number.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>The rows of an opened import file, header first, and how far through the file a row count is.</summary>
internal sealed class ImportRows(Stream file, int? totalRows, IEnumerable<(int Row, string?[] Cells)> rows)
{
    public IEnumerable<(int Row, string?[] Cells)> Rows { get; } = rows;

    /// <summary>The share of the file read after <paramref name="rowsRead"/> data rows, from 0 to 1.</summary>
    public double Fraction(int rowsRead)
    {
        var fraction = totalRows is > 0 ? (double)rowsRead / totalRows.Value
            : file.CanSeek && file.Length > 0 ? (double)file.Position / file.Length : 0;
        return Math.Min(1, fraction);
    }
}
