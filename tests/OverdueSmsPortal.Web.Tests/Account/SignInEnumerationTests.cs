using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Web.Tests.Account;

/// <summary>
/// An attacker who tries names cannot tell which ones are accounts: a refused sign-in takes as long
/// and says the same for an unknown name, a real one and a locked one.
/// </summary>
public sealed class SignInEnumerationTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private const string Password = "Enumerated-Pass-2026";
    private const string WrongPassword = "Guessed-Wrong-2026";
    private const int Attempts = 50;

    private async Task<string> GivenUserAsync()
    {
        var userName = "real-" + Guid.NewGuid().ToString("N")[..8];
        var result = await factory.WithServicesAsync(services => services.GetRequiredService<UserAdministration>()
            .CreateAsync(userName, "真实用户", Password, [PortalRoles.Viewer], TestActors.Admin));
        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        return userName;
    }

    private Task ForgetFailuresAsync(string userName) => factory.WithServicesAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        await users.ResetAccessFailedCountAsync((await users.FindByNameAsync(userName))!);
    });

    private Task LockAsync(string userName) => factory.WithServicesAsync(async services =>
    {
        var id = (await services.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(userName))!.Id;
        Assert.True((await services.GetRequiredService<UserAdministration>().SetLockedAsync(id, true, TestActors.Admin)).Succeeded);
    });

    /// <summary>How long the portal takes to answer one refused sign-in post (the page fetch before it is not counted).</summary>
    private async Task<double> TimeRefusalAsync(string userName)
    {
        using var browser = factory.CreateBrowser();
        var page = await Html.ReadAsync(await browser.GetAsync(SignInForm.LoginPath));
        var token = page.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = WrongPassword,
        });
        var watch = Stopwatch.StartNew();
        var response = await browser.PostAsync(SignInForm.LoginPath, form);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    [Fact]
    public async Task Unknown_real_and_locked_names_take_the_same_time_to_refuse()
    {
        var real = await GivenUserAsync();
        var locked = await GivenUserAsync();
        await LockAsync(locked);
        var unknown = new List<double>();
        var known = new List<double>();
        var lockedTimes = new List<double>();
        // Warm up every path once, so the first-call costs (JIT, the first hash) count for none of them.
        await TimeRefusalAsync("nobody-warm-up");
        await TimeRefusalAsync(real);
        await TimeRefusalAsync(locked);
        await ForgetFailuresAsync(real);

        // Interleaved, so that a noisy neighbour on the machine slows all three alike.
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            unknown.Add(await TimeRefusalAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]));
            known.Add(await TimeRefusalAsync(real));
            // Not timed: a real user's failures are forgotten so every timed attempt is a wrong password, not a lockout.
            await ForgetFailuresAsync(real);
            lockedTimes.Add(await TimeRefusalAsync(locked));
        }

        var (unknownMedian, knownMedian, lockedMedian) = (Median(unknown), Median(known), Median(lockedTimes));
        output.WriteLine($"median refusal over {Attempts} attempts each: unknown {unknownMedian:F1} ms, real {knownMedian:F1} ms, locked {lockedMedian:F1} ms");
        Assert.InRange(knownMedian / unknownMedian, 1 / 1.5, 1.5);
        Assert.InRange(knownMedian / lockedMedian, 1 / 1.5, 1.5);
    }

    [Fact]
    public async Task The_message_after_six_failures_is_the_same_for_a_real_an_unknown_and_a_locked_name()
    {
        var real = await GivenUserAsync();
        var lockedByAdmin = await GivenUserAsync();
        await LockAsync(lockedByAdmin);
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        var messages = new List<string?>();
        foreach (var name in new[] { real, unknown, lockedByAdmin })
        {
            using var browser = factory.CreateBrowser();
            HttpResponseMessage? last = null;
            for (var attempt = 1; attempt <= 6; attempt++)
            {
                last = await browser.SignInAsync(name, WrongPassword);
            }
            messages.Add((await Html.ReadAsync(last!)).QuerySelector("[data-testid=login-error]")?.TextContent);
        }

        Assert.NotNull(messages[0]);
        Assert.All(messages, message => Assert.Equal(messages[0], message));
    }

    [Fact]
    public async Task A_locked_out_user_who_types_the_right_password_gets_the_same_message_as_a_wrong_password()
    {
        var real = await GivenUserAsync();
        using var browser = factory.CreateBrowser();
        var first = await Html.ReadAsync(await browser.SignInAsync(real, WrongPassword));
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await browser.SignInAsync(real, WrongPassword);
        }

        var afterLockout = await Html.ReadAsync(await browser.SignInAsync(real, Password));

        Assert.Equal(first.QuerySelector("[data-testid=login-error]")?.TextContent,
            afterLockout.QuerySelector("[data-testid=login-error]")?.TextContent);
    }
}
