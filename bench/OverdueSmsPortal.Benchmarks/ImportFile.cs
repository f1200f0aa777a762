using System.Globalization;
using System.Text;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Demo;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// Writes a customer import file as a lender's system would export it: the API's column names, national
/// mobile numbers, UTF-8 with a byte order mark, written row by row from the demo generator.
/// </summary>
internal static class ImportFile
{
    /// <summary>The mistakes planted in invalid rows, one per row and one error each, in turn.</summary>
    private static readonly Func<string[], string[]>[] Mistakes =
    [
        cells => With(cells, "phone", "1381234"),
        cells => With(cells, "dueDate", "2026/11/31"),
        cells => With(cells, "product", "mortgage"),
        cells => With(cells, "title", "dr"),
        cells => With(cells, "amountDue", "1,200.50"),
        cells => With(cells, "minimumDue", (decimal.Parse(cells[Column("amountDue")], CultureInfo.InvariantCulture) + 100m)
            .ToString("0.00", CultureInfo.InvariantCulture)),
    ];

    /// <summary>Writes <paramref name="rows"/> rows; every <paramref name="invalidEvery"/>-th row has one mistake.</summary>
    public static void Write(string path, int rows, DateOnly today, int? invalidEvery = null)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        writer.WriteLine(string.Join(",", CustomerRecord.FieldNames));
        var row = 0;
        foreach (var customer in DemoCustomers.Generate(rows, today))
        {
            row++;
            var cells = Cells(customer);
            if (invalidEvery is { } every && row % every == 0)
            {
                cells = Mistakes[row / every % Mistakes.Length](cells);
            }
            writer.WriteLine(string.Join(",", cells.Select(Quote)));
        }
    }

    private static string[] Cells(CustomerDetails c) =>
    [
        c.AccountRef,
        c.Name,
        c.Title.Code(),
        MobileNumbers.Display(c.Phone),
        c.CustomerType.Code(),
        c.Product.Code(),
        c.Region,
        c.TimeZone,
        c.AmountDue.ToString("0.00", CultureInfo.InvariantCulture),
        c.MinimumDue.ToString("0.00", CultureInfo.InvariantCulture),
        c.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        c.DailyPenaltyRate.ToString(CultureInfo.InvariantCulture),
        c.PaydayOfMonth?.ToString(CultureInfo.InvariantCulture) ?? "",
    ];

    private static int Column(string field) => CustomerRecord.FieldNames.ToList().IndexOf(field);

    private static string[] With(string[] cells, string field, string value)
    {
        var changed = (string[])cells.Clone();
        changed[Column(field)] = value;
        return changed;
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
