using System.Net;
using System.Text;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary><c>GET /dashboard/export/{table}</c> on the real portal: figures as CSV for every signed-in role, nothing for strangers.</summary>
public sealed class DashboardExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var browser = factory.CreateBrowser();
        var signIn = await browser.SignInAsync(userName, DemoOptions.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    [Theory]
    [InlineData("segments")]
    [InlineData("campaigns")]
    [InlineData("versions")]
    [InlineData("days")]
    [InlineData("ab")]
    public async Task A_viewer_gets_each_table_as_csv_with_a_byte_order_mark_and_headings(string table)
    {
        using var browser = await SignedInAsync("viewer");

        using var response = await browser.GetAsync($"/dashboard/export/{table}?from=2026-11-01&to=2026-11-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"dashboard-{table}-20261101-20261130.csv",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var header = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split('\n')[0];
        // The headings are in the reader's language; the portal's default is Chinese.
        Assert.Contains(table == "ab" ? "版本" : "已发送", header);
        Assert.True(header.Split(',').Length >= 10, $"too few columns in {header}");
    }

    [Fact]
    public async Task An_unknown_table_is_not_found()
    {
        using var browser = await SignedInAsync("viewer");

        using var response = await browser.GetAsync("/dashboard/export/customers");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Nobody_signed_out_gets_figures()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.GetAsync("/dashboard/export/segments");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
