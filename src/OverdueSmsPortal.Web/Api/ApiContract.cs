using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// What everything under <c>/api/</c> answers when the call is wrong, for every endpoint alike: a problem
/// document (RFC 9457), never the sign-in page, the status-code page, the error page or the developer
/// exception page, which are for people. A path nobody mapped is a 404, a method the path does not take
/// a 405 with <c>Allow</c>, a body of a type the endpoint does not read a 415, a body over
/// <see cref="UploadOptions.MaxApiBodyBytes"/> a 413, and a fault a 500 that names nothing of it.
/// </summary>
public static partial class ApiContract
{
    public const string Prefix = "/api";

    /// <summary>
    /// Before authentication: refuses unmapped paths and methods (which the fallback policy would otherwise
    /// send to the sign-in page) whether or not a key came, turns a fault or an answer without a body into a
    /// problem, and keeps the status-code pages off API answers.
    /// </summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsApi(context.Request))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        if (context.GetEndpoint() is RouteEndpoint endpoint && IsApi(endpoint))
        {
            await RunAsync(context, next);
            return;
        }
        // Routing found no API endpoint for this method: a page's catch-all, its method refusal (which would
        // name the catch-all's methods) or nothing, and the fallback policy would send the caller to sign in.
        var methods = ApiMethodsAt(context);
        if (methods.Count == 0)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "No such API endpoint.",
                "Nothing answers at this path. The endpoints are listed in the OpenAPI document at /openapi/v1.json.");
            return;
        }
        if (!methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers.Allow = string.Join(", ", methods);
            await WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "This endpoint does not take this method.",
                $"Use {string.Join(" or ", methods)}.");
            return;
        }
        // The path and the method are an endpoint's: routing refused the body's content type (Accepts).
        await WriteUnsupportedAsync(context, null);
    });

    /// <summary>The methods the API endpoints whose route matches the request's path take, constraints included.</summary>
    private static IReadOnlyList<string> ApiMethodsAt(HttpContext context)
    {
        var constraints = context.RequestServices.GetRequiredService<IInlineConstraintResolver>();
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsApi))
        {
            var values = new RouteValueDictionary();
            if (!new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText ?? ""), []).TryMatch(context.Request.Path, values))
            {
                continue;
            }
            var accepted = endpoint.RoutePattern.ParameterPolicies.All(parameter => parameter.Value.All(policy =>
                policy.Content is null || constraints.ResolveConstraint(policy.Content) is not { } constraint
                || constraint.Match(context, null, parameter.Key, values, RouteDirection.IncomingRequest)));
            if (accepted)
            {
                methods.UnionWith(endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []);
            }
        }
        return [.. methods];
    }

    /// <summary>
    /// After authorization, before the endpoint: the body's type and size. Checked here rather than in each
    /// endpoint so that an endpoint added tomorrow is held to the same limits.
    /// </summary>
    public static IApplicationBuilder UseApiRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsApi(context.Request) || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        var maxBytes = context.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxApiBodyBytes;
        if (request.ContentLength > maxBytes)
        {
            await WriteTooLargeAsync(context, maxBytes);
            return;
        }
        if (HasBody(request) && !BodyTypes(endpoint).Any(type => IsOfType(request.ContentType, type)))
        {
            await WriteUnsupportedAsync(context, endpoint);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = maxBytes;
        }
        // Chunked bodies state no length, and a test server has no limit of its own: count while any endpoint reads.
        request.Body = new BoundedStream(request.Body, maxBytes);
        await next(context);
    });

    private static async Task RunAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var status = e switch
            {
                BoundedStream.LimitExceededException => StatusCodes.Status413PayloadTooLarge,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            };
            if (status == StatusCodes.Status413PayloadTooLarge)
            {
                await WriteTooLargeAsync(context, context.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxApiBodyBytes);
                return;
            }
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiContract));
            LogFault(logger, e, context.Request.Method, context.Request.Path, status);
            // The fault stays in the log, found by the trace id; the caller learns only that it happened.
            await WriteAsync(context, status, status >= 500 ? "The portal could not complete this request." : "The request could not be read.",
                status >= 500 ? "Nothing is said here about why; the portal's log has it under this answer's traceId. Try again later." : null);
            return;
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0
            && context.Response.ContentType is null)
        {
            await WriteAsync(context, context.Response.StatusCode, null, null);
        }
    }

    /// <summary>The content types <paramref name="endpoint"/> reads a body as: none when it reads no body.</summary>
    public static IReadOnlyList<string> BodyTypes(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? endpoint.Metadata.GetMetadata<OptionalBody>()?.ContentTypes ?? [];

    private static Task WriteUnsupportedAsync(HttpContext context, Endpoint? endpoint)
    {
        var types = endpoint is null
            ? context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(IsApi).SelectMany(BodyTypes).Distinct().ToList()
            : BodyTypes(endpoint);
        return WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "The request body has a content type this endpoint does not read.",
            endpoint is not null && types.Count == 0 ? "Send no body." : $"Send the body as {string.Join(" or ", types)}, with that Content-Type.");
    }

    private static Task WriteTooLargeAsync(HttpContext context, long maxBytes) =>
        WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
            $"Send at most {UploadOptions.SizeText(maxBytes)} per request; split the data over several requests.");

    private static async Task WriteAsync(HttpContext context, int status, string? title, string? detail)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = null;
        response.ContentLength = null;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            // The title defaults to the status's reason phrase.
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(Prefix);

    private static bool IsApi(RouteEndpoint endpoint) =>
        ("/" + endpoint.RoutePattern.RawText?.TrimStart('/')).StartsWith(Prefix + "/", StringComparison.Ordinal);

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsOfType(string? contentType, string accepted) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && string.Equals(accepted, type.MediaType.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An endpoint that reads a body of these types when one comes and is called without one too (Kannel's
    /// callbacks come by GET). Routing's <c>Accepts</c> would refuse a call without a content type.
    /// </summary>
    public sealed class OptionalBody(params string[] contentTypes)
    {
        public IReadOnlyList<string> ContentTypes { get; } = contentTypes;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed; answered {Status}")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string path, int status);
}
