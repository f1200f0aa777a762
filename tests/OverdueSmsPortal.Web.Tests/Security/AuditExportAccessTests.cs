using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Account;
using OverdueSmsPortal.Web.Api;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary><c>GET /audit/export</c> on the real portal: the audit trail, with personal data in it, goes to Admins only.</summary>
public sealed class AuditExportAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Path = "/audit/export?entityType=Audit";

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var browser = factory.CreateBrowser();
        var signIn = await browser.SignInAsync(userName, DemoOptions.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    private Task<int> ExportsRecordedAsync() =>
        factory.WithDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditNames.Exported));

    [Theory]
    [InlineData("author")]
    [InlineData("approver")]
    [InlineData("viewer")]
    public async Task A_user_who_is_not_an_admin_is_refused_and_nothing_is_exported(string userName)
    {
        using var browser = await SignedInAsync(userName);
        var before = await ExportsRecordedAsync();

        using var response = await browser.GetAsync(Path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AccountEndpoints.AccessDeniedPath, response.RedirectTarget(browser).AbsolutePath);
        Assert.Equal(before, await ExportsRecordedAsync());
    }

    [Fact]
    public async Task An_admin_gets_a_csv_file_with_a_byte_order_mark_and_the_export_is_audited()
    {
        using var browser = await SignedInAsync("admin");
        var before = await ExportsRecordedAsync();

        using var response = await browser.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        Assert.StartsWith("at,actor,entityType,entityId,action,before,after", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(before + 1, await ExportsRecordedAsync());
    }

    [Fact]
    public async Task The_endpoint_asks_the_policy_again_when_a_request_reaches_it_without_the_admin_role()
    {
        var viewer = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "id-viewer"), new Claim(ClaimTypes.Name, "viewer"), new Claim(ClaimTypes.Role, "Viewer")],
            "test"));
        var before = await ExportsRecordedAsync();

        var result = await factory.WithServicesAsync(services => AuditExportApi.ExportAsync(new DefaultHttpContext { User = viewer },
            services.GetRequiredService<IAuthorizationService>(), services.GetRequiredService<AuditLog>(),
            services.GetRequiredService<BusinessClock>(), null, null, null, null, null, null, null));

        Assert.IsType<ForbidHttpResult>(result.Result);
        Assert.Equal(before, await ExportsRecordedAsync());
    }
}
