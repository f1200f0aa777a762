namespace OverdueSmsPortal.Core.Campaigns;

/// <summary>One SMS to hand to a gateway. <see cref="MessageId"/> is the outbox id: the idempotency key.</summary>
public sealed record SmsRequest(long MessageId, string Phone, string Text);

/// <summary>The gateway took the message; its own id comes back on delivery reports.</summary>
public sealed record SmsAccepted(string GatewayMessageId);

/// <summary>
/// The port every SMS gateway implements (DESIGN §2.10): the built-in development gateway, Kannel,
/// or a lender's own platform. Delivery reports and replies come back through the portal's own
/// endpoints, not through this interface.
/// </summary>
public interface ISmsGateway
{
    /// <summary>A short name for the UI and the logs, e.g. "development" or "kannel".</summary>
    string Name { get; }

    /// <summary>True for a gateway that sends nothing outside this machine; the UI says so.</summary>
    bool IsDevelopment { get; }

    /// <summary>
    /// Whether a repeated <see cref="SmsRequest.MessageId"/> is recognised and not sent again. When it
    /// is, a message whose outcome a crash left unknown is handed over again; when not, it is failed as
    /// in doubt rather than risk a second copy on the customer's phone.
    /// </summary>
    bool DeduplicatesByMessageId { get; }

    /// <summary>Hands one message over. Throws <see cref="SmsGatewayException"/> when the gateway refuses or cannot be reached.</summary>
    Task<SmsAccepted> SendAsync(SmsRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// A gateway's refusal. <see cref="IsTransient"/> failures (unreachable, busy, throttled) are retried
/// with back-off; the others fail the message at once with <see cref="Reason"/>.
/// </summary>
public sealed class SmsGatewayException(string reason, bool isTransient, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Reason { get; } = reason;
    public bool IsTransient { get; } = isTransient;
}
