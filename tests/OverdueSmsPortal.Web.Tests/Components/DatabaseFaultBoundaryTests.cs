using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Tests.Shared;
using OverdueSmsPortal.Web.Components.Pages.Templates;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>
/// A template save while another connection holds SQLite's write lock past the busy timeout: the
/// author gets the database message in the snackbar (as the layout's boundary shows it on every
/// page), the page stays (not replaced by the error notice), and no version is stored.
/// </summary>
public sealed class DatabaseFaultBoundaryTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private const string Body = TemplateStudioTests.CleanBody;

    private readonly CustomerDatabase database = new(Now, StudioCustomers.Overdue("CC1", "陈美玲", 9, Today));

    public DatabaseFaultBoundaryTests()
    {
        Services.AddStudio(database, Now);
        // A short busy timeout keeps the test quick; the portal's own default is DependencyInjection.DefaultBusyTimeoutSeconds.
        Services.ConfigureDbContext<PortalDbContext>(options => options.UseSqlite(database.ConnectionString + ";Default Timeout=1"));
        Services.AddSingleton<DatabaseFaultMonitor>();
    }

    [SqliteOnlyTheory("it holds SQLite's single write lock from another connection")]
    [InlineData("zh-CN", "数据库正忙")]
    [InlineData("en", "The database is busy")]
    public async Task A_save_while_the_database_is_locked_says_so_keeps_the_page_and_stores_nothing(string culture, string message)
    {
        using var _ = CultureScope.Use(culture);
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        RenderAsLiveCircuit();
        var page = Render<DatabaseFaultBoundary>(p => p.Add(b => b.ChildContent, (RenderFragment)(builder =>
        {
            builder.OpenComponent<TemplateStudioPage>(0);
            builder.AddComponentParameter(1, nameof(TemplateStudioPage.SegmentId), segment.Id);
            builder.AddComponentParameter(2, nameof(TemplateStudioPage.ToneCode), "standard");
            builder.CloseComponent();
        })));
        page.WaitForElement("textarea", Wait);
        await page.InvokeAsync(() => page.Find("textarea").Input(Body));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=save-draft]").HasAttribute("disabled")), Wait);

        await using (await RivalWriter.HoldAsync(database.ConnectionString))
        {
            await page.InvokeAsync(() => page.Find("[data-testid=save-draft]").ClickAsync(new()));

            snackbars.WaitForAssertion(() => Assert.Contains(message, snackbars.Markup), Wait);
        }
        SqliteConnection.ClearAllPools();

        Assert.Empty(page.FindAll("[data-testid=page-error]"));
        Assert.Empty(await VersionBodiesAsync());

        Assert.NotEmpty(page.FindAll("textarea"));
    }

    private async Task<List<string>> VersionBodiesAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().TemplateVersions.Select(v => v.Body).ToListAsync();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
