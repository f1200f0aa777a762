using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Account;

/// <summary>
/// Each sign-in, failed sign-in, lockout and sign-out is in the audit trail, with the reason of a
/// refusal and never the password typed; the lockout after five failures holds against the right password.
/// </summary>
public sealed class SignInAuditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Password = "Audited-Pass-2026";
    private const string WrongPassword = "Typed-Wrong-Secret-77";

    private async Task<string> GivenUserAsync()
    {
        var userName = "audited-" + Guid.NewGuid().ToString("N")[..8];
        var result = await factory.WithServicesAsync(services => services.GetRequiredService<UserAdministration>()
            .CreateAsync(userName, "审计用户", Password, [PortalRoles.Viewer], TestActors.Admin));
        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        return userName;
    }

    private Task<List<AuditEntry>> EntriesOfAsync(string actor) => factory.WithDatabaseAsync(db =>
        db.AuditEntries.AsNoTracking().Where(e => e.Actor == actor && e.EntityType == AuditNames.User).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task A_sign_in_is_audited_with_the_user_and_no_password()
    {
        var userName = await GivenUserAsync();
        using var browser = factory.CreateBrowser();

        await browser.SignInAsync(userName, Password);

        var entry = Assert.Single(await EntriesOfAsync(userName), e => e.Action == AuditNames.SignedIn);
        Assert.NotEmpty(entry.EntityId);
        Assert.DoesNotContain(Password, $"{entry.Before}{entry.After}");
    }

    [Fact]
    public async Task A_wrong_password_is_audited_as_a_bad_password_without_the_password_typed()
    {
        var userName = await GivenUserAsync();
        using var browser = factory.CreateBrowser();

        await browser.SignInAsync(userName, WrongPassword);

        var entry = Assert.Single(await EntriesOfAsync(userName), e => e.Action == AuditNames.SignInFailed);
        Assert.Contains("\"reason\":\"BadPassword\"", entry.After);
        Assert.DoesNotContain(WrongPassword, $"{entry.Before}{entry.After}");
    }

    [Fact]
    public async Task An_unknown_user_name_is_audited_as_unknown_under_the_name_typed()
    {
        var typed = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        using var browser = factory.CreateBrowser();

        await browser.SignInAsync(typed, WrongPassword);

        var entry = Assert.Single(await EntriesOfAsync(typed));
        Assert.Equal((AuditNames.SignInFailed, ""), (entry.Action, entry.EntityId));
        Assert.Contains("\"reason\":\"UnknownUser\"", entry.After);
        Assert.DoesNotContain(WrongPassword, entry.After);
    }

    [Fact]
    public async Task After_five_failures_the_right_password_is_refused_with_the_one_refusal_message_and_the_lockout_is_audited()
    {
        var userName = await GivenUserAsync();
        using var browser = factory.CreateBrowser();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await browser.SignInAsync(userName, WrongPassword);
        }

        var sixth = await browser.SignInAsync(userName, Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.DoesNotContain(SignInForm.AuthCookieName, sixth.CookiesSet());
        var page = await Html.ReadAsync(sixth);
        Assert.Equal("用户名或密码不正确，或账号已被锁定。请核对后重试；如仍无法登录，请联系管理员。", page.QuerySelector("[data-testid=login-error]")?.TextContent);
        var entries = await EntriesOfAsync(userName);
        Assert.Single(entries, e => e.Action == AuditNames.LockedOut);
        Assert.Equal(6, entries.Count(e => e.Action == AuditNames.SignInFailed));
        Assert.Contains("\"reason\":\"LockedOut\"", entries.Last(e => e.Action == AuditNames.SignInFailed).After);
        Assert.DoesNotContain(entries, e => e.Action == AuditNames.SignedIn);
    }

    [Fact]
    public async Task A_sign_out_is_audited()
    {
        var userName = await GivenUserAsync();
        using var browser = factory.CreateBrowser();
        var signedIn = await browser.SignInAsync(userName, Password);
        var authCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SignInForm.AuthCookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        // The sign-out form lives in the user menu, which only the live page renders: make its tokens as the page would.
        var tokens = await factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync((await users.FindByNameAsync(userName))!);
            return services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(new DefaultHttpContext { RequestServices = services, User = principal });
        });
        using var client = factory.CreateApiClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokens.RequestToken! }),
        };
        request.Headers.Add("Cookie", $"{authCookie}; portal.antiforgery={tokens.CookieToken}");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await EntriesOfAsync(userName), e => e.Action == AuditNames.SignedOut);
    }

    [Theory]
    [InlineData("Short1a", "PasswordTooShort")]
    [InlineData("no-upper-case-1", "PasswordRequiresUpper")]
    [InlineData("NO-LOWER-CASE-1", "PasswordRequiresLower")]
    [InlineData("No-Digits-Here", "PasswordRequiresDigit")]
    public async Task A_password_that_breaks_the_policy_is_refused(string password, string error) =>
        Assert.Contains(error, await PolicyErrorsAsync(password));

    [Fact]
    public async Task A_password_of_ten_characters_with_upper_and_lower_case_and_a_digit_is_accepted() =>
        Assert.Empty(await PolicyErrorsAsync("Abcdefgh12"));

    /// <summary>The codes of the rules <paramref name="password"/> breaks, by the portal's own password validators.</summary>
    private Task<List<string>> PolicyErrorsAsync(string password) => factory.WithServicesAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = "policy-probe" };
        var results = await Task.WhenAll(users.PasswordValidators.Select(v => v.ValidateAsync(users, user, password)));
        return results.SelectMany(r => r.Errors).Select(e => e.Code).ToList();
    });
}
