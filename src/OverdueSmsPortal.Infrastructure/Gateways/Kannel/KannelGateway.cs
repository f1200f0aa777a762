using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Infrastructure.Gateways.Kannel;

/// <summary>
/// Hands messages to Kannel's smsbox through its HTTP sendsms interface (DESIGN §2.10). The text goes
/// as UTF-8 with <c>coding=2</c> (UCS-2 on the air) whenever it is not plain GSM-7, a delivery report is
/// asked for with <c>dlr-mask</c>, and the <c>dlr-url</c> carries the outbox id back to the portal.
/// Kannel does not recognise a repeated message, so a message whose hand-over is in doubt is not
/// sent again: only a refused connection (nothing reached Kannel) is worth a retry.
/// </summary>
/// <remarks>
/// When smsbox is stopped it reads the requests still reaching it on open connections and closes them
/// unanswered, whether or not it has queued the message. So each message goes on a connection of its
/// own (a stopped smsbox then shows as a refused connection, which is safe to retry), and as a POST with
/// the text as its body and the rest in smsbox's <c>X-Kannel-*</c> headers, not as a GET: .NET's HTTP
/// client sends a bodiless request again by itself (up to three times) when the connection closes
/// before the answer, but never one whose body has started to go out.
/// </remarks>
public sealed partial class KannelGateway(HttpClient http, ILogger<KannelGateway> logger)
{
    public const string GatewayName = "kannel";

    /// <summary>smsbox answers a sendsms request in milliseconds; longer means it is stuck.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The DLR endpoint's path; Kannel fills in %d (status), %T (time) and %A (its SMSC's answer).</summary>
    public const string DlrPath = "/api/v1/gateway/kannel/dlr";

    public const string MoPath = "/api/v1/gateway/kannel/mo";

    public async Task<SmsAccepted> SendAsync(SmsRequest request, GatewaySnapshot gateway, CancellationToken cancellationToken)
    {
        var settings = gateway.Settings;
        var ucs2 = SmsSize.Measure(request.Text).Encoding == SmsEncoding.Ucs2;
        using var sendsms = new HttpRequestMessage(HttpMethod.Post, settings.KannelUrl)
        {
            Content = new StringContent(request.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), "text/plain"),
        };
        var headers = sendsms.Headers;
        headers.ConnectionClose = true;
        headers.Add("X-Kannel-Username", settings.KannelUsername);
        headers.Add("X-Kannel-Password", gateway.KannelPassword ?? "");
        headers.Add("X-Kannel-From", settings.SenderId);
        headers.Add("X-Kannel-To", request.Phone);
        headers.Add("X-Kannel-Coding", ucs2 ? "2" : "0");
        headers.Add("X-Kannel-DLR-Mask", settings.DlrMask.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add("X-Kannel-DLR-Url", DlrUrl(settings.CallbackBaseUrl, gateway.CallbackToken ?? "", request.MessageId));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(sendsms, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e) when (NothingWasSent(e))
        {
            LogUnreachable(request.MessageId, e.HttpRequestError.ToString());
            throw new SmsGatewayException("unreachable", isTransient: true, "Kannel could not be reached.", e);
        }
        catch (HttpRequestException e)
        {
            // The request may have reached Kannel: sending it again could put a second copy on the phone.
            LogInDoubt(request.MessageId, e.HttpRequestError.ToString());
            throw new SmsGatewayException(FailureReasons.InDoubt, isTransient: false, "Kannel's answer was lost.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogInDoubt(request.MessageId, "timeout");
            throw new SmsGatewayException(FailureReasons.InDoubt, isTransient: false, "Kannel did not answer in time.", e);
        }
        using (response)
        {
            var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            if (response.IsSuccessStatusCode && IsKannelAcceptance(body))
            {
                // "0: Accepted for delivery" or "3: Queued for later delivery"; Kannel gives no id of its own here.
                return new SmsAccepted($"{GatewayName}:{request.MessageId}");
            }
            if (response.IsSuccessStatusCode || IsUnexplainedError(response.StatusCode))
            {
                // Not an answer smsbox gives (a proxy's page, a half-written body, an error without a reason):
                // whether the message was queued is unknown, so it is in doubt and not handed over again.
                LogUnrecognised(request.MessageId, (int)response.StatusCode, body.Length);
                throw new SmsGatewayException(FailureReasons.InDoubt, isTransient: false,
                    $"Kannel's answer was not recognised (HTTP {(int)response.StatusCode}).");
            }
            var reason = Reason(response.StatusCode, body);
            LogRefused(request.MessageId, (int)response.StatusCode, reason);
            // smsbox answers 503 while it cannot reach bearerbox or its queue is full: nothing was taken.
            var transient = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
                or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
            throw new SmsGatewayException(transient ? "unavailable" : reason, transient, $"Kannel refused the message: {body}");
        }
    }

    /// <summary>The delivery report address for one message; Kannel substitutes the %-codes.</summary>
    public static string DlrUrl(string callbackBaseUrl, string token, long messageId) =>
        $"{callbackBaseUrl.TrimEnd('/')}{DlrPath}?token={Uri.EscapeDataString(token)}&id={messageId}&status=%d&at=%T&answer=%A";

    /// <summary>The address for kannel.conf's sms-service get-url (the MO endpoint), with its %-codes.</summary>
    public static string MoUrl(string callbackBaseUrl, string token) =>
        $"{callbackBaseUrl.TrimEnd('/')}{MoPath}?token={Uri.EscapeDataString(token)}&from=%p&to=%P&text=%a&charset=%C&coding=%c&id=%I&at=%T";

    /// <summary>smsbox's two answers for a message it took: status 0 (accepted) or 3 (queued for later).</summary>
    private static bool IsKannelAcceptance(string body) =>
        body.StartsWith("0:", StringComparison.Ordinal) || body.StartsWith("3:", StringComparison.Ordinal);

    /// <summary>A server error smsbox does not answer with; 502, 503 and 504 say that nothing was taken.</summary>
    private static bool IsUnexplainedError(HttpStatusCode status) =>
        (int)status >= 500 && status is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout);

    /// <summary>Refused or unresolvable: the request never left this machine.</summary>
    private static bool NothingWasSent(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => true,
        HttpRequestError.ConnectionError => e.InnerException is SocketException
        {
            SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
        },
        _ => false,
    };

    private static string Reason(HttpStatusCode status, string body) => status switch
    {
        HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => FailureReasons.GatewayAuthorization,
        HttpStatusCode.BadRequest when body.Contains("receiver", StringComparison.OrdinalIgnoreCase) => FailureReasons.GatewayBadNumber,
        HttpStatusCode.BadRequest => FailureReasons.GatewayBadRequest,
        _ => FailureReasons.GatewayRejected,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: Kannel could not be reached ({Error})")]
    private partial void LogUnreachable(long messageId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId}: Kannel's answer was lost ({Error}); the message is not sent again")]
    private partial void LogInDoubt(long messageId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId}: Kannel's answer (HTTP {Status}, {Length} characters) is not one it gives; the message is in doubt and not sent again")]
    private partial void LogUnrecognised(long messageId, int status, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: Kannel answered {Status} ({Reason})")]
    private partial void LogRefused(long messageId, int status, string reason);
}
