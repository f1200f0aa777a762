namespace OverdueSmsPortal.Core.Outcomes;

public enum ComplaintCategory
{
    Other = 0,
    Frequency = 1,
    Tone = 2,
    WrongPerson = 3,
    Privacy = 4,
}

public enum ComplaintSeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
}

public enum ComplaintStatus
{
    Open = 1,
    InProgress = 2,
    Closed = 3,
}

public enum ComplaintSource
{
    Reply = 1,
    Hotline = 2,
    Regulator = 3,
    Upload = 4,
    Api = 5,
}

/// <summary>
/// A customer's complaint (DESIGN §2.13), linked to the message that caused it where that is known.
/// One that holds the customer stops every message to them until it is closed.
/// </summary>
public class Complaint
{
    public const int MaxSummaryLength = 1000;

    public long Id { get; private set; }
    public long? CustomerId { get; private set; }
    public long? MessageId { get; private set; }
    public long? ReplyId { get; private set; }
    public ComplaintSource Source { get; private set; }
    public ComplaintCategory Category { get; private set; }
    public ComplaintSeverity Severity { get; private set; }
    public ComplaintStatus Status { get; private set; }
    public string Summary { get; private set; } = "";

    /// <summary>The customer is on complaint hold while this complaint is not closed.</summary>
    public bool HoldsCustomer { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    private Complaint()
    {
    }

    /// <summary>A complaint the customer made in a reply: it holds them until someone looks into it.</summary>
    public static Complaint FromReply(long? customerId, long? messageId, long replyId, string text, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        MessageId = messageId,
        ReplyId = replyId,
        Source = ComplaintSource.Reply,
        Category = ComplaintCategory.Other,
        Severity = ComplaintSeverity.Medium,
        Status = ComplaintStatus.Open,
        Summary = text.Length > MaxSummaryLength ? text[..MaxSummaryLength] : text,
        HoldsCustomer = customerId is not null,
        OpenedAt = now,
        OpenedBy = "system",
    };

    public bool IsOpen => Status != ComplaintStatus.Closed;

    public void Close(string by, DateTimeOffset now)
    {
        if (Status == ComplaintStatus.Closed)
        {
            throw new InvalidOperationException($"Complaint {Id} is already closed.");
        }
        Status = ComplaintStatus.Closed;
        ClosedBy = by;
        ClosedAt = now;
    }
}
