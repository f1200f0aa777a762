using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Web.Api;
using OverdueSmsPortal.Web.Resources;
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

/// <summary>The A/B table's numbers, written from given figures: what the file says must be what was computed.</summary>
public sealed class DashboardAbExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void A_very_small_p_value_and_complaint_rate_are_written_as_they_are_not_as_zero()
    {
        // 10,000,000 messages a side; A repaid 1,000,000 and B 1,100,000; one complaint in B.
        var a = new VariantFigures(Variant.A, RollupCounts.Zero with { Sent = 10_000_000, Repaid = 1_000_000 });
        var b = new VariantFigures(Variant.B, RollupCounts.Zero with { Sent = 10_000_000, Repaid = 1_100_000, Complained = 1 });
        var result = new AbResult(7, "十二月提醒", a, b, new AbComparison(0.01, 72.9, 1e-12, AbVerdict.BBetter),
            new AbComparison(1e-7, 1.0, 0.3173129, AbVerdict.NoDifference));
        using var output = new MemoryStream();

        DashboardExport.WriteAb(output, [result], factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>());

        var rows = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',')).ToList();
        Assert.Equal(3, rows.Count);
        var rowB = rows[2];
        Assert.Equal("B", rowB[1]);
        Assert.Equal("0.11", rowB[4]);
        Assert.Equal(1e-7, double.Parse(rowB[8], CultureInfo.InvariantCulture));
        Assert.Equal(1e-12, double.Parse(rowB[10], CultureInfo.InvariantCulture));
        Assert.Equal(0.317313, double.Parse(rowB[12], CultureInfo.InvariantCulture));
    }
}
