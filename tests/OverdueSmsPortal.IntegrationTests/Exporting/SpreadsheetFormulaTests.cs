using System.Text;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Exporting;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Exporting;

/// <summary>
/// A cell that a spreadsheet would run as a formula leaves every export with a leading quote: a
/// customer's name or a complaint's text is the attacker's, and an operator opens the file in Excel
/// or WPS, which also read full-width ＝＋－＠ (typed with a Chinese input method) as formulas.
/// </summary>
public sealed class SpreadsheetFormulaTests : DatabaseTest
{
    public static TheoryData<string> Formulas => new()
    {
        "=HYPERLINK(\"http://x\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
        "＝HYPERLINK(\"http://x\")",
        "＋1＋1",
        "－2＋3",
        "＠SUM(A1)",
        "﹦1+1",
        "﹢1",
        "﹣1",
        "﹫SUM(A1)",
        " =1+1",
        "\u3000＝1+1",
        "\n=1+1",
    };

    [Theory]
    [MemberData(nameof(Formulas))]
    public void A_formula_in_a_table_export_is_read_back_as_quoted_text(string cell)
    {
        var read = ReadBack(Table(cell));

        Assert.Equal("'" + cell, read);
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("13812345678")]
    [InlineData("a=b")]
    [InlineData("年息-5%")]
    public void Plain_text_is_written_as_it_is(string cell)
    {
        Assert.Equal(cell, ReadBack(Table(cell)));
    }

    [Fact]
    public async Task A_full_width_formula_in_the_audit_export_is_read_back_as_quoted_text()
    {
        await Portal.Service<AuditTrail>().RecordAsync("＝HYPERLINK(\"http://x\")", AuditNames.Segment, "1", AuditNames.Created);
        using var output = new MemoryStream();

        await Portal.Service<AuditLog>().ExportAsync(new AuditQuery(), "admin", output);

        var rows = ImportFile.ReadCsv(new MemoryStream(output.ToArray())).Select(r => r.Cells.Select(c => c ?? "").ToArray()).ToList();
        Assert.Contains(rows, row => row[1] == "'＝HYPERLINK(\"http://x\")");
    }

    private static byte[] Table(string cell)
    {
        using var output = new MemoryStream();
        CsvTable.Write(output, ["row", "cell"], [["1", cell]]);
        return output.ToArray();
    }

    private static string ReadBack(byte[] csv)
    {
        var rows = ImportFile.ReadCsv(new MemoryStream(csv)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows[1].Cells.Length);
        return rows[1].Cells[1] ?? "";
    }
}
