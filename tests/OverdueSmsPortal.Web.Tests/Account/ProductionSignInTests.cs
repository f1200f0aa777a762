using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Account;

/// <summary>Outside Development the published demo password must never open the portal.</summary>
public sealed class ProductionSignInTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task Demo_users_are_not_created_outside_development()
    {
        var admin = await factory.WithServicesAsync(services =>
            services.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync("admin"));

        Assert.Null(admin);
    }

    [Fact]
    public async Task Demo_password_is_refused_outside_development_even_when_it_is_the_users_password()
    {
        await CreateAdminAsync("ops-lead", DemoOptions.DemoPassword);
        using var browser = factory.CreateBrowser();

        var response = await browser.SignInAsync("ops-lead", DemoOptions.DemoPassword);

        var page = await Html.ReadAsync(response);
        Assert.Equal("演示密码仅可在开发环境中使用。请让管理员为您设置新密码。", page.QuerySelector("[data-testid=login-error]")?.TextContent);
        Assert.DoesNotContain(SignInForm.AuthCookieName, response.CookiesSet());
    }

    [Fact]
    public async Task User_with_a_password_of_their_own_signs_in_outside_development()
    {
        await CreateAdminAsync("ops-manager", "Lender-Ops-Manager-7");
        using var browser = factory.CreateBrowser();

        var response = await browser.SignInAsync("ops-manager", "Lender-Ops-Manager-7");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(SignInForm.AuthCookieName, response.CookiesSet());
    }

    private Task CreateAdminAsync(string userName, string password) =>
        factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = userName, DisplayName = userName, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, PortalRoles.Admin)).Succeeded);
        });
}
