using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.ImportFiles;

namespace OverdueSmsPortal.IntegrationTests.Importing;

/// <summary>An import written in the portal's own words, on real SQLite.</summary>
public sealed class CustomerImportInChineseTests : DatabaseTest
{
    [Fact]
    public async Task A_file_with_the_portals_chinese_headings_and_values_imports_every_row()
    {
        var report = await ImportAsync(CsvWithByteOrderMark(
            "账号,姓名,称呼,手机号码,客户类型,产品,地区,应还金额,最低还款额,到期日,日罚息率,发薪日",
            "CC0001,王小明,先生,13812345678,工薪族,信用卡,广东,5230.50,523.05,2026-11-10,0.0005,15",
            "CC0002,李小红,女,13912345678,上班族,贷记卡,北京,800,80,2026-11-20,0.0008,",
            "CC0003,张小华,男,13712345678,　个体户　,消费贷款,四川,1200,120,2026-10-01,0.0005,",
            "CC0004,赵小敏,女士,13612345678,ＲＥＴＩＲＥＤ,现金贷,上海,300,30,2026-11-01,0.0005,"));

        ImportAssert.Counts(report, rowsRead: 4, inserted: 4, updated: 0, rejected: 0);
        var first = await Portal.CustomerAsync("CC0001");
        Assert.Equal((CustomerType.Salaried, LoanProduct.CreditCard, CustomerTitle.Mr, 523.05m),
            (first!.CustomerType, first.Product, first.Title, first.MinimumDue));
        var second = await Portal.CustomerAsync("CC0002");
        Assert.Equal((CustomerType.Salaried, LoanProduct.CreditCard, CustomerTitle.Ms), (second!.CustomerType, second.Product, second.Title));
        var third = await Portal.CustomerAsync("CC0003");
        Assert.Equal((CustomerType.SelfEmployed, LoanProduct.ConsumerLoan, CustomerTitle.Mr), (third!.CustomerType, third.Product, third.Title));
        var fourth = await Portal.CustomerAsync("CC0004");
        Assert.Equal((CustomerType.Retired, LoanProduct.CashLoan), (fourth!.CustomerType, fourth.Product));
    }

    [Fact]
    public async Task The_chinese_template_the_portal_hands_out_imports_as_it_is()
    {
        var report = await ImportAsync(new MemoryStream(ImportTemplate.Csv(ImportVocabulary.Customers, chinese: true)));

        ImportAssert.Counts(report, rowsRead: 1, inserted: 1, updated: 0, rejected: 0);
        Assert.Equal(CustomerType.Salaried, (await Portal.CustomerAsync("CC00000001"))!.CustomerType);
    }

    [Fact]
    public async Task The_english_template_imports_as_it_is()
    {
        var report = await ImportAsync(new MemoryStream(ImportTemplate.Csv(ImportVocabulary.Customers, chinese: false)));

        ImportAssert.Counts(report, rowsRead: 1, inserted: 1, updated: 0, rejected: 0);
    }

    [Fact]
    public async Task A_value_no_one_uses_is_refused_for_that_row_only()
    {
        var report = await ImportAsync(Csv(
            "账号,姓名,称谓,手机号,客户类型,产品,地区,应还金额,最低还款额,到期日,日罚息率",
            "CC0001,王小明,先生,13812345678,学生党,信用卡,广东,5230.50,523.05,2026-11-10,0.0005",
            "CC0002,李小红,女士,13912345678,工薪族,信用卡,北京,800,80,2026-11-20,0.0008"));

        ImportAssert.Counts(report, rowsRead: 2, inserted: 1, updated: 0, rejected: 1);
        Assert.Equal(("customerType", "customer.customerType.invalid"), (report.Errors[0].Field, report.Errors[0].Code));
    }

    private Task<ImportReport> ImportAsync(Stream file) =>
        Portal.Service<CustomerImporter>().ImportAsync(file, ImportFormat.Csv, "客户.csv", "ops-admin");
}
