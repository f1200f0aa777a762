using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>
/// A fault the portal did not foresee inside an API endpoint: the caller gets a 500 problem document
/// that names no exception, shows no stack and no message of the fault, in Development (where pages
/// show the developer exception page) as in Production (where pages show the error page).
/// </summary>
public sealed class ApiFaultTests
{
    private const string Secret = "internal detail the caller must never read";

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task An_unforeseen_fault_in_an_endpoint_is_a_500_problem_without_the_exception(string environment)
    {
        await using var factory = new FaultyEndpointPortalFactory(environment);
        using var client = factory.CreateApiClient();

        using var response = await client.PostAsync("/api/v1/replies/classify",
            new StringContent("""{"text": "明天还"}""", Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":500", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }

    /// <summary>The portal whose reply rules cannot be loaded: every classify call meets an exception.</summary>
    private sealed class FaultyEndpointPortalFactory(string environment) : PortalFactory(environment)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Start-up reads the rules too: only a request meets the fault.
            builder.ConfigureTestServices(services => services.AddScoped(provider =>
                provider.GetRequiredService<IHttpContextAccessor>().HttpContext is null
                    ? ActivatorUtilities.CreateInstance<ReplyRuleStore>(provider)
                    : throw new InvalidOperationException(Secret)));
        }
    }
}
