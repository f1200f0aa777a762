using Microsoft.AspNetCore.Http.HttpResults;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;
using OverdueSmsPortal.Infrastructure.Replies;

namespace OverdueSmsPortal.Web.Api;

/// <summary>
/// Kannel's callbacks (DESIGN §2.10–2.11): delivery reports at <c>/api/v1/gateway/kannel/dlr</c> (the
/// dlr-url of each message) and customers' replies at <c>/api/v1/gateway/kannel/mo</c> (kannel.conf's
/// sms-service get-url), by GET or POST. Both take the callback token from Settings in the
/// <c>token</c> parameter or the <c>X-Gateway-Token</c> header. A malformed call is a 400 and an unknown
/// message a 404, never a 500; when the database cannot take a reply the answer is 503, so Kannel
/// tries again and no reply is lost. The MO answer has no body: Kannel would send a body back to the
/// customer as an SMS.
/// </summary>
public static partial class KannelGatewayApi
{
    public const string TokenHeader = "X-Gateway-Token";
    private const long MaxFormBytes = 64 * 1024;
    private const string FormContentType = "application/x-www-form-urlencoded";

    public static IEndpointRouteBuilder MapKannelGatewayApi(this IEndpointRouteBuilder app)
    {
        var kannel = app.MapGroup("/api/v1/gateway/kannel")
            .WithTags("Gateway")
            // Kannel has no API key or cookie: the callback token stands in for both.
            .AllowAnonymous()
            .DisableAntiforgery();
        kannel.MapMethods("/dlr", [HttpMethods.Get, HttpMethods.Post], DeliveryReportAsync)
            .WithMetadata(new ApiContract.OptionalBody(FormContentType))
            .WithName("KannelDeliveryReport")
            .WithSummary("A delivery report from Kannel: id (the outbox id), status (Kannel's %d), at (%T), answer (%A)");
        kannel.MapMethods("/mo", [HttpMethods.Get, HttpMethods.Post], ReplyAsync)
            .WithMetadata(new ApiContract.OptionalBody(FormContentType))
            .WithName("KannelReply")
            .WithSummary("A customer's reply from Kannel: from (%p), to (%P), text (%a), charset (%C), id (%I)");
        return app;
    }

    public sealed record DeliveryReportAnswer(string Outcome);

    /// <summary>A delivery report's fields, in the query string or a form body (for the OpenAPI document; the endpoint reads them itself).</summary>
    public sealed record DeliveryReportForm(long Id, int Status, long? At, string? Answer, string? Token);

    /// <summary>A reply's fields, in the query string or a form body (for the OpenAPI document; the endpoint reads them itself).</summary>
    public sealed record ReplyForm(string From, string? To, string Text, string? Charset, string? Coding, string? Id, long? At, string? Token);

