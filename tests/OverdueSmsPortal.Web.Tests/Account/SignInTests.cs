using System.Net;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Account;

/// <summary>The sign-in page over HTTP, in the Development environment where the demo users exist.</summary>
public sealed class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Sign_in_page_speaks_Simplified_Chinese_by_default()
    {
        using var browser = factory.CreateBrowser();

        var page = await Html.ReadAsync(await browser.GetAsync(SignInForm.LoginPath));

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("登录", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Sign_in_page_speaks_English_once_the_visitor_chose_it()
    {
        using var browser = factory.CreateBrowser();
        var choice = await browser.GetAsync("/culture/set?culture=en&returnUrl=/account/login");
        Assert.Equal(HttpStatusCode.Redirect, choice.StatusCode);

        var page = await Html.ReadAsync(await browser.GetAsync(SignInForm.LoginPath));

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Demo_admin_signs_in_and_is_sent_to_the_dashboard_with_the_auth_cookie()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.SignInAsync("admin", DemoOptions.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectTarget(browser).AbsolutePath);
        Assert.Contains(SignInForm.AuthCookieName, response.CookiesSet());
    }

    [Fact]
    public async Task After_signing_in_the_user_returns_to_the_page_they_asked_for()
    {
        using var browser = factory.CreateBrowser();
        var askedFor = await browser.GetAsync("/users");

        var response = await browser.SignInAsync("admin", DemoOptions.DemoPassword, askedFor.RedirectTarget(browser).PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/users", response.RedirectTarget(browser).AbsolutePath);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    public async Task Sign_in_never_sends_the_user_to_another_site(string returnUrl)
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.SignInAsync("admin", DemoOptions.DemoPassword,
            $"{SignInForm.LoginPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(browser.BaseAddress!.Authority, response.RedirectTarget(browser).Authority);
    }

    [Fact]
    public async Task Signed_in_user_is_served_the_customer_list()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync("viewer", DemoOptions.DemoPassword);

        var response = await browser.GetAsync("/customers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_shows_the_sign_in_error_and_sets_no_auth_cookie()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.SignInAsync("author", "Not-The-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.Equal("用户名或密码不正确，或账号已被锁定。请核对后重试；如仍无法登录，请联系管理员。", page.QuerySelector("[data-testid=login-error]")?.TextContent);
        Assert.DoesNotContain(SignInForm.AuthCookieName, response.CookiesSet());
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_user_stays_signed_in()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync("viewer", DemoOptions.DemoPassword);

        var response = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/customers")).StatusCode);
    }
}
