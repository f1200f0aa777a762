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
    public async Task Admin_signs_in_and_sees_the_customers_page()
    {
        await _page.SignInAsync(DemoUsers.Admin);
        await Expect(_page.Page).ToHaveURLAsync(new Regex("/customers"));

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
        await Expect(_page.Page).ToHaveURLAsync(new Regex("/customers"));

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

    [GeneratedRegex(@"^1\d{2}\*{4}\d{4}$")]
    private static partial Regex MaskedPhone();
}
