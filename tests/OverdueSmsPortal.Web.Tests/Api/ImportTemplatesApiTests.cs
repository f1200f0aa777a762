using System.Net;
using System.Text;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>GET /import-templates/*.csv</c>: the upload templates in the reader's language, and the old static files kept.</summary>
public sealed class ImportTemplatesApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<string> CsvTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // Excel opens a CSV as UTF-8 only when it starts with the byte order mark.
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    [Fact]
    public async Task An_ops_manager_downloads_the_customer_template_in_chinese_headings_and_values()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.GetAsync("/import-templates/customers.csv");

        var lines = (await CsvTextAsync(response)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("账号,姓名,称谓,手机号,客户类型,产品,地区,时区,应还金额,最低还款额,到期日,日罚息率,每月发薪日", lines[0]);
        Assert.Contains(",工薪族,信用卡,", lines[1]);
        Assert.Equal("客户导入模板.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task With_the_ui_in_english_the_template_is_english()
    {
        using var browser = factory.CreateBrowser();
        await browser.GetAsync("/culture/set?culture=en&returnUrl=%2F");

        using var response = await browser.GetAsync("/import-templates/customers.csv");

        var lines = (await CsvTextAsync(response)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Account,Name,Title,Mobile,Customer type,Product,", lines[0]);
        Assert.Contains(",Salaried,Credit card,", lines[1]);
    }

    [Theory]
    [InlineData("/import-templates/repayments.csv", "还款编号,账号,还款金额,还款时间")]
    [InlineData("/import-templates/complaints.csv", "投诉编号,账号,类别,严重程度,内容,短信编号,来源,暂停发送,收到时间")]
    public async Task The_repayment_and_complaint_templates_are_in_chinese_too(string path, string headings)
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.GetAsync(path);

        Assert.StartsWith(headings + "\r\n", await CsvTextAsync(response));
    }

    [Fact]
    public async Task The_lenders_systems_still_find_the_english_template_at_its_old_address()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.GetAsync("/templates/customers-template.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("accountRef,name,title,phone,customerType,product", (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
    }
}
