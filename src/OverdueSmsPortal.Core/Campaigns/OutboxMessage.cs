using System.Linq.Expressions;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Campaigns;

public enum MessageStatus
{
    /// <summary>Planned; leaves at <see cref="OutboxMessage.DueAt"/> if the policy still allows it.</summary>
    Waiting = 1,
    /// <summary>Claimed by the dispatcher and handed to the gateway; its outcome is not known yet.</summary>
    Sending = 2,
    /// <summary>Accepted by the gateway; the delivery report is awaited.</summary>
    Sent = 3,
    Delivered = 4,
    Failed = 5,
    Suppressed = 6,
    Expired = 7,
}

/// <summary>What an Approver decided for a message in doubt (it may or may not have reached the phone).</summary>
public enum DoubtDecision
{
    /// <summary>Sent again, as a new message in a run of its own, under the send policy as it stands.</summary>
    Resend = 1,

    /// <summary>Left as it is: a second copy would be worse than none.</summary>
    Leave = 2,
}

/// <summary>Why a message failed, shown to operators and counted on the run page.</summary>
public static class FailureReasons
{
    public const string GatewayRejected = "gateway_rejected";
    /// <summary>The gateway refused the portal's user or password (Settings > SMS gateway).</summary>
    public const string GatewayAuthorization = "gateway_authorization";
    public const string GatewayBadNumber = "gateway_bad_number";
    public const string GatewayBadRequest = "gateway_bad_request";
    public const string GatewayUnavailable = "gateway_unavailable";
    public const string InDoubt = "in_doubt";
    public const string Undelivered = "undelivered";
    public const string CarrierRejected = "carrier_rejected";
    /// <summary>Left for the gateway, but no delivery report came within the time allowed (the message expired).</summary>
    public const string NoDeliveryReport = "no_delivery_report";
}

/// <summary>
/// One planned SMS of a run, written to the outbox before anything is sent (DESIGN §2.8). Its id is
/// the idempotency key the gateway receives, and it moves once into exactly one final state:
/// delivered, failed with a reason, suppressed with a reason, or expired. The moves made while it is
/// being sent (sent, delivered, failed) are bulk updates guarded by the state they expect
/// (<c>OutboxWrites</c>, the delivery reports), so a report that overtakes a result is never undone.
/// </summary>
public class OutboxMessage : Outcomes.IRegionalOutcomeSlice
{
    public long Id { get; private set; }
    public long RunId { get; private set; }
    public long CampaignId { get; private set; }
    public long CustomerId { get; private set; }
    public long SegmentId { get; private set; }
    public long? TemplateVersionId { get; private set; }
    public Variant Variant { get; private set; }
    public Tone Tone { get; private set; }

    /// <summary>The customer's region and product when the message was planned: the dashboard counts it there for good.</summary>
    public string Region { get; private set; } = "";

    public LoanProduct Product { get; private set; }

    public string Body { get; private set; } = "";
    public string Fingerprint { get; private set; } = "";
    public int Parts { get; private set; }

    /// <summary>The business day the text was rendered for: days overdue and amounts are as of that day.</summary>
    public DateOnly RenderedFor { get; private set; }

    /// <summary>
    /// The customer's days overdue on <see cref="RenderedFor"/>: negative before the due date, 0 on it. Only
    /// overdue messages (1 or more) count toward a run of unanswered messages and the overdue quota.
    /// </summary>
    public int DaysOverdue { get; private set; }

    public MessageStatus Status { get; private set; }
    public SuppressionReason? SuppressionReason { get; private set; }
    public string? FailureReason { get; private set; }

    /// <summary>The earliest instant the message may leave; moved on when it waits for its window.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>
    /// The dispatch lane that claimed it last (a run is drained by one or more lanes, each worked by one
    /// node at a time): a message left Sending is in doubt only for its own lane when that lane starts again.
    /// </summary>
    public int? Lane { get; private set; }

    /// <summary>
    /// When the dispatcher began to hand it to the gateway after its last claim. Null while it is claimed
    /// but not yet on its way: a crash then returns it to waiting, as the gateway never saw it; only a
    /// message with this set can have reached the gateway, so only such a message is in doubt.
    /// </summary>
    public DateTimeOffset? HandOverAt { get; private set; }

    /// <summary>For a message failed as in doubt: what an Approver decided, and when; null while undecided.</summary>
    public DoubtDecision? DoubtDecision { get; private set; }

    public DateTimeOffset? DoubtDecidedAt { get; private set; }

    /// <summary>The in-doubt message this one sends again, when it is a resend.</summary>
    public long? ResentFromMessageId { get; private set; }

    /// <summary>
    /// Failed as in doubt (it may have reached the phone) and nobody has decided about it yet: the one
    /// condition the in-doubt list reads and a decision is taken under.
    /// </summary>
    public static readonly Expression<Func<OutboxMessage, bool>> AwaitsDoubtDecision =
        m => m.Status == MessageStatus.Failed && m.FailureReason == FailureReasons.InDoubt && m.DoubtDecision == null;

    /// <summary>The number it was sent to, taken from the customer when it left.</summary>
    public string? Phone { get; private set; }

    public string? GatewayMessageId { get; private set; }

