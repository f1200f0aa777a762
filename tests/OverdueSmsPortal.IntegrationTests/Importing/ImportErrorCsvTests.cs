using System.Text;
using OverdueSmsPortal.Infrastructure.Importing;

namespace OverdueSmsPortal.IntegrationTests.Importing;

public sealed class ImportErrorCsvTests
{
    private static readonly string[] Headings = ["行号", "账号", "字段", "原因"];

    private static byte[] Write(params ImportRowError[] errors)
    {
        using var output = new MemoryStream();
        ImportErrorCsv.Write(output, Headings, errors, e => "原因：" + e.Code);
        return output.ToArray();
    }

    [Fact]
    public void The_report_starts_with_a_byte_order_mark_so_excel_reads_chinese()
    {
        var bytes = Write(new ImportRowError(3, "CC0002", "phone", "customer.phone.invalid", "phone is not valid."));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
    }

    [Fact]
    public void Each_error_becomes_a_row_under_the_localised_headings()
    {
        var text = Encoding.UTF8.GetString(Write(
            new ImportRowError(3, "CC0002", "phone", "customer.phone.invalid", "phone is not valid."),
            new ImportRowError(5, null, "accountRef", "customer.accountRef.required", "accountRef is required.")));

        var lines = text.TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "行号,账号,字段,原因",
            "3,CC0002,phone,原因：customer.phone.invalid",
            "5,,accountRef,原因：customer.accountRef.required",
        ], lines);
    }

    [Fact]
    public void A_value_a_spreadsheet_would_run_as_a_formula_is_escaped()
    {
        var text = Encoding.UTF8.GetString(Write(new ImportRowError(2, "=HYPERLINK(\"x\")", "name", "customer.name.required", "")));

        Assert.DoesNotContain(",=HYPERLINK", text);
    }
}
