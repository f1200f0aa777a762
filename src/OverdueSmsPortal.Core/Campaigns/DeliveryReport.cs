namespace OverdueSmsPortal.Core.Campaigns;

/// <summary>What a gateway's delivery report (DLR) says became of a message.</summary>
public enum DeliveryStatus
{
    /// <summary>The carrier (SMSC) took it; the handset has not confirmed yet.</summary>
    Submitted = 1,
    /// <summary>Queued at the gateway or the carrier, e.g. while the phone is off.</summary>
    Buffered = 2,
    Delivered = 3,
    /// <summary>The carrier could not deliver it (a final answer).</summary>
    Failed = 4,
    /// <summary>The carrier refused it (a final answer).</summary>
    Rejected = 5,
}

/// <summary>One delivery report as it arrived, kept for the message's history: every state with its time.</summary>
public class DeliveryEvent
{
    public const int MaxDetailLength = 200;

    public long Id { get; private set; }
    public long MessageId { get; private set; }
    public DeliveryStatus Status { get; private set; }

    /// <summary>When the gateway says it happened (its own clock), or when it arrived if it gave no time.</summary>
    public DateTimeOffset ReportedAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The gateway's own words, e.g. Kannel's SMSC answer; never the phone number.</summary>
    public string? Detail { get; private set; }

    private DeliveryEvent()
    {
    }

    public DeliveryEvent(long messageId, DeliveryStatus status, DateTimeOffset reportedAt, DateTimeOffset receivedAt, string? detail)
    {
        MessageId = messageId;
        Status = status;
        ReportedAt = reportedAt;
        ReceivedAt = receivedAt;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
    }
}

/// <summary>
/// How a delivery report moves a message (DESIGN §2.10). Reports may come twice or out of order
/// (delivered before submitted): a final answer (delivered, failed, rejected) is never undone by a
/// later report, and an intermediate one (submitted, buffered) only records where the message stands.
/// </summary>
public static class DeliveryReports
{
    public static bool IsFinal(this DeliveryStatus status) =>
        status is DeliveryStatus.Delivered or DeliveryStatus.Failed or DeliveryStatus.Rejected;

    /// <summary>The message states a report of <paramref name="status"/> may move a message from.</summary>
    public static IReadOnlyList<MessageStatus> MovesFrom(DeliveryStatus status) => status.IsFinal()
        // A message expired for want of a report did leave: a late final answer is still the truth.
        ? [MessageStatus.Sending, MessageStatus.Sent, MessageStatus.Expired]
        : [MessageStatus.Sending, MessageStatus.Sent];

    /// <summary>The state a report puts a message in.</summary>
    public static MessageStatus MessageStatusAfter(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => MessageStatus.Delivered,
        DeliveryStatus.Failed or DeliveryStatus.Rejected => MessageStatus.Failed,
        _ => MessageStatus.Sent,
    };

    /// <summary>The failure reason a final negative report gives the message.</summary>
    public static string? FailureReason(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Failed => FailureReasons.Undelivered,
        DeliveryStatus.Rejected => FailureReasons.CarrierRejected,
        _ => null,
    };

    public static string Code(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Submitted => "submitted",
        DeliveryStatus.Buffered => "buffered",
        DeliveryStatus.Delivered => "delivered",
        DeliveryStatus.Failed => "failed",
        DeliveryStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