    public static async Task<Results<Ok<DeliveryReportAnswer>, ProblemHttpResult>> DeliveryReportAsync(HttpContext http,
        GatewayConfiguration gateway, DeliveryReportIntake intake, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(KannelGatewayApi));
        if (await ReadAsync(http.Request, cancellationToken) is not { } callback)
        {
            return TooLarge();
        }
        if (!await gateway.AcceptsTokenAsync(Token(http.Request, callback), cancellationToken))
        {
            LogBadToken(logger, "dlr", http.Connection.RemoteIpAddress?.ToString());
            return Unauthorized();
        }
        var id = callback.LongValue("id");
        var value = callback.IntValue("status");
        var status = value is { } v ? KannelDeliveryStatus.From(v) : null;
        if (id is null or <= 0 || status is null)
        {
            LogMalformed(logger, "dlr", id is null or <= 0 ? "id" : "status");
            return Problem(StatusCodes.Status400BadRequest, "The delivery report is incomplete.",
                "A delivery report needs id (the portal's message id) and status (1, 2, 4, 8 or 16, Kannel's %d).");
        }
        try
        {
            var outcome = await intake.ApplyAsync(id.Value, status.Value, callback.UnixTime("at"), callback.Text("answer"), cancellationToken);
            return outcome == DeliveryReportOutcome.UnknownMessage
                ? Problem(StatusCodes.Status404NotFound, "No such message.", $"There is no message {id}.")
                : TypedResults.Ok(new DeliveryReportAnswer(Code(outcome)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, "dlr");
            return Unavailable();
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReplyAsync(HttpContext http, GatewayConfiguration gateway,
        ReplyIntake intake, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(KannelGatewayApi));
        if (await ReadAsync(http.Request, cancellationToken) is not { } callback)
        {
            return TooLarge();
        }
        if (!await gateway.AcceptsTokenAsync(Token(http.Request, callback), cancellationToken))
        {
            LogBadToken(logger, "mo", http.Connection.RemoteIpAddress?.ToString());
            return Unauthorized();
        }
        var from = callback.Text("from")?.Trim();
        if (string.IsNullOrEmpty(from) || !callback.Has("text"))
        {
            LogMalformed(logger, "mo", string.IsNullOrEmpty(from) ? "from" : "text");
            return Problem(StatusCodes.Status400BadRequest, "The reply is incomplete.",
                "A reply needs from (the customer's number, Kannel's %p) and text (%a).");
        }
        var text = callback.Text("text", callback.Text("charset")) ?? "";
        try
        {
            var receipt = await intake.ReceiveAsync(new InboundSms(from, callback.Text("to"), text, KannelGateway.GatewayName,
                GatewayReplyId: callback.Text("id")), cancellationToken);
            http.Response.Headers["X-Reply-Id"] = receipt.ReplyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.NoContent();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, "mo");
            return Unavailable();
        }
    }

    /// <summary>The callback's fields from the query and a form body; null when the form is over <see cref="MaxFormBytes"/>.</summary>
    private static async Task<KannelCallback?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase) == true)
        {
            if (request.ContentLength > MaxFormBytes)
            {
                return null;
            }
            using var reader = new StreamReader(request.Body, System.Text.Encoding.Latin1);
            // Latin-1 keeps each byte as one char, so percent-encoded fields stay as sent until decoded.
            var buffer = new char[MaxFormBytes + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
            if (read > MaxFormBytes)
            {
                return null;
            }
            body = new string(buffer, 0, read);
        }
        return KannelCallback.Parse(request.QueryString.Value, body);
    }

    private static ProblemHttpResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "The callback form is too large.",
        $"Kannel's callbacks carry at most {MaxFormBytes / 1024} KB of form fields.");

    private static string? Token(HttpRequest request, KannelCallback callback) =>
        request.Headers.TryGetValue(TokenHeader, out var header) && header.Count > 0 ? header.ToString() : callback.Text("token");

    private static string Code(DeliveryReportOutcome outcome) => outcome switch
    {
        DeliveryReportOutcome.Applied => "applied",
        DeliveryReportOutcome.Duplicate => "duplicate",
        DeliveryReportOutcome.Late => "late",
        _ => "unknown_message",
    };

    private static ProblemHttpResult Unauthorized() => Problem(StatusCodes.Status401Unauthorized, "The gateway token is not valid.",
        "Kannel must call with the callback token from Settings > SMS gateway, in the token parameter or the X-Gateway-Token header.");

    private static ProblemHttpResult Unavailable() => Problem(StatusCodes.Status503ServiceUnavailable, "The portal cannot take this now.",
        "Nothing was stored; send it again shortly.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kannel {Callback} callback refused: bad token (from {Address})")]
    private static partial void LogBadToken(ILogger logger, string callback, string? address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kannel {Callback} callback refused: {Field} missing or malformed")]
    private static partial void LogMalformed(ILogger logger, string callback, string field);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kannel {Callback} callback could not be stored; answered 503 so that Kannel retries")]
    private static partial void LogFailed(ILogger logger, Exception exception, string callback);
}
