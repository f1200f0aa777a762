using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Account;

/// <summary>
/// A session ends on the server, not only in the browser: a <c>portal.auth</c> cookie copied before a
/// sign-out, a password reset, a role change or a lock opens nothing afterwards, and an open page
/// (a Blazor circuit) of that user loses its access at once, not at the next periodic re-check.
/// </summary>
public sealed class SessionEndTests(KestrelPortalFactory factory) : IClassFixture<KestrelPortalFactory>
{
    private const string Password = "Session-Pass-2026";
    private const string CustomerPage = "/customers/1";

    private async Task<(string Id, string UserName)> GivenViewerAsync()
    {
        var userName = "session-" + Guid.NewGuid().ToString("N")[..8];
        var result = await factory.WithServicesAsync(services => services.GetRequiredService<UserAdministration>()
            .CreateAsync(userName, "会话用户", Password, [PortalRoles.Viewer], TestActors.Admin));
        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        var id = await factory.WithServicesAsync(async services =>
            (await services.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(userName))!.Id);
        return (id, userName);
    }

    /// <summary>Signs in and returns the auth cookie, after checking that it opens the customer page.</summary>
    private async Task<string> CopiedCookieAsync(string userName)
    {
        using var browser = factory.CreateBrowser();
        var cookie = SignInForm.AuthCookieOf(await browser.SignInAsync(userName, Password));
        Assert.Equal(HttpStatusCode.OK, (await factory.GetWithCookieAsync(CustomerPage, cookie)).StatusCode);
        return cookie;
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal(SignInForm.LoginPath, target.AbsolutePath, StringComparer.OrdinalIgnoreCase);
    }

    private Task ChangeAsync(Func<UserAdministration, Task<UserChangeResult>> change) => factory.WithServicesAsync(async services =>
        Assert.True((await change(services.GetRequiredService<UserAdministration>())).Succeeded));

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_sign_out_like_an_anonymous_request()
    {
        var (_, userName) = await GivenViewerAsync();
        var cookie = await CopiedCookieAsync(userName);

        Assert.Equal(HttpStatusCode.Redirect, (await factory.SignOutAsync(userName, cookie)).StatusCode);

        AssertSentToSignIn(await factory.GetWithCookieAsync(CustomerPage, cookie));
    }

    [Fact]
    public async Task A_user_who_signed_out_can_sign_in_again_and_work()
    {
        var (_, userName) = await GivenViewerAsync();
        await factory.SignOutAsync(userName, await CopiedCookieAsync(userName));

        var again = await CopiedCookieAsync(userName);

        Assert.Equal(HttpStatusCode.OK, (await factory.GetWithCookieAsync(CustomerPage, again)).StatusCode);
    }

    [Fact]
    public async Task A_cookie_copied_before_an_admin_resets_the_password_is_refused_at_once()
    {
        var (id, userName) = await GivenViewerAsync();
        var cookie = await CopiedCookieAsync(userName);

        await ChangeAsync(users => users.ResetPasswordAsync(id, "Reset-Pass-2027", TestActors.Admin));

        AssertSentToSignIn(await factory.GetWithCookieAsync(CustomerPage, cookie));
    }

    [Fact]
    public async Task A_cookie_copied_before_an_admin_changes_the_roles_is_refused_at_once()
    {
        var (id, userName) = await GivenViewerAsync();
        var cookie = await CopiedCookieAsync(userName);

        await ChangeAsync(users => users.SetRolesAsync(id, [PortalRoles.Viewer, PortalRoles.Author], TestActors.Admin));

        AssertSentToSignIn(await factory.GetWithCookieAsync(CustomerPage, cookie));
    }

    [Fact]
    public async Task A_cookie_copied_before_an_admin_locks_the_user_is_refused_at_once()
    {
        var (id, userName) = await GivenViewerAsync();
        var cookie = await CopiedCookieAsync(userName);

        await ChangeAsync(users => users.SetLockedAsync(id, true, TestActors.Admin));

        AssertSentToSignIn(await factory.GetWithCookieAsync(CustomerPage, cookie));
    }

    [Fact]
    public async Task An_open_page_of_a_user_an_admin_locks_loses_its_access_at_once()
    {
        var (id, userName) = await GivenViewerAsync();
        await using var circuit = await OpenCircuitAsync(userName);

        await ChangeAsync(users => users.SetLockedAsync(id, true, TestActors.Admin));

        await circuit.AssertSignedOutWithinAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_open_page_of_a_user_who_signs_out_in_another_tab_loses_its_access_at_once()
    {
        var (_, userName) = await GivenViewerAsync();
        var cookie = await CopiedCookieAsync(userName);
        await using var circuit = await OpenCircuitAsync(userName);

        await factory.SignOutAsync(userName, cookie);

        await circuit.AssertSignedOutWithinAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_open_page_of_another_user_stays_signed_in_when_a_colleague_is_locked()
    {
        var (id, _) = await GivenViewerAsync();
        var (_, colleague) = await GivenViewerAsync();
        await using var circuit = await OpenCircuitAsync(colleague);

        await ChangeAsync(users => users.SetLockedAsync(id, true, TestActors.Admin));

        // Nothing to poll for when nothing should happen: give a wrong revalidation the time it would need.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(await circuit.IsSignedInAsync());
    }

    /// <summary>
    /// The authentication state of a live page: the portal's own provider in a scope of its own, as a
    /// circuit has, given the principal the user's sign-in cookie carries.
    /// </summary>
    private async Task<Circuit> OpenCircuitAsync(string userName)
    {
        var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = (await services.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(userName))!;
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        var provider = services.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var circuit = new Circuit(scope, provider);
        Assert.True(await circuit.IsSignedInAsync());
        return circuit;
    }

    private sealed class Circuit(AsyncServiceScope scope, AuthenticationStateProvider provider) : IAsyncDisposable
    {
        public async Task<bool> IsSignedInAsync() =>
            (await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

        public async Task AssertSignedOutWithinAsync(TimeSpan deadline)
        {
            var until = DateTime.UtcNow + deadline;
            while (await IsSignedInAsync())
            {
                Assert.True(DateTime.UtcNow < until, $"The open page was still signed in after {deadline.TotalSeconds} s.");
                await Task.Delay(50);
            }
            Assert.Null((await provider.GetAuthenticationStateAsync()).User.FindFirst(ClaimTypes.NameIdentifier));
        }

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
