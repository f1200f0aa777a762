using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// The change-password page reached from the user menu, and the audit trail as an Admin reads it, in
/// Chinese. The demo users' passwords are left as they are: other tests sign in with them.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class PeopleAndRecordsTests(PortalFixture portal) : IAsyncLifetime
{
    private IBrowserContext context = null!;

    public async Task InitializeAsync() => context = await portal.NewContextAsync();

    public async Task DisposeAsync() => await context.CloseAsync();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    [Fact]
    public async Task A_user_opens_change_password_from_the_user_menu_and_a_mismatched_confirmation_is_named()
    {
        var portalPage = new PortalPage(await context.NewPageAsync());
        var page = portalPage.Page;
        await portalPage.SignInAsync(DemoUsers.Viewer);

        await page.Locator("[data-testid=user-menu] button").First.ClickAsync();
        await page.Locator("[data-testid=user-menu-password]").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("修改密码");
        await portalPage.ScreenshotAsync(portal.ScreenshotDirectory, "account-password-zh.png");
        await page.Locator("input[name='Input.CurrentPassword']").FillAsync(DemoUsers.Password);
        await page.Locator("input[name='Input.NewPassword']").FillAsync("Changed-Pass-2027");
        await page.Locator("input[name='Input.ConfirmPassword']").FillAsync("Changed-Pass-2028");
        await page.Locator("[data-testid=password-submit]").ClickAsync();
        await Expect(page.Locator(".account-field-error")).ToContainTextAsync("两次输入的新密码不一致");
        await portalPage.ScreenshotAsync(portal.ScreenshotDirectory, "account-password-mismatch-zh.png");
    }

    [Fact]
    public async Task The_audit_trail_names_users_and_links_subjects()
    {
        var portalPage = new PortalPage(await context.NewPageAsync());
        var page = portalPage.Page;
        await portalPage.SignInAsync(DemoUsers.Admin);

        await portalPage.OpenAsync("audit");

        // The grid draws its rows once the page of entries has been read: wait for a linked subject, then read them all.
        var subjects = page.Locator("[data-testid=audit-entity-id]");
        await Expect(page.Locator("[data-testid=audit-entity-id] a").First).ToBeVisibleAsync();
        var texts = await subjects.AllInnerTextsAsync();
        Assert.DoesNotContain(texts, t => Guid().IsMatch(t));
        await portalPage.ScreenshotAsync(portal.ScreenshotDirectory, "audit-zh.png");
    }
}
