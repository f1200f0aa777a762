namespace OverdueSmsPortal.Core.Replies;

/// <summary>
/// A text a customer sent back (DESIGN §2.11), matched to the customer and the message it answers
/// where that is known. A reply ends a customer's run of unanswered messages.
/// </summary>
public class InboundReply
{
    public const int MaxTextLength = 1000;

    public long Id { get; private set; }
    public long? CustomerId { get; private set; }
    public long? MessageId { get; private set; }
    public string Phone { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Where it came from: the gateway's name.</summary>
    public string Source { get; private set; } = "";

    private InboundReply()
    {
    }

    public InboundReply(long? customerId, long? messageId, string phone, string text, string source, DateTimeOffset receivedAt)
    {
        CustomerId = customerId;
        MessageId = messageId;
        Phone = phone;
        Text = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        Source = source;
        ReceivedAt = receivedAt;
    }
}
