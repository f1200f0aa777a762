using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>The send policy's cadence and the customers it does not reach, as an Admin sees them in Chromium.</summary>
[Collection(PortalCollection.Name)]
public sealed class ContactStrategyTests(PortalFixture portal) : IAsyncLifetime
{
    private IBrowserContext context = null!;

    public async Task InitializeAsync() => context = await portal.NewContextAsync();

    public async Task DisposeAsync() => await context.CloseAsync();

    [Fact]
    public async Task The_policy_page_draws_a_typical_customers_cadence_and_redraws_it_when_a_switch_moves()
    {
        var admin = new PortalPage(await context.NewPageAsync());
        await admin.SignInAsync(DemoUsers.Admin);
        await admin.OpenAsync("settings/policy");
        var page = admin.Page;

        await Expect(page.Locator("[data-testid=hard-limits]")).ToContainTextAsync("建议上限（可收紧）");
        var messages = page.Locator("[data-testid=policy-timeline-message]");
        await Expect(messages.First).ToBeVisibleAsync();
        // 60 days, one square a day; reminders once each, then the overdue ladder.
        Assert.Equal(60, await page.Locator("[data-testid=policy-timeline-strip] .policy-day").CountAsync());
        Assert.Equal("pre_due_7", await messages.Nth(0).GetAttributeAsync("data-stage"));
        Assert.Equal("due_day", await messages.Nth(1).GetAttributeAsync("data-stage"));
        await Expect(page.Locator("[data-testid=policy-timeline-summary]")).ToContainTextAsync("列入电话跟进名单");
        var before = await messages.CountAsync();
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "policy-timeline.png");

        await page.Locator("[data-testid=policy-PauseSmsWhileEscalated]").ClickAsync();

        await Expect(messages).Not.ToHaveCountAsync(before);
        Assert.True(await messages.CountAsync() < before, "pausing SMS for the phone list leaves fewer messages");
    }

    [Fact]
    public async Task The_phone_list_page_has_a_tab_of_customers_not_reached_with_the_reason()
    {
        var admin = new PortalPage(await context.NewPageAsync());
        await admin.SignInAsync(DemoUsers.Admin);
        await admin.OpenAsync("campaigns/escalations");
        var page = admin.Page;

        var tab = page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^未触达") });
        await Expect(tab).ToBeVisibleAsync();
        await tab.ClickAsync();

        await Expect(page.Locator("[data-testid=not-reached-grid]")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "not-reached.png");
    }
}
