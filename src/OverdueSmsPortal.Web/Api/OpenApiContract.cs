using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// The OpenAPI 3.1 document as a contract a client generator can use: the key as an <c>apiKey</c> security
/// scheme on every operation (Kannel's token on its callbacks), one operation id per operation, every code
/// field an enum, required and nullable as the server reads them, every status <see cref="ApiContract"/>
/// and the endpoints can answer with its problem shape, and an example body. The endpoints read their JSON
/// themselves, so the payload records only name the fields; what the server really takes is said here.
/// </summary>
public static class OpenApiContract
{
    public const string ApiKeyScheme = "ApiKey";
    public const string GatewayTokenScheme = "GatewayToken";
    public const string GatewayTokenQueryScheme = "GatewayTokenQuery";
    private const string ProblemSchema = "ProblemDetails";
    private const string GatewayPrefix = "/api/v1/gateway/";

    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.AddDocumentTransformer(DescribeAsync);
    }

    private static async Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "OverdueSmsPortal API";
        document.Info.Description = "For the lender's systems. Every call sends the key an Admin issued in Settings in the X-Api-Key header; " +
            "Kannel's callbacks send the callback token instead. Every answer that is not a success is a problem document (RFC 9457).";
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        AddSecuritySchemes(document.Components.SecuritySchemes);
        document.Components.Schemas[ProblemSchema] = Problem();
        await using (var scope = context.ApplicationServices.CreateAsyncScope())
        {
            var ladder = await scope.ServiceProvider.GetRequiredService<SegmentCatalog>().LadderAsync(cancellationToken);
            var stages = ladder.Select(s => s.Key).ToList();
            DescribeSchemas(document, document.Components.Schemas, stages);
        }
        TrimTrailingSlashes(document);
        foreach (var (path, item) in document.Paths)
        {
            var gateway = path.StartsWith(GatewayPrefix, StringComparison.Ordinal);
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (item.Operations!.Count > 1 && operation.OperationId is { } id)
                {
                    // Kannel's GET and POST are one endpoint with one name: a generator needs one id each.
                    operation.OperationId = id + (method == HttpMethod.Get ? "ByQuery" : "ByForm");
                }
                operation.Security = gateway
                    ? [Requirement(document, GatewayTokenScheme), Requirement(document, GatewayTokenQueryScheme)]
                    : [Requirement(document, ApiKeyScheme)];
                if (gateway)
                {
                    DescribeGatewayCall(path, method, operation);
                }
                AddProblems(document, path, operation, gateway);
                AddExample(path, operation);
            }
        }
    }

    private static void AddSecuritySchemes(IDictionary<string, IOpenApiSecurityScheme> schemes)
    {
        schemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthentication.Header,
            Description = "The key an Admin issued in Settings > API keys.",
        };
        schemes[GatewayTokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = KannelGatewayApi.TokenHeader,
            Description = "Kannel's callback token from Settings > SMS gateway.",
        };
        schemes[GatewayTokenQueryScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "token",
            Description = "Kannel's callback token in the query string, as kannel.conf's URLs carry it.",
        };
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    /// <summary>The problem document every refusal and fault is (RFC 9457, with the trace id ASP.NET Core adds).</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    private static void TrimTrailingSlashes(OpenApiDocument document)
    {
        foreach (var path in document.Paths.Keys.Where(p => p.Length > 1 && p.EndsWith('/')).ToList())
        {
            var item = document.Paths[path];
            document.Paths.Remove(path);
            document.Paths[path.TrimEnd('/')] = item;
        }
    }

    /// <summary>The statuses every operation can answer, beside its own, each with the problem shape.</summary>
    private static void AddProblems(OpenApiDocument document, string path, OpenApiOperation operation, bool gateway)
    {
        operation.Responses ??= [];
        var readsInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 } || gateway;
        var statuses = new List<(int Status, string Description)>
        {
            (401, gateway ? "No callback token, or a wrong one." : "No API key, or a key that is unknown or revoked."),
            (429, "Too many calls in the window; Retry-After says when to try again."),
            (500, "A fault; the answer names nothing of it, the portal's log has it under traceId."),
            (503, "The database cannot take the call now; nothing was stored. Retry-After says when to try again."),
        };
        if (readsInput)
        {
            statuses.Add((400, "The input is not what this operation takes; detail says which."));
        }
        if (operation.RequestBody is not null)
        {
            statuses.Add((413, "The body is over the size limit (10 MB unless configured)."));
            statuses.Add((415, "The body's Content-Type is not one this operation reads."));
        }
        if (path.Contains('{', StringComparison.Ordinal) || path.EndsWith("/dlr", StringComparison.Ordinal))
        {
            statuses.Add((404, "There is no such item."));
        }
        foreach (var (status, description) in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse { Description = description };
            }
        }
        foreach (var (key, response) in operation.Responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')).ToList())
        {
            operation.Responses[key] = new OpenApiResponse
            {
                Description = string.IsNullOrEmpty(response.Description) ? "A problem." : response.Description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            };
        }
    }

    /// <summary>Kannel's fields: in the query by GET, in a form body by POST, as KannelGatewayApi reads them.</summary>
    private static void DescribeGatewayCall(string path, HttpMethod method, OpenApiOperation operation)
    {
        var reply = path.EndsWith("/mo", StringComparison.Ordinal);
        var fields = reply
            ? new (string Name, IOpenApiSchema Schema, bool Required)[]
            {
                ("from", Text(), true), ("to", Text(), false), ("text", Text(), true), ("charset", Text(), false),
                ("coding", Text(), false), ("id", Text(), false), ("at", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" }, false),
            }
            :
            [
                ("id", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" }, true),
                ("status", new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [1, 2, 4, 8, 16] }, true),
                ("at", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" }, false),
                ("answer", Text(), false),
            ];
        if (method == HttpMethod.Get)
        {
            operation.RequestBody = null;
            operation.Parameters = [.. fields.Select(f => (IOpenApiParameter)new OpenApiParameter
            {
                Name = f.Name, In = ParameterLocation.Query, Required = f.Required, Schema = f.Schema,
            })];
            return;
        }
        operation.Parameters = [];
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/x-www-form-urlencoded"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = fields.ToDictionary(f => f.Name, f => f.Schema),
                        Required = fields.Where(f => f.Required).Select(f => f.Name).ToHashSet(),
                    },
                },
            },
        };
    }

    private static OpenApiSchema Text(bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String };

    private static OpenApiSchema Code(IEnumerable<string> codes, bool nullable = false)
    {
        var values = codes.Select(c => (JsonNode)JsonValue.Create(c)).ToList();
        if (nullable)
        {
            // In JSON Schema an enum binds null too: a nullable code lists it.
            values.Add(null!);
        }
        return new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Enum = values };
    }

    private static OpenApiSchema Number(bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number };

    /// <summary>
    /// Replaces the payload schemas by what the endpoints really take: which fields are required, which may be
    /// null, and the codes each code field accepts (the stage keys are the ladder's, read now).
    /// </summary>
    private static void DescribeSchemas(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas, IReadOnlyList<string> stages)
    {
        var titles = new[] { "mr", "ms", "先生", "女士" };
        schemas["CustomerPayload"] = Object(
            new()
            {
                ["accountRef"] = Text(), ["name"] = Text(), ["title"] = Code(titles), ["phone"] = Text(),
                ["customerType"] = Code(CustomerCodes.TypeCodes), ["product"] = Code(CustomerCodes.ProductCodes), ["region"] = Text(),
                ["timeZone"] = Text(nullable: true), ["amountDue"] = Number(), ["minimumDue"] = Number(),
                ["dueDate"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" }, ["dailyPenaltyRate"] = Number(),
                ["paydayOfMonth"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Minimum = "1", Maximum = "31" },
            },
            "accountRef", "name", "title", "phone", "customerType", "product", "region", "amountDue", "minimumDue", "dueDate", "dailyPenaltyRate");
        schemas["RepaymentPayload"] = Object(
            new()
            {
                ["paymentId"] = Text(), ["accountRef"] = Text(), ["amount"] = Number(),
                ["paidAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            },
            "paymentId", "accountRef", "amount", "paidAt");
        schemas["ComplaintPayload"] = Object(
            new()
            {
                ["complaintRef"] = Text(nullable: true), ["accountRef"] = Text(),
                ["category"] = Code(ComplaintCodes.Categories.Keys), ["severity"] = Code(ComplaintCodes.Severities.Keys), ["summary"] = Text(),
                ["messageId"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int64" },
                ["source"] = Code(ComplaintCodes.Sources.Keys, nullable: true),
                ["hold"] = new OpenApiSchema { Type = JsonSchemaType.Boolean | JsonSchemaType.Null },
                ["receivedAt"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time" },
            },
            "accountRef", "category", "severity", "summary");
        schemas["RenderRequest"] = Object(
            new()
            {
                ["body"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = TemplateBodyRules.MaxLength },
                ["stage"] = Code(stages), ["tone"] = Code(Tones.All.Select(t => t.Code())),
                ["customer"] = new OpenApiSchema { OneOf = [new OpenApiSchemaReference("CustomerPayload", document), new OpenApiSchema { Type = JsonSchemaType.Null }] },
            },
            "body", "stage", "tone");
        if (schemas.TryGetValue("RenderFinding", out var finding) && finding is OpenApiSchema findingSchema && findingSchema.Properties is { } findingProperties)
        {
            findingProperties["rule"] = Code(typeof(LintRules).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal));
            findingProperties["severity"] = Code(["error", "warning"]);
        }
        if (schemas.TryGetValue("RenderResponse", out var render) && render is OpenApiSchema renderSchema && renderSchema.Properties is { } renderProperties)
        {
            renderProperties["encoding"] = Code(["GSM7", "UCS2"]);
        }
        schemas["ClassifyReplyRequest"] = Object(new() { ["text"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000 } }, "text");
        if (schemas.TryGetValue("ClassifyReplyResponse", out var classify) && classify is OpenApiSchema classifySchema && classifySchema.Properties is { } classifyProperties)
        {
            classifyProperties["category"] = Code(ReplyCategories.All.Select(c => c.Code()));
        }
        schemas["TimelineRequest"] = Object(
            new()
            {
                ["dueDate"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                ["start"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                ["days"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = TimelineScenario.MaxDays.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["stages"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Code(stages), MinItems = 1, MaxItems = PolicyApi.TimelineRequest.MaxStages },
            },
            "dueDate", "start", "days", "stages");
        if (schemas.TryGetValue("ForecastResponse", out var forecast) && forecast is OpenApiSchema forecastSchema && forecastSchema.Properties is { } forecastProperties)
        {
            forecastProperties["suppressed"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                PropertyNames = Code(Enum.GetValues<SuppressionReason>().Select(r => r.Code())),
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            };
        }
        if (schemas.TryGetValue("DeliveryReportAnswer", out var answer) && answer is OpenApiSchema answerSchema && answerSchema.Properties is { } answerProperties)
        {
            answerProperties["outcome"] = Code(["applied", "duplicate", "late"]);
        }
    }

    private static OpenApiSchema Object(Dictionary<string, IOpenApiSchema> properties, params string[] required) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = properties,
        Required = required.ToHashSet(StringComparer.Ordinal),
    };

    /// <summary>An example request body for the operations that take JSON.</summary>
    private static void AddExample(string path, OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) != true || json is null)
        {
            return;
        }
        json.Example = path switch
        {
            "/api/v1/customers" => JsonNode.Parse("""[{"accountRef": "CC20261101001", "name": "王伟", "title": "mr", "phone": "13812345678", "customerType": "salaried", "product": "credit_card", "region": "北京", "timeZone": "Asia/Shanghai", "amountDue": 1234.50, "minimumDue": 123.45, "dueDate": "2026-11-01", "dailyPenaltyRate": 0.0005, "paydayOfMonth": 15}]"""),
            "/api/v1/repayments" => JsonNode.Parse("""[{"paymentId": "PAY-20261130-0001", "accountRef": "CC20261101001", "amount": 500.00, "paidAt": "2026-11-30T10:15:00+08:00"}]"""),
            "/api/v1/complaints" => JsonNode.Parse("""[{"complaintRef": "HL-20261130-17", "accountRef": "CC20261101001", "category": "frequency", "severity": "medium", "summary": "客户来电称短信太频繁", "source": "hotline"}]"""),
            "/api/v1/templates/render" => JsonNode.Parse("""{"body": "{{ title_name }}您好，您的账单 {{ amount_due }} 元已逾期 {{ days_overdue }} 天，请尽快还款。【某某银行】", "stage": "overdue_1_3", "tone": "gentle", "customer": {"name": "王伟", "title": "mr", "amountDue": 1234.50, "dueDate": "2026-11-01"}}"""),
            "/api/v1/replies/classify" => JsonNode.Parse("""{"text": "明天还"}"""),
            "/api/v1/policy/timeline" => JsonNode.Parse("""{"dueDate": "2026-12-10", "start": "2026-12-01", "days": 60, "stages": ["pre_due_7", "due_day", "overdue_1_3"]}"""),
            _ => null,
        };
    }
}
