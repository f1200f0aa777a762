using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OverdueSmsPortal.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>A campaign from the builder to its last message, through a real browser, as two people.</summary>
[Collection(PortalCollection.Name)]
public sealed class CampaignTests(PortalFixture portal) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private IBrowserContext authorContext = null!;
    private IBrowserContext approverContext = null!;

    public async Task InitializeAsync()
    {
        authorContext = await portal.NewContextAsync();
        approverContext = await portal.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        await authorContext.CloseAsync();
        await approverContext.CloseAsync();
    }

    [Fact]
    public async Task An_author_builds_a_campaign_an_approver_approves_it_and_the_run_reaches_100_percent()
    {
        await MoveDemoCustomersIntoDaylightAsync();
        var author = new PortalPage(await authorContext.NewPageAsync());
        await author.SignInAsync(DemoUsers.Author);
        await author.OpenAsync("campaigns/new");
        var page = author.Page;

        await page.Locator("input[data-testid=campaign-name]").FillAsync("浏览器测试活动");
        await page.Locator("tr", new() { HasText = "逾期8–15天客户" }).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("[data-testid=step-next]").ClickAsync();
        await Expect(page.Locator("[data-testid^=segment-templates-]")).ToHaveCountAsync(1);
        await page.Locator("[data-testid=step-next]").ClickAsync();
        await page.GetByText("一次", new() { Exact = true }).ClickAsync();
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai);
        await page.Locator("input[data-testid=once-date]").FillAsync(now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("input[data-testid=once-time]").FillAsync(now.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.Locator("input[data-testid=throughput]").FillAsync("200");
        await page.Locator("[data-testid=step-next]").ClickAsync();
        await Expect(page.Locator("[data-testid=forecast-eligible]")).ToBeVisibleAsync();
        await author.ScreenshotAsync(portal.ScreenshotDirectory, "campaign-builder-forecast-zh-CN.png");
        await page.Locator("[data-testid=submit-campaign]").ClickAsync();

        await page.WaitForURLAsync(new Regex(@"/campaigns/\d+$"));
        await Expect(page.Locator("[data-testid=campaign-status]")).ToContainTextAsync("待审批");
        var campaignPath = new Uri(page.Url).AbsolutePath.TrimStart('/');

        var approver = new PortalPage(await approverContext.NewPageAsync());
        await approver.SignInAsync(DemoUsers.Approver);
        await approver.OpenAsync(campaignPath);
        await approver.Page.Locator("textarea[data-testid=campaign-review-comment]").FillAsync("时段与预测无误，同意发送。");
        await approver.ScreenshotAsync(portal.ScreenshotDirectory, "campaign-review-zh-CN.png");
        await approver.Page.Locator("[data-testid=approve-campaign]").ClickAsync();
        await Expect(approver.Page.Locator("[data-testid=campaign-status]")).ToContainTextAsync("已批准");

        // The one-off was due now: the scheduler fires it, the page shows the run, and the run goes to the end.
        await approver.Page.Locator("[data-testid=run-link]").First.ClickAsync(new() { Timeout = 60_000 });
        await approver.WaitUntilLiveAsync();
        await Expect(approver.Page.Locator("[data-testid=run-progress-bar][data-percent='100']"))
            .ToHaveCountAsync(1, new() { Timeout = 90_000 });
        await Expect(approver.Page.Locator("[data-testid=run-percent]")).ToContainTextAsync("100 %");
        await Expect(approver.Page.Locator("[data-testid=messages-grid] [data-testid=message-state]").First)
            .ToContainTextAsync(new Regex("已发出|已送达"));
        await approver.ScreenshotAsync(portal.ScreenshotDirectory, "campaign-run-zh-CN.png");
    }

    /// <summary>
    /// The demo customers live in Shanghai, where a CI run may fall at night: the contact hours would
    /// hold every message until 08:00. Moving them to a fixed-offset zone where it is day keeps the
    /// test about the flow, whatever the hour.
    /// </summary>
    private async Task MoveDemoCustomersIntoDaylightAsync()
    {
        var zone = DaylightZone.At(DateTimeOffset.UtcNow);
        await using var db = portal.Store.NewContext();
        await db.Database.ExecuteSqlAsync($"UPDATE \"Customers\" SET \"TimeZone\" = {zone}");
    }
}
