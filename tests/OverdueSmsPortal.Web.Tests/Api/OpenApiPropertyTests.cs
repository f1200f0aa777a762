using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>
/// A property-based run driven by the OpenAPI document alone: CsCheck generates calls to every operation
/// from its schemas (path, query, headers and body; valid ones and broken ones: a field missing or of the
/// wrong kind, text that is no JSON, another content type, no key, a wrong key) and sends them to the real
/// portal. Every answer is below 500 and a status the document lists for that operation.
/// </summary>
public sealed class OpenApiPropertyTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private const int Calls = 400;

    private enum Fault { None, MissingField, WrongKind, NotJson, OtherContentType, NoKey, WrongKey }

    private sealed record Call(string Path, HttpMethod Method, OpenApiOperation Operation, Fault Fault, string Url, string? Body, string? ContentType);

    [Fact]
    public async Task Generated_calls_to_every_operation_get_only_documented_statuses_and_no_server_error()
    {
        var (document, _) = await OpenApiDocumentTests.ReadAsync(factory);
        var operations = document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value))).ToList();
        var token = await factory.WithServicesAsync(services => services.GetRequiredService<GatewaySettingsStore>()
            .IssueCallbackTokenAsync(new Actor("openapi-test", "admin") { Roles = [PortalRoles.Admin] }));
        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentBag<string>();
        var made = 0;

        var calls = Gen.Int[0, operations.Count - 1].SelectMany(i => CallTo(operations[i].Path, operations[i].Method, operations[i].Operation));
        await calls.SampleAsync(async call =>
        {
            using var client = factory.CreateApiClient(call.Fault switch
            {
                Fault.NoKey => null,
                Fault.WrongKey => "wrong-" + PortalFactory.BootstrapKey,
                _ => PortalFactory.BootstrapKey,
            });
            if (call.Path.StartsWith("/api/v1/gateway/", StringComparison.Ordinal) && call.Fault != Fault.NoKey)
            {
                client.DefaultRequestHeaders.Add("X-Gateway-Token", call.Fault == Fault.WrongKey ? "wrong-token" : token);
            }
            using var request = new HttpRequestMessage(call.Method, call.Url);
            if (call.Body is not null)
            {
                request.Content = new StringContent(call.Body, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(call.ContentType!);
            }
            using var response = await client.SendAsync(request);
            Interlocked.Increment(ref made);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            statuses.AddOrUpdate($"{call.Method} {call.Path} {status}", 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500 || !call.Operation.Responses!.ContainsKey(status))
            {
                failures.Add($"{call.Method} {call.Url} ({call.Fault}) answered {status}, documented [{string.Join(", ", call.Operation.Responses!.Keys)}]: " +
                             $"{Cut(call.Body)} -> {Cut(await response.Content.ReadAsStringAsync())}");
            }
        }, iter: Calls, threads: 1);

        output.WriteLine($"{made} requests over {operations.Count} operations; statuses seen:");
        foreach (var (key, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key,-60} {count}");
        }
        Assert.Equal(Calls, made);
        Assert.True(failures.IsEmpty, $"{failures.Count} answers outside the document:\n" + string.Join("\n", failures.Take(20)));
    }

    private static string Cut(string? text) => text is null ? "" : text.Length > 200 ? text[..200] + "…" : text;

    private static Gen<Call> CallTo(string path, HttpMethod method, OpenApiOperation operation)
    {
        var body = operation.RequestBody?.Content?.FirstOrDefault();
        var faults = Gen.Frequency(
            (8, Gen.Const(Fault.None)), (2, Gen.Const(Fault.MissingField)), (2, Gen.Const(Fault.WrongKind)), (1, Gen.Const(Fault.NotJson)),
            (1, Gen.Const(Fault.OtherContentType)), (1, Gen.Const(Fault.NoKey)), (1, Gen.Const(Fault.WrongKey)));
        return faults.SelectMany(fault =>
        {
            var pathValues = Gen.Const(path);
            foreach (var parameter in (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Path))
            {
                var name = parameter.Name!;
                pathValues = pathValues.SelectMany(p => Gen.Frequency(
                        (5, Value(parameter.Schema!, 0).Select(v => v?.ToString() ?? "")),
                        (1, Gen.OneOf(Gen.Const("abc"), Gen.Const("-1"), Gen.Const("99999999999999999999")))).Select(v => p.Replace("{" + name + "}", Uri.EscapeDataString(v), StringComparison.Ordinal)));
            }
            var query = Gen.Const("");
            foreach (var parameter in (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Query))
            {
                var name = parameter.Name!;
                var value = Value(parameter.Schema!, 0).Select(v => v is JsonValue j && j.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "");
                query = parameter.Required || fault == Fault.None
                    ? query.SelectMany(q => value.Select(v => q + "&" + name + "=" + Uri.EscapeDataString(v)))
                    : query.SelectMany(q => Gen.Bool.SelectMany(include => include ? value.Select(v => q + "&" + name + "=" + Uri.EscapeDataString(v)) : Gen.Const(q)));
            }
            var url = pathValues.SelectMany(p => query.Select(q => q.Length == 0 ? p : p + "?" + q[1..]));
            if (body is not { Key: var contentType, Value.Schema: { } schema })
            {
                return url.Select(u => new Call(path, method, operation, fault, u, null, null));
            }
            var form = contentType == "application/x-www-form-urlencoded";
            var text = fault switch
            {
                Fault.NotJson => Gen.OneOf(Gen.Const("{\"unclosed\": "), Gen.Const("not json"), Gen.String[0, 40]),
                Fault.MissingField or Fault.WrongKind => Value(schema, 0).Select(v => Break(v, fault)).SelectMany(v => Serialise(v, form)),
                _ => Value(schema, 0).SelectMany(v => Serialise(v, form)),
            };
            var type = fault == Fault.OtherContentType ? "text/plain" : contentType;
            return url.SelectMany(u => text.Select(t => new Call(path, method, operation, fault, u, t, type)));
        });
    }

    private static Gen<string> Serialise(JsonNode? value, bool form) => Gen.Const(!form
        ? value?.ToJsonString() ?? "null"
        : value is JsonObject fields
            ? string.Join("&", fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value is JsonValue j && j.TryGetValue<string>(out var s) ? s : f.Value?.ToJsonString() ?? "")))
            : "");

    /// <summary>The value with one required field gone or one field of the wrong kind, at the top or in the first item.</summary>
    private static JsonNode? Break(JsonNode? value, Fault fault)
    {
        var target = value is JsonArray { Count: > 0 } array ? array[0] : value;
        if (target is JsonObject fields && fields.Count > 0)
        {
            var key = fields.First().Key;
            if (fault == Fault.MissingField)
            {
                fields.Remove(key);
            }
            else
            {
                fields[key] = fields[key] is JsonValue ? new JsonObject { ["nested"] = true } : JsonValue.Create(42);
            }
            return value;
        }
        return fault == Fault.WrongKind ? JsonValue.Create("not the kind asked for") : value;
    }

    /// <summary>A value its schema accepts: the required properties and some of the others, codes from the enum, numbers in range.</summary>
    private static Gen<JsonNode?> Value(IOpenApiSchema schema, int depth)
    {
        if (schema.Enum is { Count: > 0 } codes)
        {
            return Gen.OneOf([.. codes.Select(c => Gen.Const(c)) ]).Select(c => c?.DeepClone());
        }
        if (schema.OneOf is { Count: > 0 } choices)
        {
            return Gen.Int[0, choices.Count - 1].SelectMany(i => Value(choices[i], depth + 1));
        }
        var type = schema.Type ?? JsonSchemaType.Object;
        var nullable = type.HasFlag(JsonSchemaType.Null);
        Gen<JsonNode?> value = (type & ~JsonSchemaType.Null) switch
        {
            JsonSchemaType.Object => ObjectValue(schema, depth),
            JsonSchemaType.Array => Gen.Int[Math.Max(schema.MinItems ?? 0, 0), Math.Min(schema.MaxItems ?? 3, 3)]
                .SelectMany(n => depth > 4 || schema.Items is null ? Gen.Const<JsonNode?>(new JsonArray())
                    : Value(schema.Items, depth + 1).Array[n].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            JsonSchemaType.Integer => Gen.Long[Bound(schema.Minimum, 0), Bound(schema.Maximum, 1000)].Select(n => (JsonNode?)JsonValue.Create(n)),
            JsonSchemaType.Number => Gen.Int[0, 10_000_000].Select(n => (JsonNode?)JsonValue.Create(n / 100m)),
            JsonSchemaType.Boolean => Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            _ => Text(schema).Select(s => (JsonNode?)JsonValue.Create(s)),
        };
        return nullable ? Gen.Frequency((4, value), (1, Gen.Const<JsonNode?>((JsonNode?)null))) : value;
    }

    private static Gen<JsonNode?> ObjectValue(IOpenApiSchema schema, int depth)
    {
        Gen<JsonObject> fields = Gen.Const(0).Select(_ => new JsonObject());
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            var required = schema.Required?.Contains(name) == true;
            var value = depth > 4 ? Gen.Const<JsonNode?>((JsonNode?)null) : Value(property, depth + 1);
            fields = fields.SelectMany(o => (required ? Gen.Const(true) : Gen.Bool).SelectMany(include => include
                ? value.Select(v => { var copy = (JsonObject)o.DeepClone(); copy[name] = v?.DeepClone(); return copy; })
                : Gen.Const(o)));
        }
        return fields.Select(o => (JsonNode?)o);
    }

    private static long Bound(string? text, long otherwise) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : otherwise;

    private static Gen<string> Text(IOpenApiSchema schema)
    {
        var text = schema.Format switch
        {
            "date" => Gen.Date[new DateTime(2000, 1, 1), new DateTime(2199, 12, 31)].Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            "date-time" => Gen.Int[0, 60 * 24 * 3650].Select(m => new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddMinutes(m)
                .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
            _ => Gen.Frequency(
                (3, Gen.String[Gen.Char.AlphaNumeric, 0, 20]),
                (2, Gen.String[0, 40]),
                (1, Gen.OneOf(Gen.Const("13812345678"), Gen.Const("王伟"), Gen.Const("{{ name }}您好【银行】"), Gen.Const("Asia/Shanghai"), Gen.Const("退订")))),
        };
        return schema.MaxLength is { } max ? text.Select(s => s.Length > max ? s[..max] : s) : text;
    }
}
