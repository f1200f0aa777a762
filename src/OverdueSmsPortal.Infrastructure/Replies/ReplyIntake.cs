using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Replies;

/// <summary>An SMS a customer sent, as a gateway hands it over.</summary>
/// <param name="From">The sender's number as the gateway gives it (13800138000, +8613800138000…).</param>
/// <param name="To">The number they wrote to, when known.</param>
/// <param name="Source">The gateway's name.</param>
/// <param name="GatewayReplyId">The gateway's id for it: a reply handed over twice is stored once.</param>
/// <param name="MessageId">The message it answers, when the gateway knows (the development gateway does).</param>
public sealed record InboundSms(string From, string? To, string Text, string Source, string? GatewayReplyId = null, long? MessageId = null);

/// <summary>What became of a reply: stored (or recognised as a repeat), matched or not, and its effects.</summary>
public sealed record ReplyReceipt(long ReplyId, bool Duplicate, long? CustomerId, long? MessageId, ReplyCategory Category, bool OptedOut,
    long? ComplaintId);

/// <summary>
/// Takes in customers' replies (DESIGN §2.11): stores every one, matched to the customer and the
/// last message sent to their number (a reply from an unknown number is kept unmatched, never lost),
/// classifies it by the Admin's rules and applies what it says at once: an opt-out stops every message,
/// a complaint opens a complaint record and holds the customer (one threatening the regulator, police or
/// a lawsuit is of High severity), a promise to pay (or "already paid") lengthens the wait before the next
/// reminder, and a wrong number stops the number at once and does not count as the customer's answer. Logs carry ids and masked numbers only.
/// </summary>
public sealed partial class ReplyIntake(PortalDbContext db, ReplyRuleStore rules, AuditTrail audit, TimeProvider clock,
    ILogger<ReplyIntake> logger)
{
    public const int MaxPhoneLength = 20;

    public async Task<ReplyReceipt> ReceiveAsync(InboundSms sms, CancellationToken cancellationToken = default)
    {
        // Kannel sends an empty %I when it has none: that is no id, or every such reply would be one reply to the index.
        sms = sms with { GatewayReplyId = string.IsNullOrWhiteSpace(sms.GatewayReplyId) ? null : sms.GatewayReplyId };
        if (sms.GatewayReplyId is { Length: > 0 } gatewayId
            && await FindRepeatAsync(sms.Source, gatewayId, cancellationToken) is { } repeat)
        {
            LogRepeat(repeat.ReplyId, sms.Source);
            return repeat;
        }
        var now = clock.GetUtcNow();
        var e164 = MobileNumbers.Normalize(sms.From);
        var phone = e164 ?? Truncate(sms.From.Trim(), MaxPhoneLength);
        var answered = await AnsweredMessageAsync(sms.MessageId, e164, cancellationToken);
        var customerId = answered?.CustomerId ?? await CustomerOfAsync(e164, cancellationToken);
        var customer = customerId is null ? null : await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);

        var reply = new InboundReply(customer?.Id, answered?.Id, phone, sms.Text, sms.Source, now,
            string.IsNullOrWhiteSpace(sms.To) ? null : Truncate(sms.To.Trim(), 32), sms.GatewayReplyId);
        var classification = (await rules.ClassifierAsync(cancellationToken)).Classify(sms.Text);
        reply.Classify(classification, now);

        // A caller that records its own entry about the reply (a simulated one) has opened a transaction: join it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.InboundReplies.Add(reply);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (sms.GatewayReplyId is { Length: > 0 } id && transaction is not null)
        {
            // The same reply arrived twice at once; the other copy was stored first.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await FindRepeatAsync(sms.Source, id, cancellationToken) ?? throw new InvalidOperationException("A reply vanished.");
        }
        long? complaintId = null;
        if (customer is not null)
        {
            // A wrong number's reply comes from someone else: it is not the customer's answer.
            if (classification.Category != ReplyCategory.WrongNumber)
            {
                customer.RecordReply(now);
            }
            complaintId = await ApplyAsync(reply, customer, classification.Category, classification.OptOut, AuditNames.SystemActor, now,
                cancellationToken, classification.RegulatorThreat);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (customer is null)
        {
            LogUnmatched(reply.Id, sms.Source, PersonalDataMask.Phone(phone));
        }
        else
        {
            LogStored(reply.Id, customer.Id, reply.MessageId, reply.Category.Code(), reply.OptedOut);
        }
        return new ReplyReceipt(reply.Id, false, customer?.Id, reply.MessageId, reply.Category, reply.OptedOut, complaintId);
    }

    /// <summary>
    /// What a reply's category does to the customer, at intake or when an operator corrects it: returns
    /// the complaint it opened, if any. A new complaint is saved at once (its id goes into the audit
    /// entry), inside the caller's transaction; the rest is saved with the caller's own changes.
    /// </summary>
    internal async Task<long?> ApplyAsync(InboundReply reply, Customer customer, ReplyCategory category, bool optOut, string actor,
        DateTimeOffset now, CancellationToken cancellationToken, bool regulatorThreat = false)
    {
        if (optOut && customer.OptedOutAt is null)
        {
            customer.OptOut(now);
            audit.Add(actor, AuditNames.Customer, customer.AccountRef, AuditNames.OptedOut, after: new { replyId = reply.Id });
        }
        if (category == ReplyCategory.WrongNumber && customer.WrongNumberSince is null)
        {
            // The number stops receiving at once; only a corrected or confirmed number lifts it (ContactCheck).
            customer.MarkWrongNumber(now);
            audit.Add(actor, AuditNames.Customer, customer.AccountRef, AuditNames.WrongNumberMarked, after: new { replyId = reply.Id });
        }
        if (category is ReplyCategory.PromiseToPay or ReplyCategory.AlreadyPaid)
        {
            customer.RecordPromiseToPay(now);
        }
        if (category != ReplyCategory.Complaint
            || await db.Complaints.AnyAsync(c => c.ReplyId == reply.Id, cancellationToken))
        {
            return null;
        }
        var complaint = Complaint.FromReply(customer.Id, reply.MessageId, reply.Id, reply.Text, now, regulatorThreat);
        db.Complaints.Add(complaint);
        customer.PlaceOnHold(CustomerHold.Complaint, now);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(actor, AuditNames.Complaint, complaint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditNames.Opened,
            after: new { replyId = reply.Id, customer.AccountRef, source = complaint.Source.ToString(), severity = complaint.Severity.ToString() });
        return complaint.Id;
    }

    /// <summary>Whether the live rules read <paramref name="text"/> as a threat to go to the regulator, police or court.</summary>
    internal async Task<bool> ThreatensRegulatorAsync(string text, CancellationToken cancellationToken) =>
        (await rules.ClassifierAsync(cancellationToken)).Classify(text).RegulatorThreat;

    private async Task<ReplyReceipt?> FindRepeatAsync(string source, string gatewayId, CancellationToken cancellationToken)
    {
        var known = await db.InboundReplies.AsNoTracking()
            .Where(r => r.Source == source && r.GatewayReplyId == gatewayId)
            .Select(r => new { r.Id, r.CustomerId, r.MessageId, r.Category, r.OptedOut })
            .FirstOrDefaultAsync(cancellationToken);
        if (known is null)
        {
            return null;
        }
        var complaintId = await db.Complaints.AsNoTracking().Where(c => c.ReplyId == known.Id).Select(c => (long?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new ReplyReceipt(known.Id, true, known.CustomerId, known.MessageId, known.Category, known.OptedOut, complaintId);
    }

    /// <summary>The message the reply answers: the one named, else the last that left for this number.</summary>
    private async Task<OutboxMessage?> AnsweredMessageAsync(long? messageId, string? e164, CancellationToken cancellationToken)
    {
        if (messageId is { } id)
        {
            return await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        }
        if (e164 is null)
        {
            return null;
        }
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Phone == e164 && m.SentAt != null)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A customer with this number when no message to it is known (most recently updated first).</summary>
    private async Task<long?> CustomerOfAsync(string? e164, CancellationToken cancellationToken) => e164 is null
        ? null
        : await db.Customers.AsNoTracking().Where(c => c.Phone == e164).OrderByDescending(c => c.UpdatedAt)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {ReplyId} from customer {CustomerId} (message {MessageId}): {Category}, opted out: {OptedOut}")]
    private partial void LogStored(long replyId, long customerId, long? messageId, string category, bool optedOut);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {ReplyId} via {Source} from {Phone} matches no customer; kept unmatched")]
    private partial void LogUnmatched(long replyId, string source, string phone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {ReplyId} via {Source} came again; stored once")]
    private partial void LogRepeat(long replyId, string source);
}
