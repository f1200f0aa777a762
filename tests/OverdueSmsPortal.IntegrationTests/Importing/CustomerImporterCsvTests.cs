using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.ImportFiles;

namespace OverdueSmsPortal.IntegrationTests.Importing;

public sealed class CustomerImporterCsvTests : DatabaseTest
{
    private const string Actor = "ops-admin";

    [Fact]
    public async Task Invalid_rows_are_reported_with_row_field_and_reason_and_valid_rows_still_import()
    {
        var report = await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,Asia/Shanghai,5230.50,523.05,2026-11-10,0.0005,15",
            "CC0002,李小红,女士,12345,young,cash_loan,北京,,800,800,2026-11-20,0.0008,",
            "CC0003,张小华,mr,13912345678,self_employed,consumer_loan,四川,Asia/Shanghai,12000,1200,2026-10-01,0.0005,",
            ",赵小敏,ms,13712345678,retired,credit_card,上海,,abc,100,2026-11-01,0.0005,",
            "CC0005,陈小静,女士,13612345678,salaried,consumer_loan,浙江,,500,600,2026/11/10,0.0005,",
            "CC0006,刘小洋,先生,+86 15012345678,young,cash_loan,新疆,Asia/Urumqi,1999.99,199.99,2026-12-01,0.0008,28",
            "CC0007,周小杰,先生,13512345678,无业,mortgage,湖北,,100,10,2026-11-01,0.0005,"));

        ImportAssert.Counts(report, rowsRead: 7, inserted: 3, updated: 0, rejected: 4);
        Assert.Equal(
        [
            new ImportRowError(3, "CC0002", "phone", "customer.phone.invalid", "phone is not a valid mobile number."),
            new ImportRowError(5, null, "accountRef", "customer.accountRef.required", "accountRef is required."),
            new ImportRowError(5, null, "amountDue", "customer.amountDue.invalid",
                "amountDue must be an amount from 0 to 100000000 with at most 2 decimals."),
            new ImportRowError(6, "CC0005", "minimumDue", "customer.minimumDue.aboveAmountDue",
                "minimumDue must not be more than amountDue."),
            new ImportRowError(6, "CC0005", "dueDate", "customer.dueDate.invalid",
                "dueDate must be a date in the form yyyy-MM-dd."),
            new ImportRowError(8, "CC0007", "customerType", "customer.customerType.invalid",
                "customerType must be one of: young, salaried, self_employed, retired."),
            new ImportRowError(8, "CC0007", "product", "customer.product.invalid",
                "product must be one of: credit_card, consumer_loan, cash_loan."),
        ], report.Errors);
        Assert.Equal(["CC0001", "CC0003", "CC0006"], await Portal.AccountRefsAsync());
    }

    [Theory]
    [InlineData(",王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,",
        null, "accountRef", "customer.accountRef.required", "accountRef is required.")]
    [InlineData("CC0001,,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,",
        "CC0001", "name", "customer.name.required", "name is required.")]
    [InlineData("CC0001,王小明,先生,,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,",
        "CC0001", "phone", "customer.phone.required", "phone is required.")]
    [InlineData("CC0001,王小明,先生,13812345678,salaried,credit_card,,,5230.50,523.05,2026-11-10,0.0005,",
        "CC0001", "region", "customer.region.required", "region is required.")]
    [InlineData("CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,,523.05,2026-11-10,0.0005,",
        "CC0001", "amountDue", "customer.amountDue.invalid", "amountDue must be an amount from 0 to 100000000 with at most 2 decimals.")]
    [InlineData("CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,,0.0005,",
        "CC0001", "dueDate", "customer.dueDate.invalid", "dueDate must be a date in the form yyyy-MM-dd.")]
    public async Task A_row_with_a_required_field_left_blank_is_rejected_for_that_field(
        string row, string? accountRef, string field, string code, string message)
    {
        var report = await ImportAsync(Csv(
            TemplateHeader,
            row,
            "CC0009,李小红,女士,13912345678,young,cash_loan,北京,,800,800,2026-11-20,0.0008,"));

        ImportAssert.Counts(report, rowsRead: 2, inserted: 1, updated: 0, rejected: 1);
        Assert.Equal([new ImportRowError(2, accountRef, field, code, message)], report.Errors);
        Assert.Equal(["CC0009"], await Portal.AccountRefsAsync());
    }

    [Theory]
    [InlineData("accountRef", "customer.accountRef.tooLong", "accountRef must be at most 64 characters.")]
    [InlineData("name", "customer.name.tooLong", "name must be at most 50 characters.")]
    [InlineData("region", "customer.region.tooLong", "region must be at most 50 characters.")]
    public async Task A_value_longer_than_its_column_is_rejected(string field, string code, string message)
    {
        var accountRef = field == "accountRef" ? new string('A', 65) : "CC0001";
        var name = field == "name" ? new string('王', 51) : "王小明";
        var region = field == "region" ? new string('广', 51) : "广东";

        var report = await ImportAsync(Csv(
            TemplateHeader,
            $"{accountRef},{name},先生,13812345678,salaried,credit_card,{region},,5230.50,523.05,2026-11-10,0.0005,"));

        Assert.Equal([new ImportRowError(2, accountRef, field, code, message)], report.Errors);
        Assert.Empty(await Portal.AccountRefsAsync());
    }

    [Fact]
    public async Task Every_field_of_a_valid_row_is_stored_as_given()
    {
        await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,Asia/Shanghai,5230.50,523.05,2026-11-10,0.0005,15",
            "CC0006,刘小洋,女士,+86 15012345678,young,cash_loan,新疆,Asia/Urumqi,1999.99,199.99,2026-12-01,0.0008,"));

        Assert.Equal(
            new CustomerDetails("CC0001", "王小明", CustomerTitle.Mr, "+8613812345678", CustomerType.Salaried,
                LoanProduct.CreditCard, "广东", "Asia/Shanghai", 5230.50m, 523.05m, new DateOnly(2026, 11, 10), 0.0005m, 15),
            (await Portal.CustomerAsync("CC0001"))!.Details());
        Assert.Equal(
            new CustomerDetails("CC0006", "刘小洋", CustomerTitle.Ms, "+8615012345678", CustomerType.Young,
                LoanProduct.CashLoan, "新疆", "Asia/Urumqi", 1999.99m, 199.99m, new DateOnly(2026, 12, 1), 0.0008m, null),
            (await Portal.CustomerAsync("CC0006"))!.Details());
    }

    [Fact]
    public async Task A_missing_time_zone_means_Asia_Shanghai()
    {
        await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,"));

        Assert.Equal("Asia/Shanghai", (await Portal.CustomerAsync("CC0001"))!.TimeZone);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_rows_keep_the_numbers_a_spreadsheet_shows()
    {
        var report = await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,",
            "",
            "CC0002,李小红,女士,12345,young,cash_loan,北京,,800,800,2026-11-20,0.0008,"));

        ImportAssert.Counts(report, rowsRead: 2, inserted: 1, updated: 0, rejected: 1);
        Assert.Equal(4, Assert.Single(report.Errors).Row);
    }

    [Fact]
    public async Task Importing_again_updates_customers_by_account_reference()
    {
        await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,15",
            "CC0002,李小红,女士,13912345678,young,cash_loan,北京,,800,800,2026-11-20,0.0008,"));
        var firstImportAt = Portal.Clock.Now;
        Portal.Clock.Advance(TimeSpan.FromDays(1));

        var report = await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345679,salaried,credit_card,广州,,4000.00,400.00,2026-12-10,0.0005,15",
            "CC0003,张小华,先生,13712345678,retired,consumer_loan,四川,,100,100,2026-11-01,0.0005,"));

        ImportAssert.Counts(report, rowsRead: 2, inserted: 1, updated: 1, rejected: 0);
        var updated = (await Portal.CustomerAsync("CC0001"))!;
        Assert.Equal(("+8613812345679", "广州", 4000.00m, 400.00m, new DateOnly(2026, 12, 10)),
            (updated.Phone, updated.Region, updated.AmountDue, updated.MinimumDue, updated.DueDate));
        Assert.Equal((firstImportAt, Portal.Clock.Now), (updated.CreatedAt, updated.UpdatedAt));
        Assert.Equal(["CC0001", "CC0002", "CC0003"], await Portal.AccountRefsAsync());
    }

    [Fact]
    public async Task When_a_file_names_an_account_twice_the_later_row_wins()
    {
        var report = await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,",
            "CC0002,李小红,女士,13912345678,young,cash_loan,北京,,800,800,2026-11-20,0.0008,",
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,6000.00,600.00,2026-11-10,0.0005,"));

        ImportAssert.Counts(report, rowsRead: 3, inserted: 2, updated: 1, rejected: 0);
        Assert.Equal(6000.00m, (await Portal.CustomerAsync("CC0001"))!.AmountDue);
        Assert.Equal(["CC0001", "CC0002"], await Portal.AccountRefsAsync());
    }

    [Fact]
    public async Task Columns_may_have_their_Chinese_headings()
    {
        var report = await ImportAsync(Csv(
            "账号,姓名,称谓,手机号,客户类型,产品,地区,应还金额,最低还款,到期日,日罚息率",
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,5230.50,523.05,2026-11-10,0.0005"));

        ImportAssert.Counts(report, rowsRead: 1, inserted: 1, updated: 0, rejected: 0);
        Assert.Equal(
            new CustomerDetails("CC0001", "王小明", CustomerTitle.Mr, "+8613812345678", CustomerType.Salaried,
                LoanProduct.CreditCard, "广东", "Asia/Shanghai", 5230.50m, 523.05m, new DateOnly(2026, 11, 10), 0.0005m, null),
            (await Portal.CustomerAsync("CC0001"))!.Details());
    }

    [Fact]
    public async Task Columns_may_come_in_any_order_and_any_case()
    {
        var report = await ImportAsync(Csv(
            "DUEDATE,AccountRef,amountdue,minimumDue,Name,title,phone,customertype,product,region,dailyPenaltyRate",
            "2026-11-10,CC0001,5230.50,523.05,王小明,先生,13812345678,salaried,credit_card,广东,0.0005"));

        ImportAssert.Counts(report, rowsRead: 1, inserted: 1, updated: 0, rejected: 0);
        var customer = (await Portal.CustomerAsync("CC0001"))!;
        Assert.Equal((new DateOnly(2026, 11, 10), 5230.50m, "王小明"), (customer.DueDate, customer.AmountDue, customer.Name));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_refused_and_imports_nothing()
    {
        var report = await ImportAsync(Csv(
            "accountRef,name,phone,amountDue",
            "CC0001,王小明,13812345678,5230.50"));

        Assert.Equal("import.file.missingColumns:title,customerType,product,region,minimumDue,dueDate,dailyPenaltyRate",
            report.FileError);
        ImportAssert.Counts(report, rowsRead: 0, inserted: 0, updated: 0, rejected: 0);
        Assert.Empty(await Portal.AccountRefsAsync());
        Assert.Empty(await Portal.QueryAsync(db => db.AuditEntries.ToListAsync()));
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var report = await ImportAsync(Csv());

        Assert.Equal("import.file.empty", report.FileError);
        Assert.Empty(await Portal.AccountRefsAsync());
    }

    [Fact]
    public async Task Semicolon_separated_files_with_a_byte_order_mark_import()
    {
        var report = await ImportAsync(CsvWithByteOrderMark(
            "账号;姓名;称谓;手机号;客户类型;产品;地区;应还金额;最低还款;到期日;日罚息率",
            "CC0001;王小明;先生;13812345678;salaried;credit_card;广东;5230.50;523.05;2026-11-10;0.0005",
            "CC0002;李小红;女士;13912345678;young;cash_loan;北京;800;800;2026-11-20;0.0008"));

        ImportAssert.Counts(report, rowsRead: 2, inserted: 2, updated: 0, rejected: 0);
        var stored = await Portal.QueryAsync(db =>
            db.Customers.Where(c => c.AccountRef == "CC0001").Select(c => new { c.Name, c.AmountDue }).SingleAsync());
        Assert.Equal(("王小明", 5230.50m), (stored.Name, stored.AmountDue));
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_template_header_is_not_part_of_the_first_heading()
    {
        var report = await ImportAsync(CsvWithByteOrderMark(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,"));

        Assert.Null(report.FileError);
        Assert.Equal(["CC0001"], await Portal.AccountRefsAsync());
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("+86 13812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("8613812345678")]
    [InlineData("008613812345678")]
    public async Task Mobile_numbers_are_stored_in_E164_form(string asWritten)
    {
        var report = await ImportAsync(Csv(
            TemplateHeader,
            $"CC0001,王小明,先生,\"{asWritten}\",salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,"));

        Assert.Empty(report.Errors);
        Assert.Equal("+8613812345678", (await Portal.CustomerAsync("CC0001"))!.Phone);
    }

    [Theory]
    [InlineData("1381234567")]
    [InlineData("23812345678")]
    [InlineData("01087654321")]
    [InlineData("not a number")]
    public async Task Numbers_that_are_not_mobile_numbers_are_rejected(string asWritten)
    {
        var report = await ImportAsync(Csv(
            TemplateHeader,
            $"CC0001,王小明,先生,{asWritten},salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,"));

        Assert.Equal("customer.phone.invalid", Assert.Single(report.Errors).Code);
        Assert.Empty(await Portal.AccountRefsAsync());
    }

    [Fact]
    public async Task Each_import_is_audited_with_its_actor_and_counts()
    {
        await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,",
            "CC0002,李小红,女士,12345,young,cash_loan,北京,,800,800,2026-11-20,0.0008,"), "customers-2026-11.csv");
        await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,6000,600,2026-11-10,0.0005,"), "customers-2026-12.csv");

        var entries = await Portal.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
        [
            (Actor, "CustomerImport", "customers-2026-11.csv", "Imported", Portal.Clock.Now),
            (Actor, "CustomerImport", "customers-2026-12.csv", "Imported", Portal.Clock.Now),
        ], entries.Select(e => (e.Actor, e.EntityType, e.EntityId, e.Action, e.At)));
        Assert.Equal(
        [
            """{"fileName":"customers-2026-11.csv","rowsRead":2,"inserted":1,"updated":0,"rejectedRows":1}""",
            """{"fileName":"customers-2026-12.csv","rowsRead":1,"inserted":0,"updated":1,"rejectedRows":0}""",
        ], entries.Select(e => e.After));
    }

    [Fact]
    public async Task Progress_ends_at_the_whole_file()
    {
        var progress = new RecordingProgress<ImportProgress>();

        await ImportAsync(Csv(
            TemplateHeader,
            "CC0001,王小明,先生,13812345678,salaried,credit_card,广东,,5230.50,523.05,2026-11-10,0.0005,",
            "CC0002,李小红,女士,12345,young,cash_loan,北京,,800,800,2026-11-20,0.0008,"), progress: progress);

        Assert.Equal(new ImportProgress(2, 1, 1, 1), progress.Reports[^1]);
    }

    private Task<ImportReport> ImportAsync(Stream file, string fileName = "customers.csv",
        IProgress<ImportProgress>? progress = null) =>
        Portal.Service<CustomerImporter>().ImportAsync(file, ImportFormat.Csv, fileName, Actor, progress);
}
