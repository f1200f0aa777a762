using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Replies;

/// <summary>The Replies page's filters. <see cref="Matched"/>: true only replies matched to a customer, false only unmatched ones.</summary>
public sealed record ReplyQuery
{
    public ReplyCategory? Category { get; init; }
    public bool? Matched { get; init; }
    public bool OnlyOptOuts { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }

    /// <summary>An account reference, or a phone number (any form libphonenumber reads).</summary>
    public string? Search { get; init; }

    /// <summary>Only the replies matched to this customer.</summary>
    public long? CustomerId { get; init; }

    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <summary>One reply in the list. For roles without personal data the name, account reference and number are masked and the text left out.</summary>
public sealed record ReplyRow(long Id, DateTimeOffset ReceivedAt, long? CustomerId, string? CustomerName, string? AccountRef, string Phone,
    string? Text, ReplyCategory Category, bool OptedOut, string? ClassifiedBy, long? MessageId, long? CampaignId, string? CampaignName,
    long? ComplaintId);

public sealed record ReplyPage(IReadOnlyList<ReplyRow> Items, int Total);

/// <summary>One line of a conversation: a message to the customer, or a reply from them.</summary>
public sealed record ConversationEntry(DateTimeOffset At, bool FromCustomer, string? Text, long? MessageId, string? CampaignName,
    Core.Campaigns.MessageStatus? Status, ReplyCategory? Category, bool OptedOut, long? ReplyId);

public sealed record Conversation(long CustomerId, string CustomerName, string AccountRef, string Phone, DateTimeOffset? OptedOutAt,
    CustomerHold Hold, IReadOnlyList<ConversationEntry> Entries);

/// <summary>The Replies page (DESIGN §2.11): replies with filters, an operator's correction of a category, and each customer's conversation.</summary>
public sealed class ReplyDesk(PortalDbContext db, ReplyIntake intake, AuditTrail audit, TimeProvider clock)
{
    public const int ConversationLength = 100;

