using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using OverdueSmsPortal.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>
/// The OpenAPI document as a client generator reads it: valid by Microsoft.OpenApi's reader and its full
/// validation rule set, OpenAPI 3.1, the key as a security scheme on every operation, one id per
/// operation, and every refusal the API contract promises listed with the problem shape.
/// </summary>
public sealed class OpenApiDocumentTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    internal static async Task<(OpenApiDocument Document, string Json)> ReadAsync(PortalFactory factory)
    {
        using var client = factory.CreateApiClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var settings = new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetDefaultRuleSet() };
        var result = OpenApiDocument.Parse(json, "json", settings);
        Assert.True(result.Diagnostic is { Errors.Count: 0 },
            "The document is not valid:\n" + string.Join("\n", result.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        return (result.Document!, json);
    }

    private static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (p.Key, o.Key, o.Value)));

    [Fact]
    public async Task The_document_is_valid_OpenApi_3_1_by_the_reader_and_its_validation_rules()
    {
        var (document, json) = await ReadAsync(factory);
        output.WriteLine(json);

        Assert.StartsWith("{\n  \"openapi\": \"3.1", json.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(Operations(document).Count() >= 10);
    }

    [Fact]
    public async Task Every_operation_demands_a_key_or_the_gateway_token_through_a_security_scheme()
    {
        var (document, _) = await ReadAsync(factory);

        Assert.Equal(SecuritySchemeType.ApiKey, document.Components!.SecuritySchemes!["ApiKey"].Type);
        Assert.Equal("X-Api-Key", document.Components.SecuritySchemes["ApiKey"].Name);
        Assert.All(Operations(document), o =>
        {
            Assert.NotNull(o.Operation.Security);
            Assert.NotEmpty(o.Operation.Security);
            Assert.All(o.Operation.Security, requirement => Assert.All(requirement.Keys,
                scheme => Assert.Equal(SecuritySchemeType.ApiKey, scheme.Type)));
        });
    }

    [Fact]
    public async Task Every_operation_has_an_id_of_its_own()
    {
        var (document, _) = await ReadAsync(factory);

        var ids = Operations(document).Select(o => o.Operation.OperationId).ToList();

        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_operation_lists_the_refusals_of_the_api_contract_as_problems()
    {
        var (document, _) = await ReadAsync(factory);

        Assert.All(Operations(document), o =>
        {
            var expected = new List<string> { "401", "429", "500", "503" };
            if (o.Operation.RequestBody is not null)
            {
                expected.AddRange(["400", "413", "415"]);
            }
            Assert.Subset(o.Operation.Responses!.Keys.ToHashSet(), expected.ToHashSet());
            Assert.All(o.Operation.Responses.Where(r => r.Key[0] is '4' or '5'),
                r => Assert.True(r.Value.Content!.ContainsKey("application/problem+json"), $"{o.Method} {o.Path} {r.Key}"));
        });
    }

    [Theory]
    [InlineData("ComplaintPayload", "category", "tone")]
    [InlineData("ComplaintPayload", "severity", "high")]
    [InlineData("CustomerPayload", "customerType", "salaried")]
    [InlineData("CustomerPayload", "product", "credit_card")]
    [InlineData("RenderRequest", "tone", "gentle")]
    [InlineData("RenderRequest", "stage", "overdue_1_3")]
    [InlineData("ClassifyReplyResponse", "category", "promise_to_pay")]
    [InlineData("RenderFinding", "rule", "missing_signature")]
    public async Task A_code_field_lists_its_codes(string schema, string property, string code)
    {
        var (document, _) = await ReadAsync(factory);

        var codes = document.Components!.Schemas![schema].Properties![property].Enum!.Select(v => v?.ToString());

        Assert.Contains(code, codes);
    }

    [Fact]
    public async Task A_complaint_requires_only_the_four_fields_the_server_requires()
    {
        var (document, _) = await ReadAsync(factory);

        var complaint = document.Components!.Schemas!["ComplaintPayload"];

        Assert.Equal(["accountRef", "category", "severity", "summary"], complaint.Required!.Order(StringComparer.Ordinal));
        Assert.True(complaint.Properties!["messageId"].Type!.Value.HasFlag(JsonSchemaType.Null));
    }
}
