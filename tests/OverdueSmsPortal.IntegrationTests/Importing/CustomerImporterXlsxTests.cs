using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.ImportFiles;

namespace OverdueSmsPortal.IntegrationTests.Importing;

public sealed class CustomerImporterXlsxTests : DatabaseTest
{
    [Fact]
    public async Task Numeric_and_date_cells_import_as_the_values_they_show()
    {
        var report = await ImportAsync(Xlsx(
            ARow("CC0001", phone: 13812345678L, amountDue: 5230.5, minimumDue: 523.05, dueDate: new DateTime(2026, 11, 10),
                dailyPenaltyRate: 0.0005, paydayOfMonth: 15),
            ARow("CC0002", phone: 8613912345678L, amountDue: 800, minimumDue: 800, dueDate: new DateTime(2026, 11, 20),
                dailyPenaltyRate: 0.0008, paydayOfMonth: "")));

        ImportAssert.Counts(report, rowsRead: 2, inserted: 2, updated: 0, rejected: 0);
        Assert.Equal(
            new CustomerDetails("CC0001", "王小明", CustomerTitle.Mr, "+8613812345678", CustomerType.Salaried,
                LoanProduct.CreditCard, "广东", "Asia/Shanghai", 5230.50m, 523.05m, new DateOnly(2026, 11, 10), 0.0005m, 15),
            (await Portal.CustomerAsync("CC0001"))!.Details());
        var second = (await Portal.CustomerAsync("CC0002"))!;
        Assert.Equal(("+8613912345678", 800m, new DateOnly(2026, 11, 20), 0.0008m, (int?)null),
            (second.Phone, second.AmountDue, second.DueDate, second.DailyPenaltyRate, second.PaydayOfMonth));
    }

    [Fact]
    public async Task Dates_written_as_text_import_too()
    {
        var report = await ImportAsync(Xlsx(ARow("CC0001", dueDate: "2026-11-10")));

        ImportAssert.Counts(report, rowsRead: 1, inserted: 1, updated: 0, rejected: 0);
        Assert.Equal(new DateOnly(2026, 11, 10), (await Portal.CustomerAsync("CC0001"))!.DueDate);
    }

    [Fact]
    public async Task Invalid_rows_are_reported_with_their_spreadsheet_row()
    {
        var report = await ImportAsync(Xlsx(
            ARow("CC0001"),
            ARow("CC0002", phone: 12345L),
            ARow("", amountDue: -5)));

        ImportAssert.Counts(report, rowsRead: 3, inserted: 1, updated: 0, rejected: 2);
        Assert.Equal(
        [
            new ImportRowError(3, "CC0002", "phone", "customer.phone.invalid", "phone is not a valid mobile number."),
            new ImportRowError(4, null, "accountRef", "customer.accountRef.required", "accountRef is required."),
            new ImportRowError(4, null, "amountDue", "customer.amountDue.invalid",
                "amountDue must be an amount from 0 to 100000000 with at most 2 decimals."),
        ], report.Errors);
        Assert.Equal(["CC0001"], await Portal.AccountRefsAsync());
    }

    [Fact]
    public async Task Blank_rows_are_skipped_and_rows_keep_the_numbers_the_sheet_shows()
    {
        var blank = ARow("CC0000").ToDictionary(cell => cell.Key, _ => (object)null!);

        var report = await ImportAsync(Xlsx(ARow("CC0001"), blank, ARow("CC0002", phone: 12345L)));

        ImportAssert.Counts(report, rowsRead: 2, inserted: 1, updated: 0, rejected: 1);
        Assert.Equal(4, Assert.Single(report.Errors).Row);
    }

    [Fact]
    public async Task Progress_is_the_share_of_the_workbook_rows_read_after_each_batch()
    {
        var progress = new RecordingProgress<ImportProgress>();
        var rows = Enumerable.Range(1, 1200).Select(i => ARow($"CC{i:D6}")).ToArray();

        await ImportAsync(Xlsx(rows), progress);

        const int batch = CustomerImporter.BatchSize;
        Assert.Equal([batch / 1200.0, 2 * batch / 1200.0, 1, 1], progress.Reports.Select(p => p.Fraction));
        Assert.Equal(new ImportProgress(1200, 1200, 0, 1), progress.Reports[^1]);
    }

    /// <summary>A row as a spreadsheet user would type it: numbers and dates in cells of those types.</summary>
    private static Dictionary<string, object> ARow(string accountRef, object? phone = null, object? amountDue = null,
        object? minimumDue = null, object? dueDate = null, object? dailyPenaltyRate = null, object? paydayOfMonth = null) => new()
    {
        ["账号"] = accountRef,
        ["姓名"] = "王小明",
        ["称谓"] = "先生",
        ["手机号"] = phone ?? 13812345678L,
        ["客户类型"] = "salaried",
        ["产品"] = "credit_card",
        ["地区"] = "广东",
        ["应还金额"] = amountDue ?? 5230.5,
        ["最低还款"] = minimumDue ?? 523.05,
        ["到期日"] = dueDate ?? new DateTime(2026, 11, 10),
        ["日罚息率"] = dailyPenaltyRate ?? 0.0005,
        ["发薪日"] = paydayOfMonth ?? 15,
    };

    private Task<ImportReport> ImportAsync(Stream file, IProgress<ImportProgress>? progress = null) =>
        Portal.Service<CustomerImporter>().ImportAsync(file, ImportFormat.Xlsx, "customers.xlsx", "ops-admin", progress);
}
