using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Web.Tests.Hosting;
using static OverdueSmsPortal.Web.Tests.Api.ApiRequests;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>Who may call the JSON API: holders of the bootstrap key or of an active issued key.</summary>
public sealed class ApiKeyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Request_without_a_key_is_refused_with_a_401_problem()
    {
        using var client = factory.CreateApiClient(key: null);

        var response = await client.PostCustomersAsync(ACustomer("KEY-NONE"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("An API key is required.", (string?)problem["title"]);
    }

    [Fact]
    public async Task Request_with_an_unknown_key_is_refused_with_a_401_problem()
    {
        using var client = factory.CreateApiClient("osp_not-a-key-anyone-issued");

        var response = await client.PostCustomersAsync(ACustomer("KEY-WRONG"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("The API key is not valid.", (string?)problem["title"]);
    }

    [Fact]
    public async Task Request_with_the_configured_bootstrap_key_is_accepted()
    {
        using var client = factory.CreateApiClient(PortalFactory.BootstrapKey);

        var response = await client.PostCustomersAsync(ACustomer("KEY-BOOTSTRAP"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Key_issued_by_an_admin_is_accepted()
    {
        var issued = await IssueKeyAsync("core banking nightly sync");
        using var client = factory.CreateApiClient(issued.Secret);

        var response = await client.PostCustomersAsync(ACustomer("KEY-ISSUED"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoked_key_is_refused_with_a_401_problem()
    {
        var issued = await IssueKeyAsync("retired integration");
        await factory.WithServicesAsync(services =>
            services.GetRequiredService<ApiKeyService>().RevokeAsync(issued.Key.Id, TestActors.Admin));
        using var client = factory.CreateApiClient(issued.Secret);

        var response = await client.PostCustomersAsync(ACustomer("KEY-REVOKED"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("The API key is not valid.", (string?)problem["title"]);
    }

    [Fact]
    public async Task A_key_is_rotated_by_issuing_a_new_one_using_both_then_revoking_the_old_one()
    {
        var old = await IssueKeyAsync("core banking 2026");
        var successor = await IssueKeyAsync("core banking 2027");
        using var oldClient = factory.CreateApiClient(old.Secret);
        using var newClient = factory.CreateApiClient(successor.Secret);
        Assert.Equal(HttpStatusCode.OK, (await oldClient.PostCustomersAsync(ACustomer("KEY-ROTATE-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.PostCustomersAsync(ACustomer("KEY-ROTATE-2"))).StatusCode);

        await factory.WithServicesAsync(services => services.GetRequiredService<ApiKeyService>().RevokeAsync(old.Key.Id, TestActors.Admin));

        Assert.Equal(HttpStatusCode.Unauthorized, (await oldClient.PostCustomersAsync(ACustomer("KEY-ROTATE-3"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.PostCustomersAsync(ACustomer("KEY-ROTATE-4"))).StatusCode);
    }

    [Fact]
    public async Task A_key_that_shares_an_issued_key_s_prefix_but_not_its_secret_is_refused()
    {
        var issued = await IssueKeyAsync("prefix probe");
        var forged = issued.Secret[..10] + new string('0', issued.Secret.Length - 10);
        using var client = factory.CreateApiClient(forged);

        var response = await client.PostCustomersAsync(ACustomer("KEY-FORGED"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<ApiKeyService.IssuedKey> IssueKeyAsync(string name) =>
        factory.WithServicesAsync(services => services.GetRequiredService<ApiKeyService>().IssueAsync(name, TestActors.Admin));
}
