using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>Smoke tests through a real browser against the built portal; one browser context per test.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class PortalSmokeTests(PortalFixture portal) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private PortalPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await portal.NewContextAsync();
        _page = new PortalPage(await _context.NewPageAsync());
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public async Task Sign_in_page_is_served_in_chinese()
    {
        await _page.OpenLoginAsync();

        await Expect(_page.Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(_page.Page.Locator("input[type=password]")).ToBeVisibleAsync();

        // The browser context asks for zh-CN; a client that states no language must get Chinese too.
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        var html = await http.GetStringAsync(PortalPage.LoginPath);
        Assert.Matches(@"<html[^>]*\slang=""zh-CN""", html);
    }

    [Fact]
    public async Task Admin_signs_in_to_the_dashboard_and_sees_the_customers_page()
    {
        await _page.SignInAsync(DemoUsers.Admin);
        await Expect(_page.Page.Locator("[data-testid=dashboard-tiles]")).ToBeVisibleAsync();
        await _page.OpenAsync("customers");

        var phones = await _page.WaitForCustomerPhonesAsync();

        Assert.True(await _page.CustomerRows.CountAsync() > 0, "the customers grid shows no rows");
        Assert.NotEmpty(phones);
        Assert.All(phones, phone =>
        {
            Assert.False(string.IsNullOrWhiteSpace(phone), "an admin sees an empty phone cell");
            Assert.DoesNotContain("*", phone);
        });
        foreach (var href in new[] { "customers", "users", "settings" })
        {
            await Expect(_page.NavLink(href).First).ToBeAttachedAsync();
        }
        await _page.ScreenshotAsync(portal.ScreenshotDirectory, "customers-admin.png");
    }

    [Fact]
    public async Task Viewer_sees_masked_phone_numbers_and_only_customers()
    {
        await _page.SignInAsync(DemoUsers.Viewer);
        await Expect(_page.Page.Locator("[data-testid=dashboard-tiles]")).ToBeVisibleAsync();
        await _page.OpenAsync("customers");

        var phones = await _page.WaitForCustomerPhonesAsync();

        Assert.NotEmpty(phones);
        Assert.All(phones, phone => Assert.Matches(MaskedPhone(), phone));
        await Expect(_page.NavLink("customers").First).ToBeAttachedAsync();
        await Expect(_page.NavLink("users")).ToHaveCountAsync(0);
        await Expect(_page.NavLink("settings")).ToHaveCountAsync(0);
        await _page.ScreenshotAsync(portal.ScreenshotDirectory, "customers-viewer.png");
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        // Not the admin: a failed attempt counts towards lockout, and the admin test must not inherit it.
        await _page.SubmitLoginAsync(DemoUsers.Approver, "not-the-password");

        await Expect(_page.LoginError).ToBeVisibleAsync();
        Assert.True(PortalPage.IsLoginUrl(_page.Page.Url), $"expected to stay on the sign-in page, got {_page.Page.Url}");
    }

    [Theory]
    [InlineData(DemoUsers.Admin, new[] { "dashboard", "customers", "customers/contact-check", "segments", "templates", "campaigns", "replies", "complaints", "repayments/upload", "users", "settings", "audit" })]
    [InlineData(DemoUsers.Author, new[] { "dashboard", "customers", "customers/contact-check", "segments", "templates", "campaigns", "replies", "complaints" })]
    [InlineData(DemoUsers.Approver, new[] { "dashboard", "customers", "customers/contact-check", "segments", "templates", "campaigns", "replies", "complaints" })]
    [InlineData(DemoUsers.Viewer, new[] { "dashboard", "customers", "customers/contact-check", "segments", "templates", "campaigns", "replies", "complaints" })]
    public async Task Each_demo_user_sees_the_shell_with_the_pages_of_their_role(string user, string[] pages)
    {
        await _page.SignInAsync(user);
        await _page.OpenAsync("customers");
        await _page.WaitForCustomerPhonesAsync();

        var drawerLinks = await _page.Page.Locator(".mud-drawer a.mud-nav-link").EvaluateAllAsync<string[]>(
            "links => links.map(link => link.getAttribute('href'))");
        Assert.Equal(pages, drawerLinks);
        await Expect(_page.Page.Locator("[data-testid=user-menu]")).ToContainTextAsync(user);
        await Expect(_page.Page.Locator("[data-testid=language-switch]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_out_from_the_user_menu_returns_to_the_sign_in_page()
    {
        await _page.SignInAsync(DemoUsers.Author);
        await _page.OpenAsync("customers");
        await _page.WaitForCustomerPhonesAsync();

        await _page.Page.Locator("[data-testid=user-menu] button").First.ClickAsync();
        await _page.Page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();

        await _page.Page.WaitForURLAsync(url => PortalPage.IsLoginUrl(url));
        await _page.Page.GotoAsync("customers");
        Assert.True(PortalPage.IsLoginUrl(_page.Page.Url), $"after signing out /customers should ask for sign-in, got {_page.Page.Url}");
    }

    [Fact]
    public async Task Admin_imports_a_csv_and_sees_the_rows_that_were_refused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"portal-browser-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            "accountRef,name,title,phone,customerType,product,region,amountDue,minimumDue,dueDate,dailyPenaltyRate",
            "WEB0001,陈美玲,女士,139 1234 0001,salaried,credit_card,广东,3200.00,320.00,2026-11-01,0.0005",
            "WEB0002,林志强,先生,010-12345678,retired,cash_loan,福建,800,80,2026-11-01,0.0008",
            "WEB0003,王建国,先生,13912340003,self_employed,consumer_loan,四川,15000,1500,2026-10-20,0.0005"));
        try
        {
            await _page.SignInAsync(DemoUsers.Admin);
            await _page.OpenAsync("customers");
            await _page.WaitForCustomerPhonesAsync();
            await _page.Page.Locator("a[href='customers/import']").ClickAsync();
            await _page.Page.WaitForURLAsync(new Regex("/customers/import$"));
            // The button is enabled once the page is live; a file chosen before that would go nowhere.
            await Expect(_page.Page.GetByRole(AriaRole.Button, new() { Name = "选择文件并导入" })).ToBeEnabledAsync();

            await _page.Page.Locator("input[type=file]").SetInputFilesAsync(file);

            await Expect(_page.Page.Locator("[data-testid=import-summary]")).ToContainTextAsync("新增 2 个客户");
            var errors = _page.Page.Locator("[data-testid=import-errors] tbody tr.mud-table-row");
            await Expect(errors).ToHaveCountAsync(1);
            await Expect(errors.First).ToContainTextAsync("WEB0002");
            await Expect(errors.First).ToContainTextAsync("手机号无效");
            await _page.ScreenshotAsync(portal.ScreenshotDirectory, "customers-import.png");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Ops_manager_imports_a_csv_typed_in_chinese_headings_and_values_and_downloads_the_chinese_template()
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var file = Path.Combine(Path.GetTempPath(), $"portal-browser-import-zh-{id}.csv");
        // As an operations manager types it in Excel and saves it as "CSV UTF-8": the customer page's
        // headings and words, a synonym here and there, a full-width letter and a stray space.
        await File.WriteAllTextAsync(file, string.Join("\r\n",
            "账号,姓名,称呼,手机号,客户类型,产品,地区,应还金额,最低还款额,到期日,日罚息率,发薪日",
            $"ZH{id}1,陈美玲,女士,13912340011,工薪族,信用卡,广东,3200.00,320.00,2026-11-01,0.0005,15",
            $"ZH{id}2,林志强,男,13912340012,上班族 ,贷记卡,福建,800,80,2026-11-01,0.0008,",
            $"ZH{id}3,王建国,先生,13912340013,个体户,消费贷,四川,15000,1500,2026-10-20,0.0005,",
            $"ZH{id}4,赵秀英,女,13912340014,退休人员,现金贷,上海,600,60,2026-10-25,0.0005,"), new System.Text.UTF8Encoding(true));
        try
        {
            await _page.SignInAsync(DemoUsers.Admin);
            await _page.OpenAsync("customers/import");
            await Expect(_page.Page.Locator("[data-testid=import-column-customerType]")).ToContainTextAsync("工薪族 (salaried)");
            await Expect(_page.Page.GetByRole(AriaRole.Button, new() { Name = "选择文件并导入" })).ToBeEnabledAsync();

            // The template is a download: the address and the highlighted menu item stay where they were.
            var download = await _page.Page.RunAndWaitForDownloadAsync(() => _page.Page.Locator("[data-testid=import-template]").ClickAsync());
            Assert.Equal("客户导入模板.csv", download.SuggestedFilename);
            var template = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.StartsWith("账号,姓名,称谓,手机号,客户类型", template.TrimStart('\uFEFF'));
            Assert.EndsWith("/customers/import", _page.Page.Url);
            await Expect(_page.Page.Locator("a.active[href^='templates']")).ToHaveCountAsync(0);

            await _page.Page.Locator("input[type=file]").SetInputFilesAsync(file);

            await Expect(_page.Page.Locator("[data-testid=import-summary]")).ToContainTextAsync("新增 4 个客户");
            await Expect(_page.Page.Locator("[data-testid=import-errors]")).ToHaveCountAsync(0);
            await _page.ScreenshotAsync(portal.ScreenshotDirectory, "customers-import-zh.png");

            await _page.Page.GotoAsync("culture/set?culture=en&returnUrl=%2Fcustomers%2Fimport");
            await _page.WaitUntilLiveAsync();
            await Expect(_page.Page.Locator("[data-testid=import-column-customerType]")).ToContainTextAsync("Salaried (salaried)");
            await _page.ScreenshotAsync(portal.ScreenshotDirectory, "customers-import-en.png");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_operations_manager_reads_every_complaint_filter_in_full_in_chinese_and_in_english()
    {
        await _page.SignInAsync(DemoUsers.Admin);
        await Expect(_page.Page.Locator("[data-testid=dashboard-tiles]")).ToBeVisibleAsync();
        var dashboardInset = await _page.ContentInsetAsync();
        await _page.OpenAsync("complaints");
        var filters = _page.Page.Locator("[data-testid=complaint-filters]");
        await Expect(filters).ToContainTextAsync("严重程度");
        // Account, status, category, severity, source, from and to: each field's label is there to check.
        Assert.True(await filters.Locator("label").CountAsync() >= 7);

        // The complaints page keeps the same margin beside the menu as the dashboard.
        Assert.True(dashboardInset >= 16, $"the dashboard starts {dashboardInset} px from the menu");
        Assert.Equal(dashboardInset, await _page.ContentInsetAsync(), 1.0);
        Assert.Empty(await _page.CutOffLabelsAsync("[data-testid=complaint-filters]"));
        // Empty date fields are no error: nothing was typed into them.
        await Expect(filters.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await _page.ScreenshotAsync(portal.ScreenshotDirectory, "complaints-filter-zh-CN.png");

        await _page.SwitchLanguageAsync("en", "complaints");
        await Expect(filters).ToContainTextAsync("Severity");
        Assert.Empty(await _page.CutOffLabelsAsync("[data-testid=complaint-filters]"));
        Assert.Equal(dashboardInset, await _page.ContentInsetAsync(), 1.0);
        await _page.ScreenshotAsync(portal.ScreenshotDirectory, "complaints-filter-en.png");
    }

    [GeneratedRegex(@"^1\d{2}\*{4}\d{4}$")]
    private static partial Regex MaskedPhone();
}
