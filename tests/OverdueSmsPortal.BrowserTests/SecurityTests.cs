using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// The Content-Security-Policy in a real browser: the portal's pages, MudBlazor's popovers and dialogs
/// and the live circuit work under it, and HTML or script typed into a template or a customer's name is
/// shown as text, never run.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class SecurityTests(PortalFixture portal) : IAsyncLifetime
{
    // Init scripts are the browser's, not the page's: the policy does not apply to them.
    private const string WatchScript = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private const string TemplateAttack = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

    // The brief's name is longer than the 50 characters a name may have; this one keeps an element
    // with a handler, Chinese text and a script.
    private const string NameAttack = "<svg onload=__xss=3>李<script>__xss=4</script>";

    private IBrowserContext context = null!;
    private readonly List<string> consoleProblems = [];

    public async Task InitializeAsync()
    {
        context = await portal.NewContextAsync();
        await context.AddInitScriptAsync(WatchScript);
    }

    public async Task DisposeAsync() => await context.CloseAsync();

    private async Task<PortalPage> NewPageAsync()
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) ||
                message.Text.Contains("Refused to", StringComparison.OrdinalIgnoreCase))
            {
                consoleProblems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleProblems.Add("page error: " + error);
        return new PortalPage(page);
    }

    private async Task AssertNoViolationAsync(PortalPage page, string where)
    {
        var violations = await page.Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
        Assert.True(violations.Length == 0, $"{where}: {string.Join(" | ", violations)}");
        Assert.True(consoleProblems.Count == 0, $"{where}: {string.Join(" | ", consoleProblems)}");
    }

    [Fact]
    public async Task The_portal_s_pages_popovers_and_dialogs_work_under_the_policy_with_no_violation()
    {
        var portalPage = await NewPageAsync();
        var page = portalPage.Page;

        await portalPage.OpenLoginAsync();
        await AssertNoViolationAsync(portalPage, "sign-in page");
        await portalPage.SignInAsync(DemoUsers.Admin);
        await Expect(page.Locator("[data-testid=dashboard-tiles]")).ToBeVisibleAsync();
        await AssertNoViolationAsync(portalPage, "dashboard");

        // A click the circuit answers: the user menu's popover opens with the sign-out form.
        await page.Locator("[data-testid=user-menu] button").First.ClickAsync();
        await Expect(page.Locator("form[action='account/logout'] button")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        await portalPage.OpenAsync("templates");
        await page.Locator("[data-testid=templates-grid] td[data-tone=standard] a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/templates/\d+/standard$"));
        await Expect(page.Locator("[data-testid=preview-text]").First).ToBeVisibleAsync();
        await AssertNoViolationAsync(portalPage, "template studio");

        await portalPage.OpenAsync("campaigns/new");
        await Expect(page.Locator("input[data-testid=campaign-name]")).ToBeVisibleAsync();
        await AssertNoViolationAsync(portalPage, "campaign builder");

        await portalPage.OpenAsync("users");
        await page.Locator("[data-testid=new-user]").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await AssertNoViolationAsync(portalPage, "new user dialog");

        await portalPage.OpenAsync("customers");
        await page.Locator("[data-testid=customer-filters] .mud-select").First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
        await AssertNoViolationAsync(portalPage, "customer filters");
        await portalPage.ScreenshotAsync(portal.ScreenshotDirectory, "csp-customers-popover.png");
    }

    [Fact]
    public async Task Html_and_script_in_a_template_or_a_customer_name_are_shown_as_text_and_never_run()
    {
        var portalPage = await NewPageAsync();
        var page = portalPage.Page;
        await portalPage.SignInAsync(DemoUsers.Admin);
        var accountRef = "XSS" + DateTime.UtcNow.ToString("HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

        await ImportCustomerAsync(portalPage, accountRef);

        await portalPage.OpenAsync("customers");
        await page.Locator("[data-testid=customer-filters] input").First.FillAsync(accountRef);
        var row = page.Locator("[data-testid=customers-grid] tbody tr.mud-table-row", new() { HasText = accountRef });
        // The search applies after a pause: wait until the grid shows only the imported customer.
        await Expect(page.Locator("[data-testid=customers-grid] tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(NameAttack);
        await AssertNotRunAsync(portalPage, "customer list");
        await row.Locator("[data-testid=customer-link]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/customers/\d+$"), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.Locator("[data-testid=customer-detail]")).ToContainTextAsync(NameAttack);
        await AssertNotRunAsync(portalPage, "customer page");
        var customerId = new Uri(page.Url).Segments[^1];

        await portalPage.OpenAsync($"replies/customers/{customerId}");
        await Expect(page.Locator(".mud-main-content")).ToContainTextAsync(NameAttack);
        await AssertNotRunAsync(portalPage, "conversation page");

        await portalPage.OpenAsync("templates");
        await page.Locator("[data-testid=templates-grid] td[data-tone=firm] a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/templates/\d+/firm$"));
        var body = page.Locator("textarea[data-testid=template-body], [data-testid=template-body] textarea").First;
        await Expect(body).ToBeEditableAsync();
        await body.FillAsync(TemplateAttack + "{{ customer.name }}");
        await body.BlurAsync();
        await Expect(page.Locator("[data-testid=preview-text]").First).ToContainTextAsync(TemplateAttack);
        await page.Locator("[data-testid=save-draft]").ClickAsync();
        await Expect(page.Locator("[data-testid=unsaved]")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await portalPage.WaitUntilLiveAsync();
        await Expect(page.Locator("[data-testid=preview-text]").First).ToContainTextAsync(TemplateAttack);
        await AssertNotRunAsync(portalPage, "template studio preview");
        await portalPage.ScreenshotAsync(portal.ScreenshotDirectory, "xss-template-preview.png");
    }

    private static async Task ImportCustomerAsync(PortalPage portalPage, string accountRef)
    {
        await portalPage.OpenAsync("customers/import");
        var csv = "accountRef,name,title,phone,customerType,product,region,timeZone,amountDue,minimumDue,dueDate,dailyPenaltyRate,paydayOfMonth\r\n" +
                  $"{accountRef},\"{NameAttack}\",mr,1391{Random.Shared.Next(1_000_000, 9_999_999)},salaried,credit_card,北京,Asia/Shanghai,1200.00,120.00,2026-11-01,0.0005,15\r\n";
        await portalPage.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "xss-customers.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Expect(portalPage.Page.Locator("[data-testid=import-summary]")).ToBeVisibleAsync();
    }

    private async Task AssertNotRunAsync(PortalPage page, string where)
    {
        Assert.True(await page.Page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"), $"{where}: a script ran");
        await Expect(page.Page.Locator(".mud-main-content script, .mud-main-content svg[onload], .mud-main-content img[onerror]")).ToHaveCountAsync(0);
        await AssertNoViolationAsync(page, where);
    }
}
