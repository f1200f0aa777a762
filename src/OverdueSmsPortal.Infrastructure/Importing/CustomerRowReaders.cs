using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>A data row of an import file: its spreadsheet row number and the record it holds.</summary>
internal readonly record struct CustomerRow(int Row, CustomerRecord Record);

/// <summary>
/// Reads import files row by row, never the whole file at once. Columns are matched by the API's
/// field names (any case) or by their Chinese headings, in any order.
/// </summary>
internal static class CustomerRowReaders
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["账号"] = "accountRef", ["账户"] = "accountRef", ["合同号"] = "accountRef",
        ["姓名"] = "name", ["称谓"] = "title", ["手机号"] = "phone", ["手机"] = "phone",
        ["客户类型"] = "customerType", ["产品"] = "product", ["地区"] = "region", ["时区"] = "timeZone",
        ["应还金额"] = "amountDue", ["最低还款"] = "minimumDue", ["到期日"] = "dueDate",
        ["日罚息率"] = "dailyPenaltyRate", ["发薪日"] = "paydayOfMonth",
    };

    /// <summary>The fields a file must have a column for; the others may be left out.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        CustomerRecord.FieldNames.Where(f => f is not ("timeZone" or "paydayOfMonth")).ToList();

    /// <summary>Maps headings to field names; returns the required fields that have no column.</summary>
    public static (Dictionary<string, int> Columns, List<string> Missing) MatchHeader(IReadOnlyList<string> headings)
    {
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = headings[i].Trim().TrimStart('\uFEFF');
            var field = Aliases.GetValueOrDefault(heading) ?? CustomerRecord.FieldNamed(heading);
            if (field is not null)
            {
                columns.TryAdd(field, i);
            }
        }
        return (columns, RequiredColumns.Where(f => !columns.ContainsKey(f)).ToList());
    }

    public static CustomerRecord ToRecord(Dictionary<string, int> columns, Func<int, string?> cell) =>
        CustomerRecord.FromFields(field => columns.TryGetValue(field, out var index) ? cell(index) : null);

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
