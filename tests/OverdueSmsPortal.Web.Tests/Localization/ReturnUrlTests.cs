using System.Net;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Localization;

/// <summary>
/// Return addresses in Chinese (or any script) come back as a redirect with a percent-encoded
/// <c>Location</c>, never a 500; only local addresses are followed; absurd language choices are harmless.
/// </summary>
public sealed class ReturnUrlTests(KestrelPortalFactory factory) : IClassFixture<KestrelPortalFactory>
{
    private const string ChinesePath = "/%E5%AE%A2%E6%88%B7";
    private static readonly string[] Cultures = ["zh-CN", "en"];

    private static string RawLocation(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Location", out var values) ? values.Single() : throw new InvalidOperationException($"{(int)response.StatusCode} has no Location.");

    [Fact]
    public async Task Choosing_a_language_on_a_page_with_a_chinese_address_returns_to_it_encoded()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.GetAsync($"/culture/set?culture=en&returnUrl={ChinesePath}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ChinesePath, RawLocation(response));
    }

    [Fact]
    public async Task Choosing_a_language_keeps_a_chinese_query_and_an_emoji_encoded()
    {
        using var browser = factory.CreateBrowser();
        var returnUrl = "/customers?q=张三 😀&page=2";

        var response = await browser.GetAsync($"/culture/set?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/customers?q=%E5%BC%A0%E4%B8%89%20%F0%9F%98%80&page=2", RawLocation(response));
    }

    [Fact]
    public async Task Signing_in_from_a_chinese_return_address_goes_back_to_it_encoded()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.SignInAsync("viewer", DemoOptions.DemoPassword, $"{SignInForm.LoginPath}?ReturnUrl={Uri.EscapeDataString("/客户")}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = response.RedirectTarget(browser);
        Assert.Equal(browser.BaseAddress!.Authority, target.Authority);
        Assert.Equal(ChinesePath, target.AbsolutePath);
    }

    [Theory]
    [InlineData("/客户")]
    [InlineData("/customers?q=张三")]
    [InlineData("/customers#客户")]
    [InlineData("/客户 列表")]
    [InlineData("/\uFEFF客户")]
    [InlineData("/\uD800")]
    [InlineData("/%E5%AE%A2%E6%88%B7")]
    public async Task Signing_in_from_a_return_address_in_any_script_goes_back_with_an_ascii_location(string returnUrl)
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.SignInAsync("viewer", DemoOptions.DemoPassword, $"{SignInForm.LoginPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.All(RawLocation(response), c => Assert.InRange(c, '!', '~'));
        Assert.Equal(browser.BaseAddress!.Authority, response.RedirectTarget(browser).Authority);
    }

    [Theory]
    [InlineData("//evil.example/客户")]
    [InlineData("/\\evil.example/客户")]
    [InlineData("https://evil.example/客户")]
    [InlineData("/\r\nSet-Cookie: x=客户")]
    [InlineData("/\u0000客户")]
    [InlineData("\u3000//evil.example/")]
    [InlineData("//\u0301evil.example/")]
    [InlineData("/\\\u0301evil.example/")]
    public async Task A_foreign_or_broken_return_address_with_chinese_in_it_goes_home(string returnUrl)
    {
        using var browser = factory.CreateBrowser();

        var cultureResponse = await browser.GetAsync($"/culture/set?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}");
        var signInResponse = await browser.SignInAsync("viewer", DemoOptions.DemoPassword,
            $"{SignInForm.LoginPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal((HttpStatusCode.Redirect, "/"), (cultureResponse.StatusCode, RawLocation(cultureResponse)));
        Assert.Equal(HttpStatusCode.Redirect, signInResponse.StatusCode);
        Assert.Equal((browser.BaseAddress!.Authority, "/"), (signInResponse.RedirectTarget(browser).Authority, signInResponse.RedirectTarget(browser).AbsolutePath));
    }

    [Theory]
    [InlineData("")]
    [InlineData("xx-YY")]
    [InlineData("简体中文")]
    [InlineData("../../etc")]
    [InlineData("en\u0000")]
    [InlineData("en;c=fr|uic=fr")]
    [InlineData(null)]
    public async Task An_absurd_language_choice_goes_back_and_keeps_the_portal_in_a_language_it_speaks(string? culture)
    {
        using var browser = factory.CreateBrowser();
        var query = culture is null ? "" : $"culture={Uri.EscapeDataString(culture)}&";

        var response = await browser.GetAsync($"/culture/set?{query}returnUrl=%2Faccount%2Flogin");
        var page = await Html.ReadAsync(await browser.GetAsync(SignInForm.LoginPath));

        Assert.Equal((HttpStatusCode.Redirect, "/account/login"), (response.StatusCode, RawLocation(response)));
        Assert.Contains(page.DocumentElement.GetAttribute("lang"), Cultures);
    }

    [Fact]
    public async Task A_huge_language_choice_or_return_address_is_no_server_error()
    {
        using var browser = factory.CreateBrowser();
        var huge = new string('客', 3000);

        var response = await browser.GetAsync($"/culture/set?culture={Uri.EscapeDataString(huge)}&returnUrl={Uri.EscapeDataString("/" + huge)}");

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
    }
}
