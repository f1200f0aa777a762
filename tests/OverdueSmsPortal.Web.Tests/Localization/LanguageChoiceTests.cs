using System.Net;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Localization;

/// <summary><c>/culture/set</c>: the language switch stores the choice and goes back, never elsewhere.</summary>
public sealed class LanguageChoiceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Choosing_a_language_returns_to_the_page_the_user_was_on()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.GetAsync("/culture/set?culture=en&returnUrl=%2Fcustomers%3Fpage%3D2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/customers?page=2", response.RedirectTarget(browser).PathAndQuery);
    }

    [Fact]
    public async Task Choosing_a_language_remembers_it_in_the_culture_cookie()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.GetAsync("/culture/set?culture=en&returnUrl=%2F");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.StartsWith(".AspNetCore.Culture=" + Uri.EscapeDataString("c=en|uic=en"), cookie);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    public async Task Choosing_a_language_never_sends_the_user_to_another_site(string returnUrl)
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.GetAsync($"/culture/set?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectTarget(browser).PathAndQuery);
    }
}
