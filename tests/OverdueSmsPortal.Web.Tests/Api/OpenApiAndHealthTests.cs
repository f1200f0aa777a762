using System.Net;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>The API description is for key holders; the health probe is for anyone and tells nothing else.</summary>
public sealed class OpenApiAndHealthTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OpenApiPath = "/openapi/v1.json";

    [Fact]
    public async Task OpenApi_document_describes_the_customers_endpoint_to_key_holders()
    {
        using var client = factory.CreateApiClient();

        var response = await client.GetAsync(OpenApiPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = await response.ReadJsonAsync();
        var paths = document["paths"]!.AsObject().Select(path => path.Key);
        Assert.Contains(paths, path => path.TrimEnd('/') == ApiRequests.CustomersPath);
    }

    [Fact]
    public async Task OpenApi_document_is_refused_without_a_key()
    {
        using var client = factory.CreateApiClient(key: null);

        var response = await client.GetAsync(OpenApiPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Fact]
    public async Task Health_probe_answers_anonymous_callers_with_the_status_word_only()
    {
        using var client = factory.CreateBrowser();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
