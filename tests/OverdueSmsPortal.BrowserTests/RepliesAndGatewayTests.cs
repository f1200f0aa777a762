using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// The gateway settings, replies coming in through Kannel's reply callback, the replies list and the
/// reply rules, through a real browser as an Admin, with screenshots of each page.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RepliesAndGatewayTests(PortalFixture portal) : IAsyncLifetime
{
    private IBrowserContext context = null!;

    public async Task InitializeAsync() => context = await portal.NewContextAsync();

    public async Task DisposeAsync() => await context.CloseAsync();

    [Fact]
    public async Task An_admin_sets_up_kannel_takes_replies_through_its_callback_and_reads_them()
    {
        var admin = new PortalPage(await context.NewPageAsync());
        await admin.SignInAsync(DemoUsers.Admin);
        var page = admin.Page;
        await admin.OpenAsync("settings/gateway");
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "gateway-development-zh-CN.png");

        string token;
        try
        {
            await page.Locator("[data-testid=provider-Kannel]").ClickAsync();
            await page.Locator("input[data-testid=gateway-KannelUrl]").FillAsync("http://kannel.invalid:13013/cgi-bin/sendsms");
            await page.Locator("input[data-testid=gateway-KannelUsername]").FillAsync("portal");
            await page.Locator("input[data-testid=gateway-NewKannelPassword]").FillAsync("browser-test-secret");
            await page.Locator("input[data-testid=gateway-SenderId]").FillAsync("10690000");
            await page.Locator("input[data-testid=gateway-CallbackBaseUrl]").FillAsync(portal.BaseAddress.ToString());
            await page.Locator("[data-testid=save-gateway]").ClickAsync();
            await Expect(page.Locator("[data-testid=token-issued-with-save]")).ToBeVisibleAsync();
            await page.Locator("[data-testid=issue-token]").ClickAsync();
            await page.Locator(".mud-dialog-actions button").Last.ClickAsync();
            await Expect(page.Locator("[data-testid=mo-url]")).ToContainTextAsync("catch-all = true");
            token = (await page.Locator("[data-testid=token-value]").InnerTextAsync()).Trim();
            await admin.ScreenshotAsync(portal.ScreenshotDirectory, "gateway-kannel-token-zh-CN.png");
        }
        finally
        {
            // The other browser tests send through the development gateway.
            await admin.OpenAsync("settings/gateway");
            await page.Locator("[data-testid=provider-Development]").ClickAsync();
            await page.Locator("[data-testid=save-gateway]").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();
        }

        var phones = await DemoPhonesAsync(3);
        await ReplyAsync(token, phones[0], "明天一定还");
        await ReplyAsync(token, phones[1], "ＴＤ");
        await ReplyAsync(token, phones[2], "你们再发我就投诉到银保监");
        await ReplyAsync(token, "13900000000", "请问这是哪里？");

        await admin.OpenAsync("replies");
        await Expect(page.Locator("[data-testid=replies-grid] [data-testid=reply-category]")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=reply-opted-out]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=reply-complaint]")).ToHaveCountAsync(1);
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "replies-admin-zh-CN.png");

        await page.Locator("[data-testid=reply-conversation]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=conversation-entry]").First).ToBeVisibleAsync();
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "reply-conversation-zh-CN.png");

        await page.GetByText("客户详情").ClickAsync();
        await Expect(page.Locator("[data-testid=complaint]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=close-complaint]")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "customer-complaint-zh-CN.png");

        await admin.OpenAsync("settings/replies");
        await page.Locator("input[data-testid=reply-try-text]").FillAsync("ＴＤ");
        await Expect(page.Locator("[data-testid=reply-try-opt-out]")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(portal.ScreenshotDirectory, "reply-rules-zh-CN.png");

        await using var viewerContext = await portal.NewContextAsync();
        var viewer = new PortalPage(await viewerContext.NewPageAsync());
        await viewer.SignInAsync(DemoUsers.Viewer);
        await viewer.OpenAsync("replies");
        await Expect(viewer.Page.Locator("[data-testid=replies-grid] [data-testid=reply-category]")).ToHaveCountAsync(4);
        await Expect(viewer.Page.Locator("[data-testid=replies-grid]")).Not.ToContainTextAsync("明天一定还");
        await Expect(viewer.Page.Locator("[data-testid=reclassify]")).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync(portal.ScreenshotDirectory, "replies-viewer-zh-CN.png");
    }

    /// <summary>A reply as Kannel's sms-service hands it over: its get-url with the token.</summary>
    private async Task ReplyAsync(string token, string from, string text)
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        var query = $"api/v1/gateway/kannel/mo?token={Uri.EscapeDataString(token)}&from={Uri.EscapeDataString(from)}" +
                    $"&text={Uri.EscapeDataString(text)}&charset=UTF-8&id={Guid.NewGuid():N}";
        using var response = await http.GetAsync(query);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task<IReadOnlyList<string>> DemoPhonesAsync(int count)
    {
        await using var db = portal.Store.NewContext();
        var phones = await db.Customers.OrderBy(c => c.Id).Select(c => c.Phone).Take(count).ToListAsync();
        return phones;
    }
}