    /// <summary>Where the last delivery report put the message (submitted, buffered…), and when it came.</summary>
    public DeliveryStatus? DeliveryStatus { get; private set; }

    public DateTimeOffset? ReportedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    private OutboxMessage()
    {
    }

    /// <summary>A message planned to leave at <paramref name="dueAt"/>.</summary>
    public static OutboxMessage Planned(MessageRecipient to, RenderedMessage message, DateTimeOffset dueAt, DateTimeOffset now) =>
        new(to, message, now) { Status = MessageStatus.Waiting, DueAt = dueAt };

    /// <summary>A customer the policy kept out of the run at planning, with the reason.</summary>
    public static OutboxMessage SuppressedAtPlanning(MessageRecipient to, RenderedMessage message, SuppressionReason reason,
        DateTimeOffset now) =>
        new(to, message, now) { Status = MessageStatus.Suppressed, SuppressionReason = reason, DueAt = now, FinishedAt = now };

    private OutboxMessage(MessageRecipient to, RenderedMessage message, DateTimeOffset now)
    {
        RunId = to.RunId;
        CampaignId = to.CampaignId;
        CustomerId = to.CustomerId;
        SegmentId = to.SegmentId;
        Region = to.Region;
        Product = to.Product;
        TemplateVersionId = message.TemplateVersionId;
        Variant = message.Variant;
        Tone = message.Tone;
        Body = message.Body;
        Fingerprint = message.Body.Length == 0 ? "" : TextFingerprint.Of(message.Body);
        Parts = message.Parts;
        RenderedFor = message.RenderedFor;
        DaysOverdue = message.DaysOverdue;
        CreatedAt = now;
    }

    /// <summary>
    /// Replaces the text of a message that waited past the day it was written for (days overdue and
    /// amounts move on): the customer reads what is true when it arrives.
    /// </summary>
    public void Rewrite(RenderedMessage message)
    {
        Require(Status == MessageStatus.Waiting);
        Body = message.Body;
        Fingerprint = TextFingerprint.Of(message.Body);
        Parts = message.Parts;
        RenderedFor = message.RenderedFor;
        DaysOverdue = message.DaysOverdue;
    }

    /// <summary>Takes the message for sending: from now on a crash leaves it in doubt, not forgotten.</summary>
    public void Claim(string phone, DateTimeOffset now, int lane = 0)
    {
        Require(Status == MessageStatus.Waiting);
        Status = MessageStatus.Sending;
        Lane = lane;
        HandOverAt = null;
        Phone = phone;
        Attempts++;
        DueAt = now;
    }

    public void WaitUntil(DateTimeOffset dueAt)
    {
        Require(Status is MessageStatus.Waiting or MessageStatus.Sending);
        Status = MessageStatus.Waiting;
        DueAt = dueAt;
    }

    public void Suppress(SuppressionReason reason, DateTimeOffset now)
    {
        Require(Status is MessageStatus.Waiting or MessageStatus.Sending);
        Status = MessageStatus.Suppressed;
        SuppressionReason = reason;
        FinishedAt = now;
    }

    /// <summary>
    /// The message an Approver decided to send again, in <paramref name="runId"/> (a run of the same
    /// campaign): the same customer, segment and text, waiting from now. The dispatcher checks it against
    /// the send policy and the contact hours like any other, and writes it again if its day has passed.
    /// </summary>
    public static OutboxMessage ResendOf(OutboxMessage original, long runId, DateTimeOffset now)
    {
        if (original.DoubtDecision != Campaigns.DoubtDecision.Resend)
        {
            throw new InvalidOperationException($"Message {original.Id} was not decided to be sent again.");
        }
        var to = new MessageRecipient(runId, original.CampaignId, original.SegmentId, original.CustomerId, original.Region, original.Product);
        var text = new RenderedMessage(original.TemplateVersionId, original.Variant, original.Tone, original.Body, original.Parts,
            original.RenderedFor, original.DaysOverdue);
        return new OutboxMessage(to, text, now) { Status = MessageStatus.Waiting, DueAt = now, ResentFromMessageId = original.Id };
    }

    /// <summary>The run ended before the message's window came.</summary>
    public void Expire(DateTimeOffset now)
    {
        Require(Status == MessageStatus.Waiting);
        Status = MessageStatus.Expired;
        FinishedAt = now;
    }

    private void Require(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Message {Id} cannot move from {Status}.");
        }
    }
}

/// <summary>Who a planned message is for, in which run, and the customer's region and product at the time.</summary>
public sealed record MessageRecipient(long RunId, long CampaignId, long SegmentId, long CustomerId, string Region, LoanProduct Product)
{
    public static MessageRecipient For(long runId, long campaignId, long segmentId, Customer customer) =>
        new(runId, campaignId, segmentId, customer.Id, customer.Region, customer.Product);
}

/// <summary>
/// The text a customer gets: the version and variant it came from, its size in SMS parts, the day it speaks of,
/// and the customer's days overdue on that day.
/// </summary>
public sealed record RenderedMessage(long? TemplateVersionId, Variant Variant, Tone Tone, string Body, int Parts, DateOnly RenderedFor,
    int DaysOverdue = 1);
