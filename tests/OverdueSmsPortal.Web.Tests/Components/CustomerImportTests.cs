using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Web.Components.Pages.Customers;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Resources;
using OverdueSmsPortal.Web.Security;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The customer import page: what it tells an operations manager before a file is chosen.</summary>
public sealed class CustomerImportTests : PortalComponentTest
{
    public CustomerImportTests()
    {
        Services.AddOptions<UploadOptions>();
        Services.AddScoped<CustomerImportRunner>();
    }

    private IRenderedComponent<CustomerImport> Open()
    {
        SignInAs("admin", PortalRoles.Admin);
        return Render<CustomerImport>();
    }

    private static string Row(IRenderedComponent<CustomerImport> page, string field) =>
        page.Find($"[data-testid=import-column-{field}]").TextContent;

    [Fact]
    public void The_page_lists_every_column_the_import_reads()
    {
        using var _ = CultureScope.Use("zh-CN");

        var page = Open();

        Assert.Equal(ImportVocabulary.Customers.Columns.Select(c => $"import-column-{c.Field}"),
            page.FindAll("[data-testid=import-columns] tbody tr").Select(r => r.GetAttribute("data-testid")));
        Assert.Contains("最低还款额", Row(page, "minimumDue"));
        Assert.Contains("称谓", Row(page, "title"));
    }

    [Fact]
    public void A_coded_column_lists_its_chinese_values_with_their_codes()
    {
        using var _ = CultureScope.Use("zh-CN");

        var page = Open();

        var accepts = page.Find("[data-testid=import-column-customerType] [data-testid=import-column-accepts]").TextContent;
        Assert.Equal("年轻客户/学生 (young)、工薪族 (salaried)、个体经营 (self_employed)、退休人员 (retired)", accepts.Trim());
        Assert.Contains("信用卡 (credit_card)", Row(page, "product"));
    }

    [Fact]
    public void A_free_column_says_its_format_and_whether_it_may_be_left_out()
    {
        using var _ = CultureScope.Use("zh-CN");

        var page = Open();

        Assert.Contains("yyyy-MM-dd", Row(page, "dueDate"));
        Assert.Contains("可省略此列", Row(page, "paydayOfMonth"));
        Assert.DoesNotContain("可省略此列", Row(page, "phone"));
    }

    [Fact]
    public void In_english_the_columns_and_values_are_listed_in_english()
    {
        using var _ = CultureScope.Use("en");

        var page = Open();

        Assert.Contains("Minimum due", Row(page, "minimumDue"));
        Assert.Contains("Salaried (salaried)", Row(page, "customerType"));
    }

    [Fact]
    public void The_template_link_is_a_download_outside_the_sms_templates_address()
    {
        using var _ = CultureScope.Use("zh-CN");

        var link = Open().Find("[data-testid=import-template]");

        Assert.Equal("import-templates/customers.csv", link.GetAttribute("href"));
        Assert.Equal("客户导入模板.csv", link.GetAttribute("download"));
    }

    [Fact]
    public void A_refused_customer_type_lists_the_chinese_values_it_accepts()
    {
        using var _ = CultureScope.Use("zh-CN");
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        var reason = ImportMessages.Reason(l, new ImportRowError(2, "CC1", "customerType", "customer.customerType.invalid", "customerType must be one of: young, salaried, self_employed, retired."));

        Assert.Equal("客户类型无法识别，请填写：年轻客户/学生、工薪族、个体经营、退休人员（也可填写代码 young、salaried、self_employed、retired）。", reason);
    }

    [Fact]
    public void A_file_without_a_required_column_is_told_by_the_heading_the_page_lists()
    {
        using var _ = CultureScope.Use("zh-CN");
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        var message = ImportMessages.FileError(l, "import.file.missingColumns:minimumDue,title", ImportVocabulary.Customers);

        Assert.Equal("文件缺少必需的列：最低还款额 (minimumDue)、称谓 (title)。未导入任何数据。", message);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void The_labels_the_portal_shows_are_the_labels_the_import_reads(string culture)
    {
        using var _ = CultureScope.Use(culture);
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        string Label(ImportTerm term) => culture == "en" ? term.English : term.Chinese;
        string Heading(ImportColumn column) => culture == "en" ? column.English : column.Chinese;

        Assert.Equal(Enum.GetValues<Core.Customers.CustomerType>().Select(t => l[$"CustomerType.{t}"].Value),
            ImportVocabulary.CustomerTypes.Terms.Select(Label));
        Assert.Equal(Enum.GetValues<Core.Customers.LoanProduct>().Select(p => l[$"Product.{p}"].Value),
            ImportVocabulary.Products.Terms.Select(Label));
        Assert.Equal(Enum.GetValues<Core.Customers.CustomerTitle>().Select(t => l[$"Title.{t}"].Value),
            ImportVocabulary.Titles.Terms.Select(Label));
        Assert.Equal(l["Customer.MinimumDue"].Value, Heading(ImportVocabulary.Customers.Column("minimumDue")));
        Assert.Equal(l["Customer.CustomerType"].Value, Heading(ImportVocabulary.Customers.Column("customerType")));
        Assert.Equal(l["Customer.PaydayOfMonth"].Value, Heading(ImportVocabulary.Customers.Column("paydayOfMonth")));
    }
}

