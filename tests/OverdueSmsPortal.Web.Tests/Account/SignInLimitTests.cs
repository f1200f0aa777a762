using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Account;

/// <summary>
/// The sign-in limit (3 posts a minute per address and user name in <see cref="LimitedPortalFactory"/>)
/// counts the one user name the sign-in acts on: repeating the field, or spelling the name so that
/// the limiter and the user store read it differently, buys no extra guesses.
/// </summary>
public sealed class SignInLimitTests(LimitedPortalFactory factory) : IClassFixture<LimitedPortalFactory>
{
    private const string WrongPassword = "Guessed-Wrong-2026";

    private async Task<string> GivenUserAsync(string prefix)
    {
        var userName = prefix + Guid.NewGuid().ToString("N")[..8];
        var result = await factory.WithServicesAsync(services => services.GetRequiredService<UserAdministration>()
            .CreateAsync(userName, "限流用户", "Limited-Pass-2026", [PortalRoles.Viewer], TestActors.Admin));
        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        return userName;
    }

    /// <summary>The sign-in form as a browser posts it, with <paramref name="fields"/> after the token, repeated as given.</summary>
    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, params (string Name, string Value)[] fields)
    {
        var page = await Html.ReadAsync(await browser.GetAsync(SignInForm.LoginPath));
        var token = page.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new List<KeyValuePair<string, string>> { new("_handler", "login"), new("__RequestVerificationToken", token) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await browser.PostAsync(SignInForm.LoginPath, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task A_sign_in_form_with_the_user_name_field_repeated_is_a_bad_request()
    {
        var userName = await GivenUserAsync("twice-");
        using var browser = factory.CreateBrowser();

        var response = await PostSignInAsync(browser,
            ("Input.UserName", userName), ("Input.UserName", "padding-" + Guid.NewGuid()), ("Input.Password", WrongPassword));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Repeating_the_user_name_field_buys_no_guesses_beyond_the_limit()
    {
        var userName = await GivenUserAsync("repeat-");
        using var browser = factory.CreateBrowser();
        var answers = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 3 * LimitedPortalFactory.SignInPermits; attempt++)
        {
            var response = await PostSignInAsync(browser,
                ("Input.UserName", userName), ("Input.UserName", "padding-" + attempt), ("Input.Password", WrongPassword));
            answers.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.OK, answers);
        Assert.Equal(0, await FailedAttemptsOfAsync(userName));
    }

    [Fact]
    public async Task A_name_spelt_with_a_long_s_counts_against_the_same_limit_as_the_name_it_signs_in_as()
    {
        // Identity finds "ſeſſion-…" as "session-…" (both upper-case to "SESSION-…"): it must be the same bucket.
        var userName = await GivenUserAsync("session-");
        using var browser = factory.CreateBrowser();
        for (var attempt = 0; attempt < LimitedPortalFactory.SignInPermits; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync(userName, WrongPassword)).StatusCode);
        }

        var response = await browser.SignInAsync(userName.Replace('s', 'ſ'), WrongPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task A_name_in_other_case_or_with_spaces_counts_against_the_same_limit()
    {
        var userName = await GivenUserAsync("case-");
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(userName, WrongPassword);
        await browser.SignInAsync(userName.ToUpperInvariant(), WrongPassword);
        await browser.SignInAsync($"  {userName}  ", WrongPassword);

        var response = await browser.SignInAsync(userName, WrongPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task Another_user_name_from_the_same_address_is_not_held_back()
    {
        var busy = await GivenUserAsync("busy-");
        var other = await GivenUserAsync("other-");
        using var browser = factory.CreateBrowser();
        for (var attempt = 0; attempt <= LimitedPortalFactory.SignInPermits; attempt++)
        {
            await browser.SignInAsync(busy, WrongPassword);
        }

        var response = await browser.SignInAsync(other, WrongPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<int> FailedAttemptsOfAsync(string userName) => factory.WithServicesAsync(async services =>
    {
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByNameAsync(userName))!);
    });
}
