using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Web.Components.Pages.Dashboard;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Security;

/// <summary>The endpoints the running portal maps, and a concrete address for each, for tests that knock on all of them.</summary>
public static class EndpointCatalog
{
    /// <summary>Every route endpoint of the started portal except static files, in route order.</summary>
    public static IReadOnlyList<RouteEndpoint> Endpoints(PortalFactory factory)
    {
        // Starting the server builds the endpoint data sources.
        _ = factory.Server;
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
            .ToList();
    }

    public static string RouteOf(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');

    public static bool IsPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    public static IReadOnlyList<string> MethodsOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : [HttpMethods.Get];

    /// <summary>The route with every parameter filled with a value its constraints accept.</summary>
    public static string ConcreteUrl(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => throw new NotSupportedException($"Route part {part.GetType().Name} in {pattern.RawText}"),
        }))));

    /// <summary>A request of <paramref name="method"/> to <paramref name="url"/>, with an empty body where one is expected.</summary>
    public static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != HttpMethods.Get && method != HttpMethods.Head)
        {
            request.Content = new ByteArrayContent([]);
        }
        return request;
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
        if (constraints.Any(c => c is "int" or "long"))
        {
            return "1";
        }
        if (constraints.Contains("file"))
        {
            return "sample.txt";
        }
        return parameter.Name switch
        {
            "documentName" => "v1",
            // A real table, so that a caller let through gets the file rather than a 404.
            "table" => DashboardTables.Days,
            _ => "sample",
        };
    }
}
