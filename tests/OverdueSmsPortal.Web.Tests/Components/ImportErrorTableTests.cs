using System.Text;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Shared;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>
/// The CSV of an upload's refused rows carries account references out of the portal: whole for an
/// Admin, masked for anyone else (complaint uploads are open to Approvers), and audited each time.
/// </summary>
public sealed class ImportErrorTableTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static readonly ImportRowError[] Errors =
    [
        new(2, "CC0001", "mobile", "Import.InvalidMobile", "bad"),
        new(3, "CC0002", "amountDue", "Import.InvalidAmount", "bad"),
    ];

    private readonly CustomerDatabase database = new(Now);

    public ImportErrorTableTests()
    {
        Services.AddCampaigns(database, Now);
    }

    private string Download(string role)
    {
        SignInAs(role.ToLowerInvariant(), role);
        RenderAsLiveCircuit();
        var table = Render<ImportErrorTable>(p => p.Add(t => t.Errors, Errors).Add(t => t.FileName, "complaints.csv"));

        OnRenderer(table, () => table.Find("[data-testid=import-errors-download]").Click());

        table.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "portal.downloadFile"), TimeSpan.FromSeconds(10));
        var invocation = JSInterop.Invocations.Single(i => i.Identifier == "portal.downloadFile");
        Assert.Equal("complaints-errors.csv", invocation.Arguments[0]);
        var stream = Assert.IsType<Microsoft.JSInterop.DotNetStreamReference>(invocation.Arguments[2]);
        return Encoding.UTF8.GetString(((MemoryStream)stream.Stream).ToArray());
    }

    private async Task<List<AuditEntry>> ExportsAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == AuditNames.ImportErrors && e.Action == AuditNames.Exported).ToListAsync();
    }

    [Fact]
    public async Task An_admin_gets_the_account_references_whole_and_the_download_is_audited()
    {
        var csv = Download(PortalRoles.Admin);

        Assert.Contains("CC0001", csv);
        Assert.Contains("CC0002", csv);
        var entry = Assert.Single(await ExportsAsync());
        Assert.Equal(("admin", "complaints-errors.csv"), (entry.Actor, entry.EntityId));
        Assert.Contains("whole", entry.After);
    }

    [Fact]
    public async Task Anyone_else_gets_them_masked_and_the_download_is_audited_too()
    {
        var csv = Download(PortalRoles.Approver);

        Assert.DoesNotContain("CC0001", csv);
        Assert.DoesNotContain("CC0002", csv);
        Assert.Contains("CC****01", csv);
        Assert.Contains("CC****02", csv);
        var entry = Assert.Single(await ExportsAsync());
        Assert.Equal("approver", entry.Actor);
        Assert.Contains("masked", entry.After);
    }

    [Fact]
    public void A_viewer_sees_the_account_references_masked_on_the_page_as_everywhere_else()
    {
        SignInAs("viewer", PortalRoles.Viewer);

        var table = Render<ImportErrorTable>(p => p.Add(t => t.Errors, Errors));

        table.WaitForAssertion(() => Assert.Equal(["CC****01", "CC****02"], AccountRefs(table)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_approver_sees_them_whole_on_the_page_as_on_the_complaint_list()
    {
        SignInAs("approver", PortalRoles.Approver);

        var table = Render<ImportErrorTable>(p => p.Add(t => t.Errors, Errors));

        table.WaitForAssertion(() => Assert.Equal(["CC0001", "CC0002"], AccountRefs(table)), TimeSpan.FromSeconds(10));
    }

    private static List<string> AccountRefs(IRenderedComponent<ImportErrorTable> table) =>
        table.FindAll("[data-testid=import-error-account]").Select(e => e.TextContent).ToList();
}
