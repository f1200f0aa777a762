namespace OverdueSmsPortal.Core.Policy;

/// <summary>
/// A customer on the phone follow-up list (DESIGN §2.9): after too many unanswered messages the policy
/// stops sending SMS and a collector calls instead. The entry stays open until someone resolves it.
/// </summary>
public class EscalationEntry
{
    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public long? CampaignId { get; private set; }
    public int UnansweredMessages { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedByName { get; private set; }

    private EscalationEntry()
    {
    }

    public EscalationEntry(long customerId, long? campaignId, int unansweredMessages, DateTimeOffset now)
    {
        CustomerId = customerId;
        CampaignId = campaignId;
        UnansweredMessages = unansweredMessages;
        AddedAt = now;
    }

    public bool IsOpen => ResolvedAt is null;

    public void Resolve(string byName, DateTimeOffset now)
    {
        if (IsOpen)
        {
            ResolvedAt = now;
            ResolvedByName = byName;
        }
    }
}
