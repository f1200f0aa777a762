namespace OverdueSmsPortal.Core.Replies;

/// <summary>
/// A text a customer sent back (DESIGN §2.11), matched to the customer and the message it answers
/// where that is known; a reply from a number no customer has is kept too, never dropped. A reply
/// ends a customer's run of unanswered messages. Its category comes from the Admin's rules and an
/// operator may correct it; an opt-out it carried has taken effect and stays.
/// </summary>
public class InboundReply
{
    public const int MaxTextLength = 1000;
    public const int MaxGatewayIdLength = 64;

    public long Id { get; private set; }
    public long? CustomerId { get; private set; }
    public long? MessageId { get; private set; }
    public string Phone { get; private set; } = "";

    /// <summary>The number the customer wrote to (the lender's sender id or short code), when the gateway says.</summary>
    public string? To { get; private set; }

    public string Text { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Where it came from: the gateway's name.</summary>
    public string Source { get; private set; } = "";

    /// <summary>The gateway's id for the reply: a reply the gateway delivers twice is stored once.</summary>
    public string? GatewayReplyId { get; private set; }

    public ReplyCategory Category { get; private set; }

    /// <summary>The reply asked to opt out and the opt-out took effect.</summary>
    public bool OptedOut { get; private set; }

    /// <summary>Who set the category: null while it is the rules', else the operator who corrected it.</summary>
    public string? ClassifiedBy { get; private set; }

    public DateTimeOffset? ClassifiedAt { get; private set; }

    private InboundReply()
    {
    }

    public InboundReply(long? customerId, long? messageId, string phone, string text, string source, DateTimeOffset receivedAt,
        string? to = null, string? gatewayReplyId = null)
    {
        CustomerId = customerId;
        MessageId = messageId;
        Phone = phone;
        Text = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        Source = source;
        ReceivedAt = receivedAt;
        To = to;
        GatewayReplyId = gatewayReplyId is { Length: > MaxGatewayIdLength } ? gatewayReplyId[..MaxGatewayIdLength] : gatewayReplyId;
    }

    /// <summary>The rules' verdict; an opt-out is recorded as taken effect.</summary>
    public void Classify(ReplyClassification classification, DateTimeOffset now)
    {
        Category = classification.Category;
        OptedOut |= classification.OptOut && CustomerId is not null;
        ClassifiedBy = null;
        ClassifiedAt = now;
    }

    /// <summary>
    /// An operator's correction. Moving a reply to opt-out makes the opt-out take effect; moving it away
    /// does not undo one that took effect (only the customer's consent can).
    /// </summary>
    public void Reclassify(ReplyCategory category, string by, DateTimeOffset now)
    {
        Category = category;
        OptedOut |= category == ReplyCategory.OptOut && CustomerId is not null;
        ClassifiedBy = by;
        ClassifiedAt = now;
    }
}
