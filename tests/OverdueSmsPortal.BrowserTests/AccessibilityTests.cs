using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// axe over every page of the portal, as the admin and as the viewer see it: an operations team works
/// in it all day, some with low vision or only a keyboard, and a serious or critical finding is a
/// page someone cannot use. Runs on the portal with demo history so campaigns and runs exist.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class AccessibilityTests(DashboardFixture portal) : IAsyncLifetime
{
    // Every @page of the portal without a route parameter; the detail pages are found from their lists.
    private static readonly string[] FixedPages =
    [
        "dashboard", "dashboard/messages", "dashboard/ab",
        "customers", "customers/import", "customers/contact-check",
        "segments", "segments/new", "segments/stages",
        "templates",
        "campaigns", "campaigns/new", "campaigns/escalations", "campaigns/in-doubt",
        "replies", "complaints",
        "repayments/upload",
        "audit",
        "users",
        "settings", "settings/policy", "settings/gateway", "settings/lint", "settings/replies", "settings/outcomes",
        "not-found",
    ];

    // The detail pages: the list to find a demo id on, and the shape of the detail link.
    private static readonly (string List, Regex Link)[] DetailPages =
    [
        ("customers", CustomerLink()),
        ("segments", SegmentLink()),
        ("templates", StudioLink()),
        ("campaigns", CampaignLink()),
        ("replies", ConversationLink()),
    ];

    private static readonly string[] Blocking = ["serious", "critical"];

    private static readonly string[] Pictured = ["account/login", "admin dashboard", "admin complaints", "admin settings/replies", "viewer dashboard"];

    private IBrowserContext context = null!;

    /// <summary>Why the passes over every page run on SQLite alone.</summary>
    private const string EveryPageOnOneStore = "axe reads each page's markup, which is the same on either store; the two passes over every page took 4.5 of the PostgreSQL suite's 28 minutes";

    public async Task InitializeAsync() => context = await portal.NewContextAsync();

    public async Task DisposeAsync() => await context.CloseAsync();

    [Fact]
    public async Task Someone_signing_in_meets_no_serious_barrier()
    {
        var page = new PortalPage(await context.NewPageAsync());
        var findings = new List<string>();

        await page.OpenLoginAsync();
        await CheckAsync(page, "account/login", findings);
        await page.Page.GotoAsync("account/access-denied");
        await CheckAsync(page, "account/access-denied", findings);

        Assert.True(findings.Count == 0, Report(findings));
    }

    [SqliteOnlyFact(EveryPageOnOneStore)]
    public async Task The_admin_meets_no_serious_barrier_on_any_page()
    {
        var findings = await CheckEveryPageAsync(DemoUsers.Admin);

        Assert.True(findings.Count == 0, Report(findings));
    }

    [SqliteOnlyFact(EveryPageOnOneStore)]
    public async Task The_viewer_meets_no_serious_barrier_on_any_page()
    {
        var findings = await CheckEveryPageAsync(DemoUsers.Viewer);

        Assert.True(findings.Count == 0, Report(findings));
    }

    [Fact]
    public async Task A_keyboard_user_sees_where_the_focus_is_on_every_control_of_the_campaign_builder()
    {
        var page = new PortalPage(await context.NewPageAsync());
        await page.SignInAsync(DemoUsers.Admin);
        await page.OpenAsync("campaigns/new");
        var unmarked = new List<string>();

        // Text fields show focus with MudBlazor's own thicker border; every other control needs a ring. Tab never
        // stops on an element out of the tab order (tabindex -1): the page heading Blazor focuses after navigation
        // (no ring, by design) took the focus between two presses when the builder's data arrived late.
        for (var press = 0; press < 40; press++)
        {
            await page.Page.Keyboard.PressAsync("Tab");
            var focused = await page.Page.EvaluateAsync<string?>("""
                () => {
                    const element = document.activeElement;
                    if (!element || element === document.body || element.classList.contains('mud-input-slot') || element.tabIndex < 0) return null;
                    const style = getComputedStyle(element);
                    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
                    return ring ? null : element.outerHTML.slice(0, 160);
                }
                """);
            if (focused is not null)
            {
                unmarked.Add(focused);
            }
        }

        Assert.True(unmarked.Count == 0, "focused without a visible ring:\n  " + string.Join("\n  ", unmarked.Distinct()));
    }

    [Fact]
    public async Task After_next_in_the_campaign_builder_the_keyboard_is_on_the_new_steps_first_field()
    {
        var page = new PortalPage(await context.NewPageAsync());
        await page.SignInAsync(DemoUsers.Admin);
        await page.OpenAsync("campaigns/new");
        await page.Page.Locator("input[data-testid=campaign-name]").FillAsync("键盘测试活动");
        await page.Page.Locator("[data-testid=segment-choices] input[type=checkbox]").First.CheckAsync();

        await page.Page.Locator("[data-testid=step-next]").FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");

        await Microsoft.Playwright.Assertions.Expect(page.Page.Locator("[data-testid^=segment-templates-]").First).ToBeVisibleAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var inNewStep = false;
        while (!inNewStep && DateTime.UtcNow < deadline)
        {
            inNewStep = await page.Page.EvaluateAsync<bool>(
                "() => document.activeElement?.closest('[data-testid^=segment-templates-]') !== null");
            await Task.Delay(100);
        }
        Assert.True(inNewStep, "after Next the focus stayed at " +
            await page.Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 160) ?? 'nothing'"));
    }

    private async Task<List<string>> CheckEveryPageAsync(string user)
    {
        var page = new PortalPage(await context.NewPageAsync());
        await page.SignInAsync(user);
        var findings = new List<string>();
        var checkedAddresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var pages = new List<string>(FixedPages);
        pages.AddRange(await FindDetailPagesAsync(page));
        foreach (var path in pages)
        {
            await page.Page.GotoAsync(path);
            // The refusal and sign-in pages are served without a circuit; every other page goes live.
            if (!page.Page.Url.Contains("/account/", StringComparison.OrdinalIgnoreCase))
            {
                await page.WaitUntilLiveAsync();
            }
            // A page the viewer may not open sends them to the same refusal page; one check of it is enough.
            if (!checkedAddresses.Add(new Uri(page.Page.Url).AbsolutePath))
            {
                continue;
            }
            await CheckAsync(page, $"{user} {path}", findings);
        }
        await page.Page.CloseAsync();
        return findings;
    }

    /// <summary>One demo id per detail page, taken from the links its list shows (a campaign's run from the campaign).</summary>
    private static async Task<List<string>> FindDetailPagesAsync(PortalPage page)
    {
        var found = new List<string>();
        foreach (var (list, link) in DetailPages)
        {
            await page.OpenAsync(list);
            var href = await FirstLinkAsync(page, link);
            if (href is not null)
            {
                found.Add(href);
            }
        }
        var campaign = found.FirstOrDefault(path => CampaignLink().IsMatch(path));
        if (campaign is not null)
        {
            found.Add(campaign + "/edit");
            await page.OpenAsync(campaign);
            var run = await FirstLinkAsync(page, RunLink());
            if (run is not null)
            {
                found.Add(run);
            }
        }
        return found;
    }

    private static async Task<string?> FirstLinkAsync(PortalPage page, Regex link)
    {
        // Lists load their rows after the circuit is live; wait a moment for the first one.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var hrefs = await page.Page.Locator("a[href]").EvaluateAllAsync<string[]>(
                "links => links.map(a => a.getAttribute('href'))");
            var match = hrefs.Select(href => href.TrimStart('/')).FirstOrDefault(link.IsMatch);
            if (match is not null)
            {
                return match;
            }
            await Task.Delay(300);
        }
        return null;
    }

    private async Task CheckAsync(PortalPage page, string name, List<string> findings)
    {
        // Let the rows and charts a page loads after going live arrive before judging it.
        await page.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.Page.RunAxe();
        foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            foreach (var node in violation.Nodes)
            {
                findings.Add($"{name} | {violation.Id} | {violation.Impact} | {node.Target} | {violation.Help}: {Summary(node)}");
            }
        }
        // A picture of the pages whose colours matter most, to look at after a palette change.
        if (Pictured.Any(name.EndsWith) || CampaignRunName().IsMatch(name))
        {
            await page.ScreenshotAsync(Path.Combine(portal.ScreenshotDirectory, "accessibility"),
                Regex.Replace(name, "[^A-Za-z0-9]+", "-").Trim('-') + ".png");
        }
    }

    // axe's own failure summary: what any of the checks would have needed, and what all and none broke.
    private static string Summary(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
            .Select(check => Regex.Replace(check.Message ?? "", @"\s+", " ").Trim())
            .Where(message => message.Length > 0));

    private static string Report(IReadOnlyCollection<string> findings)
    {
        var report = new StringBuilder($"{findings.Count} serious or critical accessibility findings (page | rule | impact | target | summary):");
        foreach (var finding in findings)
        {
            report.AppendLine().Append("  ").Append(finding);
        }
        return report.ToString();
    }

    [GeneratedRegex(@"^customers/\d+$")]
    private static partial Regex CustomerLink();

    [GeneratedRegex(@"^segments/\d+$")]
    private static partial Regex SegmentLink();

    [GeneratedRegex(@"^templates/\d+/[a-z]+$")]
    private static partial Regex StudioLink();

    [GeneratedRegex(@"^campaigns/\d+$")]
    private static partial Regex CampaignLink();

    [GeneratedRegex(@"^campaigns/runs/\d+$")]
    private static partial Regex RunLink();

    [GeneratedRegex(@"^admin campaigns/(runs/)?\d+$")]
    private static partial Regex CampaignRunName();

    [GeneratedRegex(@"^replies/customers/\d+$")]
    private static partial Regex ConversationLink();
}
