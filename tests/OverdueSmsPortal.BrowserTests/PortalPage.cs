using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>The demo users that Development seeds; all share one password.</summary>
public static class DemoUsers
{
    public const string Password = "Demo-Portal-2026";
    public const string Admin = "admin";
    public const string Author = "author";
    public const string Approver = "approver";
    public const string Viewer = "viewer";
}

/// <summary>What the tests do on the portal's pages, named as a person would say it.</summary>
public sealed class PortalPage(IPage page)
{
    public const string LoginPath = "account/login";

    public IPage Page { get; } = page;

    public ILocator UserNameInput => Page.Locator("input[name='Input.UserName']");

    public ILocator PasswordInput => Page.Locator("input[name='Input.Password']");

    public ILocator SubmitButton => Page.Locator("button[type=submit]");

    public ILocator LoginError => Page.Locator("[data-testid=login-error]");

    public ILocator CustomersGrid => Page.Locator("[data-testid=customers-grid]");

    public ILocator CustomerRows => CustomersGrid.Locator("tbody tr.mud-table-row");

    public ILocator CustomerPhones => CustomersGrid.Locator("[data-testid=customer-phone]");

    public ILocator NavLink(string href) => Page.Locator($"a[href='{href}']");

    public async Task OpenLoginAsync()
    {
        await Page.GotoAsync(LoginPath);
        await Expect(UserNameInput).ToBeVisibleAsync();
    }

    /// <summary>Signs in through the form and waits until the portal's first page is live.</summary>
    public async Task SignInAsync(string userName, string password = DemoUsers.Password)
    {
        await SubmitLoginAsync(userName, password);
        await Page.WaitForURLAsync(url => !IsLoginUrl(url));
        await WaitUntilLiveAsync();
    }

    /// <summary>Opens a page by its address and waits until it is live.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitUntilLiveAsync();
    }

    /// <summary>
    /// Waits until the circuit has replaced the pre-rendered page. A click or key press that lands
    /// on the pre-rendered HTML is lost (a link click is swallowed by the router that is not yet
    /// connected), so every test that acts on a freshly loaded page waits for this first.
    /// </summary>
    public async Task WaitUntilLiveAsync() =>
        await Expect(Page.Locator("[data-testid=portal-live][data-live=true]")).ToHaveCountAsync(1);

    /// <summary>Fills and submits the sign-in form without assuming it succeeds.</summary>
    public async Task SubmitLoginAsync(string userName, string password)
    {
        await OpenLoginAsync();
        await UserNameInput.FillAsync(userName);
        await PasswordInput.FillAsync(password);
        await SubmitButton.ClickAsync();
    }

    /// <summary>Waits for the interactive grid to show data rows, then returns the phone cells' text.</summary>
    public async Task<IReadOnlyList<string>> WaitForCustomerPhonesAsync()
    {
        await Expect(CustomersGrid).ToBeVisibleAsync();
        await CustomerRows.First.WaitForAsync();
        await CustomerPhones.First.WaitForAsync();
        var phones = await CustomerPhones.AllInnerTextsAsync();
        return phones.Select(text => text.Trim()).ToList();
    }

    /// <summary>
    /// How far, in CSS pixels, the page's heading starts from the navigation drawer's right edge: the
    /// left padding an operator sees between the menu and the page's work.
    /// </summary>
    public async Task<double> ContentInsetAsync() =>
        await Page.EvaluateAsync<double>("""
            () => document.querySelector('#main-content h1').getBoundingClientRect().left
                - document.querySelector('.mud-drawer').getBoundingClientRect().right
            """);

    /// <summary>The visible labels of the form fields under <paramref name="container"/> whose text does not fit and is cut off.</summary>
    public async Task<IReadOnlyList<string>> CutOffLabelsAsync(string container) =>
        await Page.EvaluateAsync<string[]>("""
            selector => [...document.querySelectorAll(selector + ' label')]
                .filter(label => label.offsetParent !== null && label.scrollWidth > label.clientWidth + 1)
                .map(label => label.textContent.trim())
            """, container);

    /// <summary>Switches the portal's language the way the language menu does and waits for the page to be live.</summary>
    public async Task SwitchLanguageAsync(string culture, string returnPath)
    {
        await Page.GotoAsync($"culture/set?culture={culture}&returnUrl={Uri.EscapeDataString("/" + returnPath)}");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await WaitUntilLiveAsync();
    }

    /// <summary>
    /// Types the same hours into the campaign builder's workday and weekend send window, as an author does
    /// who wants a one-off to leave now: the builder's default, the guidance's 18:00–20:30 on workdays,
    /// holds a message fired in the afternoon until the evening.
    /// </summary>
    public async Task SetSendWindowAsync(string from, string to)
    {
        foreach (var (field, value) in new[] { ("window-from", from), ("window-to", to), ("weekend-window-from", from), ("weekend-window-to", to) })
        {
            await Page.Locator($"input[data-testid={field}]").FillAsync(value);
        }
        await Page.Locator("input[data-testid=window-to]").BlurAsync();
    }

    public async Task ScreenshotAsync(string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(directory, fileName),
            FullPage = true,
        });
    }

    public static bool IsLoginUrl(string url) =>
        new Uri(url).AbsolutePath.TrimEnd('/').Equals("/" + LoginPath, StringComparison.OrdinalIgnoreCase);
}
