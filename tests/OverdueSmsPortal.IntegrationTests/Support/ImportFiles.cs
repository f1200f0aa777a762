using System.Text;
using MiniExcelLibs;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>Import files made in memory, as the lender's systems or a spreadsheet would write them.</summary>
public static class ImportFiles
{
    /// <summary>The columns of the downloadable template, in its order.</summary>
    public const string TemplateHeader =
        "accountRef,name,title,phone,customerType,product,region,timeZone,amountDue,minimumDue,dueDate,dailyPenaltyRate,paydayOfMonth";

    /// <summary>A UTF-8 CSV file of <paramref name="lines"/>, each ending in CRLF, without a byte order mark.</summary>
    public static MemoryStream Csv(params string[] lines) =>
        new(Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\r\n"))));

    /// <summary>The same file as Excel saves it, with a UTF-8 byte order mark first.</summary>
    public static MemoryStream CsvWithByteOrderMark(params string[] lines) =>
        new([.. Encoding.UTF8.Preamble, .. Csv(lines).ToArray()]);

    /// <summary>An Excel workbook with a header row of the keys of the first row, then one row per dictionary.</summary>
    public static MemoryStream Xlsx(params Dictionary<string, object>[] rows)
    {
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows);
        stream.Position = 0;
        return stream;
    }
}
