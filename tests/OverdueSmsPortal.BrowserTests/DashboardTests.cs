using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>A second portal, started with the demo outcome history: what the dashboard shows on a first start.</summary>
public sealed class DashboardFixture : PortalFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Portal:Demo:OutcomeHistory"] = "true" };

    protected override string PortalLogName => "browser-portal-dashboard.log";
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard";
}

/// <summary>The outcomes dashboard over three weeks of demo history, as the viewer (监控) reads it.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardFixture portal) : IAsyncLifetime
{
    // The roll-up runs every 20 s and the page reads it every 30 s: a minute and a half covers both.
    private static readonly LocatorAssertionsToHaveTextOptions UntilRolledUp = new() { Timeout = 90_000 };

    private IBrowserContext context = null!;
    private PortalPage page = null!;

    private ILocator Tile(string id) => page.Page.Locator($"[data-testid=tile-{id}] [data-testid=tile-value]");

    public async Task InitializeAsync()
    {
        context = await portal.NewContextAsync();
        page = new PortalPage(await context.NewPageAsync());
    }

    public async Task DisposeAsync() => await context.CloseAsync();

    [Fact]
    public async Task The_viewer_lands_on_figures_formatted_for_chinese_and_then_for_english()
    {
        await SignInToFiguresAsync();

        await Expect(page.Page.Locator("[data-testid=dashboard-freshness]")).ToContainTextAsync("数据更新于");
        await Expect(page.Page.Locator("[data-testid=tile-Sent-Count]")).ToContainTextAsync("已发送");
        await Expect(page.Page.Locator("[data-testid=tile-Repaid-Money]")).ToContainTextAsync("回收金额");
        await Expect(Tile("Delivered-Count")).ToHaveTextAsync(Count());
        await Expect(Tile("Repaid-Money")).ToHaveTextAsync(Money());
        await Expect(Tile("Repaid-Rate")).ToHaveTextAsync(Percent());
        await Expect(page.Page.Locator("[data-testid=dashboard-empty]")).ToHaveCountAsync(0);
        // The rate axis is labelled in percent at every tick, never only "0" and "20".
        var rateAxis = page.Page.Locator("[data-testid=chart-rates] .mud-charts-yaxis text");
        await Expect(rateAxis.First).ToHaveTextAsync("0%");
        Assert.True(await rateAxis.CountAsync() >= 3);
        Assert.All(await rateAxis.AllTextContentsAsync(), label => Assert.Matches(@"^\d+%$", label.Trim()));
        // What the reader sees: the axis labels' computed size, 12 px or more. Asked again until it holds,
        // because the chart redraws itself once it knows its width and a label read in between is detached.
        await Expect(rateAxis.Last).ToHaveCSSAsync("font-size", ReadableAxisFont());
        await page.ScreenshotAsync(portal.ScreenshotDirectory, "dashboard-zh-CN.png");

        await page.Page.Locator("[data-testid=language-switch] button").First.ClickAsync();
        await page.Page.GetByText("English", new() { Exact = true }).ClickAsync();

        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.WaitUntilLiveAsync();
        await Expect(page.Page.Locator("[data-testid=dashboard-freshness]")).ToContainTextAsync("Figures as of");
        await Expect(page.Page.Locator("[data-testid=tile-Sent-Count]")).ToContainTextAsync("Sent");
        await Expect(page.Page.Locator("[data-testid=tile-Repaid-Money]")).ToContainTextAsync("Amount recovered");
        await Expect(page.Page.Locator("[data-testid=tile-Repaid-Rate]")).ToContainTextAsync("Repayment rate");
        await Expect(Tile("Sent-Count")).ToHaveTextAsync(Count());
        await Expect(Tile("Repaid-Money")).ToHaveTextAsync(Money());
        await Expect(Tile("Replied-Rate")).ToHaveTextAsync(Percent());
        await page.ScreenshotAsync(portal.ScreenshotDirectory, "dashboard-en.png");
    }

    [Fact]
    public async Task A_tile_opens_the_messages_behind_it_with_the_phones_masked_for_the_viewer()
    {
        await SignInToFiguresAsync();

        await Tile("Delivered-Count").ClickAsync();

        await page.Page.WaitForURLAsync(new Regex("/dashboard/messages\\?.*measure=Delivered"));
        await Expect(page.Page.Locator("[data-testid=masking-notice]")).ToBeVisibleAsync();
        await Expect(page.Page.Locator("[data-testid=drill-total]")).ToHaveTextAsync(new Regex(@"共 [1-9][\d,]* 条"));
        var phones = page.Page.Locator("[data-testid=drill-phone]");
        await Expect(phones).ToHaveCountAsync(25);
        Assert.All(await phones.AllInnerTextsAsync(), phone => Assert.Matches(MaskedPhone(), phone.Trim()));
        await Expect(page.Page.Locator("[data-testid=drill-state]").First).ToHaveTextAsync("已送达");
        await page.ScreenshotAsync(portal.ScreenshotDirectory, "dashboard-drilldown.png");
    }

    [Fact]
    public async Task The_ab_page_gives_a_verdict_on_the_split_campaign()
    {
        await SignInToFiguresAsync();

        await page.Page.Locator("[data-testid=dashboard-ab-link]").ClickAsync();

        await page.Page.WaitForURLAsync(new Regex("/dashboard/ab\\?"));
        await Expect(page.Page.Locator("[data-testid=ab-campaign]")).ToHaveCountAsync(1);
        await Expect(page.Page.Locator("[data-testid=ab-variant]")).ToHaveCountAsync(2);
        var verdict = page.Page.Locator("[data-testid=ab-verdict-repayment]");
        // The demo history moves with the date: some days its split is so clear that p is below 0.001.
        await Expect(verdict).ToContainTextAsync(new Regex(@"还款：.*（p (= 0[.,]\d+|< 0[.,]001)）"));
        await Expect(verdict).Not.ToContainTextAsync("p = 0）");
        var names = page.Page.Locator("[data-testid=ab-variant-name]");
        await Expect(names.First).ToHaveTextAsync(new Regex(@"^A · (温和|标准|严肃|法务告知) · v\d+"));
        await Expect(names.Last).ToHaveTextAsync(new Regex(@"^B · (温和|标准|严肃|法务告知) · v\d+"));
        await Expect(page.Page.Locator("[data-testid=ab-sample-text]")).ToHaveCountAsync(2);
        await Expect(page.Page.Locator("[data-testid=ab-sample-text]").First).ToContainTextAsync("¥1,280.00");
        await page.ScreenshotAsync(portal.ScreenshotDirectory, "dashboard-ab.png");

        await page.Page.Locator("[data-testid=language-switch] button").First.ClickAsync();
        await page.Page.GetByText("English", new() { Exact = true }).ClickAsync();

        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.WaitUntilLiveAsync();
        await Expect(names.First).ToHaveTextAsync(new Regex(@"^A · (Gentle|Standard|Firm|Legal notice) · v\d+"));
        await page.ScreenshotAsync(portal.ScreenshotDirectory, "dashboard-ab-en.png");
    }

    [Fact]
    public async Task A_table_of_the_dashboard_downloads_as_csv()
    {
        await SignInToFiguresAsync();
        var href = await page.Page.Locator("[data-testid=table-campaigns] [data-testid=table-export]").GetAttributeAsync("href");
        Assert.NotNull(href);

        // The browser context's request client carries the viewer's cookie.
        var response = await context.APIRequest.GetAsync(href);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"]);
        var lines = (await response.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines.Skip(1), line => line.Contains("A/B", StringComparison.Ordinal));
    }

    /// <summary>Signs in as the viewer, who lands on the dashboard, and waits until the roll-up has counted the history.</summary>
    private async Task SignInToFiguresAsync()
    {
        await page.SignInAsync(DemoUsers.Viewer);
        await Expect(page.Page.Locator("[data-testid=dashboard-tiles]")).ToBeVisibleAsync();
        await Expect(Tile("Sent-Count")).ToHaveTextAsync(Count(), UntilRolledUp);
    }

    /// <summary>A count above zero with thousands separators: 812 or 4,523.</summary>
    [GeneratedRegex(@"^\s*[1-9]\d{0,2}(,\d{3})*\s*$")]
    private static partial Regex Count();

    /// <summary>Yuan with thousands separators and fen: ¥12,345.60.</summary>
    [GeneratedRegex(@"^\s*¥[1-9]\d{0,2}(,\d{3})+\.\d{2}\s*$")]
    private static partial Regex Money();

    /// <summary>A rate above zero with one decimal: 6.2%.</summary>
    [GeneratedRegex(@"^\s*(0\.[1-9]|[1-9]\d?\.\d)%\s*$")]
    private static partial Regex Percent();

    /// <summary>A computed font size of 12 px or more: 13px, 12.5px.</summary>
    [GeneratedRegex(@"^(1[2-9]|[2-9]\d)(\.\d+)?px$")]
    private static partial Regex ReadableAxisFont();

    [GeneratedRegex(@"^1\d{2}\*{4}\d{4}$")]
    private static partial Regex MaskedPhone();
}
