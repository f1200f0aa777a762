using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>A data row of an import file: its spreadsheet row number and the record it holds.</summary>
internal readonly record struct CustomerRow(int Row, CustomerRecord Record);

/// <summary>
/// Matches the columns of a customer import file (read by <see cref="SheetRows"/>): by the API's
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
}
