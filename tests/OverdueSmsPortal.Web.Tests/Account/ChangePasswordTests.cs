using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Account;

/// <summary>
/// Every user changes their own password at /account/password: Identity's rules hold, the change is
/// audited without the password, the user's other sessions end and this one goes on.
/// </summary>
public sealed class ChangePasswordTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Password = "Change-Pass-2026";
    private const string NewPassword = "Changed-Pass-2027";
    private const string CustomerPage = "/customers/1";

    private async Task<string> GivenUserAsync(string role = PortalRoles.Viewer)
    {
        var userName = "changer-" + Guid.NewGuid().ToString("N")[..8];
        var result = await factory.WithServicesAsync(services => services.GetRequiredService<UserAdministration>()
            .CreateAsync(userName, "改密用户", Password, [role], TestActors.Admin));
        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        return userName;
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var browser = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(userName, Password)).StatusCode);
        return browser;
    }

    private Task<List<AuditEntry>> EntriesOfAsync(string actor) => factory.WithDatabaseAsync(db =>
        db.AuditEntries.AsNoTracking().Where(e => e.Actor == actor && e.EntityType == AuditNames.User).OrderBy(e => e.Id).ToListAsync());

    private Task<bool> PasswordIsAsync(string userName, string password) => factory.WithServicesAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(userName))!, password);
    });

    [Theory]
    [InlineData(PortalRoles.Viewer)]
    [InlineData(PortalRoles.Author)]
    [InlineData(PortalRoles.Approver)]
    [InlineData(PortalRoles.Admin)]
    public async Task Any_user_changes_their_password_and_signs_in_with_the_new_one(string role)
    {
        var userName = await GivenUserAsync(role);
        using var browser = await SignedInAsync(userName);

        var response = await browser.ChangePasswordAsync(Password, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await Html.ReadAsync(response)).QuerySelector("[data-testid=password-changed]"));
        Assert.True(await PasswordIsAsync(userName, NewPassword));
        Assert.False(await PasswordIsAsync(userName, Password));
    }

    [Fact]
    public async Task The_session_that_changed_the_password_stays_signed_in()
    {
        var userName = await GivenUserAsync();
        using var browser = await SignedInAsync(userName);

        await browser.ChangePasswordAsync(Password, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(CustomerPage)).StatusCode);
    }

    [Fact]
    public async Task A_session_on_another_device_ends_when_the_password_changes()
    {
        var userName = await GivenUserAsync();
        using var other = await SignedInAsync(userName);
        using var browser = await SignedInAsync(userName);

        await browser.ChangePasswordAsync(Password, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(CustomerPage)).StatusCode);
    }

    [Fact]
    public async Task A_change_is_audited_without_either_password()
    {
        var userName = await GivenUserAsync();
        using var browser = await SignedInAsync(userName);

        await browser.ChangePasswordAsync(Password, NewPassword, NewPassword);

        var entry = Assert.Single(await EntriesOfAsync(userName), e => e.Action == AuditNames.PasswordChanged);
        Assert.DoesNotContain(Password, $"{entry.Before}{entry.After}");
        Assert.DoesNotContain(NewPassword, $"{entry.Before}{entry.After}");
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_with_a_clear_message_and_counted_toward_lockout()
    {
        var userName = await GivenUserAsync();
        using var browser = await SignedInAsync(userName);

        var page = await Html.ReadAsync(await browser.ChangePasswordAsync("Not-My-Pass-2026", NewPassword, NewPassword));

        Assert.Contains("当前密码不正确", page.QuerySelector("[data-testid=password-error]")?.TextContent);
        Assert.True(await PasswordIsAsync(userName, Password));
        var failures = await factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            return await users.GetAccessFailedCountAsync((await users.FindByNameAsync(userName))!);
        });
        Assert.Equal(1, failures);
        Assert.Single(await EntriesOfAsync(userName), e => e.Action == AuditNames.PasswordChangeFailed);
    }

    [Fact]
    public async Task Guessing_the_current_password_from_an_open_session_locks_the_account_and_ends_the_session()
    {
        var userName = await GivenUserAsync();
        using var browser = await SignedInAsync(userName);

        HttpResponseMessage last = default!;
        for (var i = 0; i < 5; i++)
        {
            last = await browser.ChangePasswordAsync($"Guess-{i}-Pass-2026", NewPassword, NewPassword);
        }

        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(CustomerPage)).StatusCode);
        Assert.True(await PasswordIsAsync(userName, Password));
    }

    [Theory]
    [InlineData("", "Changed-Pass-2027", "Changed-Pass-2027", "请输入当前密码")]
    [InlineData("Change-Pass-2026", "", "", "请输入新密码")]
    [InlineData("Change-Pass-2026", "Change-Pass-2026", "Change-Pass-2026", "新密码不能与当前密码相同")]
    [InlineData("Change-Pass-2026", "Changed-Pass-2027", "Changed-Pass-2028", "两次输入的新密码不一致")]
    [InlineData("Change-Pass-2026", "short1A", "short1A", "密码太短")]
    [InlineData("Change-Pass-2026", "alllowercase2027", "alllowercase2027", "大写字母")]
    public async Task A_form_that_breaks_a_rule_changes_nothing_and_says_which_rule(string current, string next, string confirm, string message)
    {
        var userName = await GivenUserAsync();
        using var browser = await SignedInAsync(userName);

        var response = await browser.ChangePasswordAsync(current, next, confirm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await Html.ReadAsync(response)).Body!.TextContent);
        Assert.True(await PasswordIsAsync(userName, Password));
    }

    [Fact]
    public async Task A_ten_kilobyte_password_is_refused_without_an_error_page()
    {
        var userName = await GivenUserAsync();
        using var browser = await SignedInAsync(userName);
        var huge = "Aa1" + new string('密', 10_000);

        var response = await browser.ChangePasswordAsync(Password, huge, huge);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("密码不能超过 128 个字符", (await Html.ReadAsync(response)).Body!.TextContent);
        Assert.True(await PasswordIsAsync(userName, Password));
    }

    [Fact]
    public async Task A_non_ascii_password_that_meets_the_rules_is_accepted()
    {
        var userName = await GivenUserAsync();
        using var browser = await SignedInAsync(userName);
        const string chinese = "还款提醒Pass2027密码";

        await browser.ChangePasswordAsync(Password, chinese, chinese);

        Assert.True(await PasswordIsAsync(userName, chinese));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_changes_nothing()
    {
        var userName = await GivenUserAsync();
        using var browser = await SignedInAsync(userName);

        var response = await browser.PostAsync(ChangePasswordForm.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password",
            ["Input.CurrentPassword"] = Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await PasswordIsAsync(userName, Password));
    }
}

/// <summary>Fills in and posts the change-password form as a browser does.</summary>
public static class ChangePasswordForm
{
    public const string Path = "/account/password";

    public static async Task<HttpResponseMessage> ChangePasswordAsync(this HttpClient browser, string current, string next, string confirm)
    {
        var page = await Html.ReadAsync(await browser.GetAsync(Path));
        var token = page.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The change-password page has no form with an antiforgery token.");
        return await browser.PostAsync(Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password",
            ["__RequestVerificationToken"] = token,
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        }));
    }
}
