using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// The complaints list in a real browser over the demo history (whose replies opened complaints against sent messages): the
/// related message named for a reader, and the close dialog asking how it was resolved.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ComplaintTests(DashboardFixture portal) : IAsyncLifetime
{
    private IBrowserContext context = null!;

    public async Task InitializeAsync() => context = await portal.NewContextAsync();

    public async Task DisposeAsync() => await context.CloseAsync();

    [Fact]
    public async Task An_admin_is_asked_how_a_complaint_was_resolved_before_it_closes()
    {
        var admin = new PortalPage(await context.NewPageAsync());
        await admin.SignInAsync(DemoUsers.Admin);
        var page = admin.Page;
        await admin.OpenAsync("complaints");
        await Expect(page.Locator("[data-testid=complaint-run]").First).ToContainTextAsync("发送 ·");
        await Expect(page.Locator("[data-testid=complaints-grid]")).Not.ToContainTextAsync("短信 #");
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "complaints-message-label-zh-CN.png");

        await page.Locator("[data-testid=close-complaint]").First.ClickAsync();
        var note = page.Locator("textarea[data-testid=resolution-note], [data-testid=resolution-note] textarea");
        await Expect(note).ToBeVisibleAsync();
        await page.Locator("[data-testid=close-complaint-confirm]").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("请填写处理结果。");
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "complaint-close-dialog-required-zh-CN.png");

        await note.FillAsync("已致电客户致歉，并将其发送间隔调整为 14 天。");
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "complaint-close-dialog-zh-CN.png");
        // Cancelled: the demo history stays as the dashboard tests read it.
        await page.Locator(".mud-dialog-actions button").First.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }
}