    public async Task<ReplyPage> FindAsync(ReplyQuery query, bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var replies = db.InboundReplies.AsNoTracking();
        if (query.Category is { } category)
        {
            replies = replies.Where(r => r.Category == category);
        }
        if (query.Matched is { } matched)
        {
            replies = matched ? replies.Where(r => r.CustomerId != null) : replies.Where(r => r.CustomerId == null);
        }
        if (query.OnlyOptOuts)
        {
            replies = replies.Where(r => r.OptedOut);
        }
        if (query.From is { } from)
        {
            replies = replies.Where(r => r.ReceivedAt >= from);
        }
        if (query.To is { } to)
        {
            replies = replies.Where(r => r.ReceivedAt < to);
        }
        if (query.CustomerId is { } customerId)
        {
            replies = replies.Where(r => r.CustomerId == customerId);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            var phone = MobileNumbers.Normalize(search);
            var customerIds = db.Customers.Where(c => c.AccountRef == search || (phone != null && c.Phone == phone)).Select(c => c.Id);
            replies = replies.Where(r => (r.CustomerId != null && customerIds.Contains(r.CustomerId.Value)) || (phone != null && r.Phone == phone));
        }
        var total = await replies.CountAsync(cancellationToken);
        var page = await replies
            .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Skip(Math.Max(0, query.Page) * query.PageSize).Take(query.PageSize)
            .Select(r => new
            {
                Reply = r,
                Customer = db.Customers.Where(c => c.Id == r.CustomerId).Select(c => new { c.Name, c.AccountRef }).FirstOrDefault(),
                Campaign = db.OutboxMessages.Where(m => m.Id == r.MessageId)
                    .Join(db.Campaigns, m => m.CampaignId, c => c.Id, (m, c) => new { c.Id, c.Name }).FirstOrDefault(),
                ComplaintId = db.Complaints.Where(c => c.ReplyId == r.Id).Select(c => (long?)c.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var rows = page.Select(p => new ReplyRow(p.Reply.Id, p.Reply.ReceivedAt, p.Reply.CustomerId,
                p.Customer is null ? null : seesPersonalData ? p.Customer.Name : PersonalDataMask.Name(p.Customer.Name),
                p.Customer is null ? null : seesPersonalData ? p.Customer.AccountRef : PersonalDataMask.AccountRef(p.Customer.AccountRef),
                seesPersonalData ? Display(p.Reply.Phone) : PersonalDataMask.Phone(p.Reply.Phone),
                seesPersonalData ? p.Reply.Text : null, p.Reply.Category, p.Reply.OptedOut, p.Reply.ClassifiedBy, p.Reply.MessageId,
                p.Campaign?.Id, p.Campaign?.Name, p.ComplaintId))
            .ToList();
        return new ReplyPage(rows, total);
    }

    /// <summary>The customer's messages and replies in time order (the last <see cref="ConversationLength"/> of each).</summary>
    public async Task<Conversation?> ConversationAsync(long customerId, bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var sent = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.SentAt != null)
            .OrderByDescending(m => m.SentAt).Take(ConversationLength)
            .Join(db.Campaigns, m => m.CampaignId, c => c.Id, (m, c) => new { m.Id, m.SentAt, m.Body, m.Status, c.Name })
            .ToListAsync(cancellationToken);
        var replies = await db.InboundReplies.AsNoTracking()
            .Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.ReceivedAt).Take(ConversationLength)
            .ToListAsync(cancellationToken);
        var entries = sent.Select(m => new ConversationEntry(m.SentAt!.Value, false, seesPersonalData ? m.Body : null, m.Id, m.Name, m.Status,
                null, false, null))
            .Concat(replies.Select(r => new ConversationEntry(r.ReceivedAt, true, seesPersonalData ? r.Text : null, r.MessageId, null, null,
                r.Category, r.OptedOut, r.Id)))
            .OrderBy(e => e.At).ThenBy(e => e.FromCustomer)
            .ToList();
        return new Conversation(customer.Id, seesPersonalData ? customer.Name : PersonalDataMask.Name(customer.Name),
            seesPersonalData ? customer.AccountRef : PersonalDataMask.AccountRef(customer.AccountRef),
            seesPersonalData ? MobileNumbers.Display(customer.Phone) : PersonalDataMask.Phone(customer.Phone), customer.OptedOutAt,
            customer.Hold, entries);
    }

    /// <summary>
    /// An operator's correction of a reply's category, audited. Its effects follow the new category (an
    /// opt-out takes effect, a complaint is opened, a wrong number stops the number); an opt-out or a wrong
    /// number that already took effect is not undone (a wrong number is lifted on the customer's page).
    /// </summary>
    public async Task ReclassifyAsync(long replyId, ReplyCategory category, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.OperateCampaigns);
        var reply = await db.InboundReplies.FirstOrDefaultAsync(r => r.Id == replyId, cancellationToken)
            ?? throw new InvalidOperationException($"Reply {replyId} does not exist.");
        if (reply.Category == category)
        {
            return;
        }
        var before = reply.Category;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        reply.Reclassify(category, by.Name, now);
        if (reply.CustomerId is { } customerId)
        {
            var customer = await db.Customers.FirstAsync(c => c.Id == customerId, cancellationToken);
            if (before == ReplyCategory.WrongNumber)
            {
                // Read as a wrong number it did not count as the customer's answer; now it does.
                customer.RecordReply(reply.ReceivedAt);
            }
            var threat = category == ReplyCategory.Complaint && await intake.ThreatensRegulatorAsync(reply.Text, cancellationToken);
            await intake.ApplyAsync(reply, customer, category, category == ReplyCategory.OptOut, by.Name, now, cancellationToken, threat);
        }
        audit.Add(by.Name, AuditNames.Reply, replyId.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditNames.Reclassified,
            before: new { category = before.Code() }, after: new { category = category.Code() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Display(string phone) => phone.StartsWith('+') ? MobileNumbers.Display(phone) : phone;
}
