using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Web.Tests.Account;
using OverdueSmsPortal.Web.Tests.Hosting;
using static OverdueSmsPortal.Web.Tests.Api.ApiRequests;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>
/// The rate limiter on the public endpoints, with the small limits of <see cref="LimitedPortalFactory"/>:
/// the API per key, Kannel's callbacks per address, sign-in per address and user name.
/// </summary>
public sealed class RateLimitTests(LimitedPortalFactory factory) : IClassFixture<LimitedPortalFactory>
{
    private Task<string> IssueKeyAsync(string name) => factory.WithServicesAsync(async services =>
        (await services.GetRequiredService<ApiKeyService>().IssueAsync(name, TestActors.Admin)).Secret);

    [Fact]
    public async Task Calls_within_the_limit_all_pass()
    {
        using var client = factory.CreateApiClient(await IssueKeyAsync("within"));

        for (var call = 1; call <= LimitedPortalFactory.ApiPermits; call++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostCustomersAsync(ACustomer($"RL-WITHIN-{call}"))).StatusCode);
        }
    }

    [Fact]
    public async Task A_key_over_its_limit_gets_a_429_problem_with_Retry_After_and_the_call_is_not_carried_out()
    {
        using var client = factory.CreateApiClient(await IssueKeyAsync("hammering"));
        for (var call = 1; call <= LimitedPortalFactory.ApiPermits; call++)
        {
            await client.PostCustomersAsync(ACustomer($"RL-OVER-{call}"));
        }

        var response = await client.PostCustomersAsync(ACustomer("RL-OVER-REFUSED"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.IsType<TimeSpan>(response.Headers.RetryAfter?.Delta);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var problem = await response.ReadProblemAsync();
        Assert.Equal(429, (int?)problem["status"]);
        Assert.Contains("Try again in", (string?)problem["detail"]);
        Assert.False(await factory.WithDatabaseAsync(db => Task.FromResult(db.Customers.Any(c => c.AccountRef == "RL-OVER-REFUSED"))));
    }

    [Fact]
    public async Task Another_key_is_not_held_back_by_a_key_over_its_limit()
    {
        using var busy = factory.CreateApiClient(await IssueKeyAsync("busy"));
        using var other = factory.CreateApiClient(await IssueKeyAsync("other"));
        for (var call = 0; call <= LimitedPortalFactory.ApiPermits; call++)
        {
            await busy.PostCustomersAsync(ACustomer($"RL-BUSY-{call}"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await busy.PostCustomersAsync(ACustomer("RL-BUSY-X"))).StatusCode);

        var response = await other.PostCustomersAsync(ACustomer("RL-OTHER-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Gateway_callbacks_over_the_limit_get_429_with_Retry_After()
    {
        using var kannel = factory.CreateApiClient(key: null);
        for (var call = 1; call <= LimitedPortalFactory.GatewayPermits; call++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await kannel.GetAsync("/api/v1/gateway/kannel/dlr?id=1&status=1")).StatusCode);
        }

        var response = await kannel.GetAsync("/api/v1/gateway/kannel/dlr?id=1&status=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Sign_in_posts_over_the_limit_for_one_user_name_get_429_while_another_user_name_still_signs_in()
    {
        using var browser = factory.CreateBrowser();
        for (var attempt = 1; attempt <= LimitedPortalFactory.SignInPermits; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync("approver", "Guess-Number-" + attempt)).StatusCode);
        }

        var refused = await browser.SignInAsync("approver", "Guess-Number-Four");
        var other = await browser.SignInAsync("admin", Infrastructure.Persistence.DemoOptions.DemoPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("登录尝试过于频繁", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }
}
