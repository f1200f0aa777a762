using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Importing;

/// <summary>How a fuzzed file is written out: the bytes a lender's system or a spreadsheet could send.</summary>
public enum FileEncoding
{
    Utf8,
    Utf8WithByteOrderMark,
    Utf16LittleEndianWithByteOrderMark,
    Gbk,
}

/// <summary>
/// Writes random import files for <see cref="ImportFuzzTests"/>: headings renamed, reordered, missing,
/// doubled or extra; rows valid, broken or doubled; cells huge or hostile; CSV in four encodings; Excel
/// workbooks whole, cut short or not a workbook at all.
/// </summary>
public static class ImportFileFuzz
{
    /// <summary>Characters every encoding here can hold, so a valid row reads back exactly as written.</summary>
    public const string GbkNames = "王小明李红张伟刘洋陈静杨帆赵敏黄磊周杰吴芳徐娜孙丽马超朱琳胡军郭强何勇高峰林涛罗斌";

    static ImportFileFuzz() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gbk => Encoding.GetEncoding("GBK");

    /// <summary>A heading for <paramref name="field"/> as someone may have typed it: another case, spaces, or an alias.</summary>
    public static string Heading(Fuzz fuzz, string field, IReadOnlyDictionary<string, string> aliases) => fuzz.Next(6) switch
    {
        0 => field.ToUpperInvariant(),
        1 => "  " + field + " ",
        2 when aliases.TryGetValue(field, out var alias) => alias,
        3 => field.ToLowerInvariant(),
        _ => field,
    };

    /// <summary>
    /// The columns, each a heading and the field it holds: every field in <paramref name="fields"/> in a
    /// random order under a random spelling, sometimes one doubled (the second copy holding junk), an
    /// unknown one added, or (<paramref name="dropped"/>) one required left out.
    /// </summary>
    public static List<(string Heading, string Field)> Header(Fuzz fuzz, IReadOnlyList<string> fields,
        IReadOnlyDictionary<string, string> aliases, IReadOnlyList<string> required, out string? dropped)
    {
        var order = fields.OrderBy(_ => fuzz.Next(1000)).ToList();
        dropped = fuzz.Chance(0.1) ? fuzz.Pick(required) : null;
        if (dropped is not null)
        {
            order.Remove(dropped);
        }
        var columns = order.Select(f => (Heading(fuzz, f, aliases), f)).ToList();
        if (fuzz.Chance(0.15))
        {
            columns.Add((Heading(fuzz, fuzz.Pick(order), aliases), Junk));
        }
        if (fuzz.Chance(0.15))
        {
            columns.Insert(fuzz.Next(columns.Count + 1), (fuzz.Pick(["remark", "备注", "", "extra column", "accountRef2"]), Junk));
        }
        return columns;
    }

    /// <summary>The field of a column that holds no field: an unknown heading, or a second copy of a known one.</summary>
    public const string Junk = "";

    /// <summary>A cell as hostile input: empty, spaces, text of other scripts and control characters, huge.</summary>
    public static string HostileCell(Fuzz fuzz) => fuzz.Next(8) switch
    {
        0 => "",
        1 => "   ",
        2 => new string('长', fuzz.Chance(0.1) ? 1024 * 1024 : 100),
        3 => "=1+1",
        4 => "-1e400",
        5 => "9999999999999999999999999999999",
        _ => fuzz.Text(fuzz.Next(1, 12)),
    };

    /// <summary>One CSV line; a cell with a separator, quote or line break is quoted, unless the file is to be broken.</summary>
    public static string CsvLine(Fuzz fuzz, IEnumerable<string> cells, bool broken) => string.Join(",", cells.Select(cell =>
        broken && fuzz.Chance(0.2) ? "\"" + cell
        : cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 || cell != cell.Trim() ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell));

    public static byte[] Encode(string text, FileEncoding encoding) => encoding switch
    {
        FileEncoding.Utf8 => Encoding.UTF8.GetBytes(text),
        FileEncoding.Utf8WithByteOrderMark => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)],
        FileEncoding.Utf16LittleEndianWithByteOrderMark => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)],
        _ => Gbk.GetBytes(text),
    };

    /// <summary>An encoding that holds what the case wrote: GBK only when every character is in it.</summary>
    public static FileEncoding PickEncoding(Fuzz fuzz, string text)
    {
        var encoding = fuzz.Pick(Enum.GetValues<FileEncoding>());
        return encoding == FileEncoding.Gbk && Gbk.GetString(Gbk.GetBytes(text)) != text ? FileEncoding.Utf8 : encoding;
    }

    /// <summary>A workbook of <paramref name="rows"/> under <paramref name="headings"/>, every cell text or a date.</summary>
    public static byte[] Xlsx(IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var table = rows.Select(row =>
        {
            var map = new Dictionary<string, object?>();
            for (var i = 0; i < headings.Count; i++)
            {
                // MiniExcel keys columns by heading: a doubled heading gets a suffix it ignores when reading.
                var key = map.ContainsKey(headings[i]) ? headings[i] + new string(' ', i) : headings[i];
                map[key] = i < row.Count ? row[i] : null;
            }
            return map;
        }).ToList();
        using var stream = new MemoryStream();
        if (table.Count == 0)
        {
            MiniExcel.SaveAs(stream, new[] { headings.Distinct().ToDictionary(h => h, object? (h) => h) }, printHeader: false);
        }
        else
        {
            MiniExcel.SaveAs(stream, table);
        }
        return stream.ToArray();
    }

    /// <summary>The workbook with the first numeric cell of the sheet turned into a formula (its cached value kept).</summary>
    public static byte[] WithFormula(byte[] xlsx)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(sheet.Open()))
            {
                xml = reader.ReadToEnd();
            }
            var at = xml.IndexOf("<x:v>", StringComparison.Ordinal) is var x and >= 0 ? x : xml.IndexOf("<v>", StringComparison.Ordinal);
            if (at >= 0)
            {
                var prefix = xml[at + 1] == 'x' ? "x:" : "";
                xml = xml.Insert(at, $"<{prefix}f>1+1</{prefix}f>");
            }
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(sheet.FullName).Open());
            writer.Write(xml);
        }
        return stream.ToArray();
    }

    /// <summary>A zip that is no workbook: one entry of random bytes.</summary>
    public static byte[] ZipThatIsNotAWorkbook(Fuzz fuzz)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = zip.CreateEntry(fuzz.Pick(["readme.txt", "xl/workbook.xml", "[Content_Types].xml"])).Open())
        {
            entry.Write(fuzz.Bytes(fuzz.Next(0, 2000)));
        }
        return stream.ToArray();
    }
}
