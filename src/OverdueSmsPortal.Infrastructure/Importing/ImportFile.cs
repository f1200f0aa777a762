using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>
/// Reads the files operators upload (customers, repayments, complaints) row by row, never the whole file
/// at once: CSV in UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, or GBK /
/// GB18030 as Excel on a Chinese Windows saves it; or the first sheet of an Excel workbook.
/// </summary>
public static class ImportFile
{
    /// <summary>The file error of a file that is no CSV or workbook the readers can read (a broken or foreign file).</summary>
    public const string UnreadableCode = "import.file.unreadable";

    private const int ScanBufferBytes = 64 * 1024;

    static ImportFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030, the superset of GBK and GB2312 that Chinese Windows writes for "CSV" in Excel.</summary>
    private static Encoding Gb18030 => Encoding.GetEncoding(54936);

    public static ImportFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => ImportFormat.Csv,
        ".xlsx" => ImportFormat.Xlsx,
        _ => null,
    };

    /// <summary>
    /// Opens <paramref name="file"/>, which must be seekable for Excel (a zip). A seekable file is read once
    /// through before any row is handed out, so that a file that cannot be read is refused whole (the file
    /// error <see cref="UnreadableCode"/>) before anything is written, and the progress bar is honest.
    /// </summary>
    internal static (ImportRows? Rows, string? FileError) Open(Stream file, ImportFormat format)
    {
        try
        {
            if (format == ImportFormat.Csv)
            {
                var encoding = CsvEncoding(file);
                if (!file.CanSeek)
                {
                    return (new ImportRows(file, null, ReadCsv(file, encoding)), null);
                }
                var start = file.Position;
                var totalCsvRows = ReadCsv(file, encoding).Count() - 1;
                file.Position = start;
                return (new ImportRows(file, totalCsvRows, ReadCsv(file, encoding)), null);
            }
            var totalRows = ReadXlsx(file).Count() - 1;
            file.Position = 0;
            return (new ImportRows(file, totalRows, ReadXlsx(file)), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only the file is read here: whatever the CSV, zip or XML reader stumbled on is the file's fault.
            return (null, UnreadableCode);
        }
    }

    /// <summary>
    /// The encoding of a CSV file: its byte order mark; else UTF-8 when every byte sequence is UTF-8;
    /// else GB18030 (what a file whose Chinese is not UTF-8 almost always is). A stream that cannot seek
    /// is taken as UTF-8.
    /// </summary>
    internal static Encoding CsvEncoding(Stream file)
    {
        if (!file.CanSeek)
        {
            return Encoding.UTF8;
        }
        var start = file.Position;
        try
        {
            var buffer = new byte[ScanBufferBytes];
            var read = file.ReadAtLeast(buffer, 3, throwOnEndOfStream: false);
            if (read >= 2 && (buffer[0], buffer[1]) is (0xFF, 0xFE) or (0xFE, 0xFF)
                || read >= 3 && (buffer[0], buffer[1], buffer[2]) is (0xEF, 0xBB, 0xBF))
            {
                // The reader honours the mark itself.
                return Encoding.UTF8;
            }
            var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
            // A sequence cut at the end of one buffer is finished by the next: a few chars more than bytes read.
            var chars = new char[ScanBufferBytes + 4];
            try
            {
                for (; read > 0; read = file.Read(buffer))
                {
                    decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                }
                decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
                return Encoding.UTF8;
            }
            catch (DecoderFallbackException)
            {
                return Gb18030;
            }
        }
        finally
        {
            file.Position = start;
        }
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
    internal static IEnumerable<(int Row, string?[] Cells)> ReadCsv(Stream stream, Encoding? encoding = null)
    {
        var options = new CsvReaderOptions
        {
            Encoding = encoding ?? Encoding.UTF8,
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
