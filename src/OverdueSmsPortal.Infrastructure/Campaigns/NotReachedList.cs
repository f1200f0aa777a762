using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// Why a customer has not been reached: a suppression reason code (<see cref="SuppressionReasons.Code"/>),
/// <see cref="NotReachedList.Expired"/>, <see cref="NotReachedList.Failed"/>, or <see cref="NotReachedList.NoCampaign"/>.
/// </summary>
public sealed record NotReachedRow(long CustomerId, string AccountRef, string CustomerName, string Phone, int DaysOverdue,
    DateTimeOffset? LastOverdueMessageAt, string Reason, DateTimeOffset? ReasonAt);

/// <summary>The customers the ladder is not reaching, the first of them, and how many there are in all.</summary>
public sealed record NotReachedPage(IReadOnlyList<NotReachedRow> Rows, int Total);

/// <summary>
/// Customers who owe, may be contacted (no opt-out, hold or refused number), are more than
/// <see cref="AfterDays"/> days overdue, and whose last overdue message is older than that or never
/// left in this bill cycle: the cadence is failing them, and an operator should see why. The reason is
/// what became of the last message planned for them since (suppressed, expired, failed), or that no
/// campaign planned one at all.
/// </summary>
public sealed class NotReachedList(PortalDbContext db, BusinessClock businessClock)
{
    public const int AfterDays = 10;
    public const int PageSize = 500;
    public const string Expired = "expired";
    public const string Failed = "failed";
    public const string NoCampaign = "no_campaign";

    public async Task<NotReachedPage> ListAsync(bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var now = businessClock.UtcNow();
        var today = businessClock.Today();
        var overdueBefore = today.AddDays(-AfterDays);
        var messagedSince = now.AddDays(-AfterDays);
        var query = db.Customers.AsNoTracking()
            .Where(c => c.AmountDue > 0 && c.OptedOutAt == null && c.Hold == CustomerHold.None && c.WrongNumberSince == null
                        && c.DueDate < overdueBefore)
            .Select(c => new
            {
                c.Id, c.AccountRef, c.Name, c.Phone, c.DueDate,
                LastSent = db.OutboxMessages
                    .Where(m => m.CustomerId == c.Id && m.DaysOverdue >= 1 && m.SentAt != null && m.RenderedFor > c.DueDate)
                    .Max(m => m.SentAt),
            })
            .Where(x => x.LastSent == null || x.LastSent < messagedSince);
        var total = await query.CountAsync(cancellationToken);
        var customers = await query.OrderBy(x => x.DueDate).ThenBy(x => x.Id).Take(PageSize).ToListAsync(cancellationToken);

        var ids = customers.Select(c => c.Id).ToList();
        var oldestDue = customers.Count == 0 ? today : customers.Min(c => c.DueDate);
        var lookFrom = businessClock.ToInstant(oldestDue.ToDateTime(TimeOnly.MinValue));
        var kept = await db.OutboxMessages.AsNoTracking()
            .Where(m => ids.Contains(m.CustomerId) && m.CreatedAt > lookFrom
                        && (m.Status == MessageStatus.Suppressed || m.Status == MessageStatus.Expired || m.Status == MessageStatus.Failed
                            || m.Status == MessageStatus.Waiting))
            .Select(m => new { m.CustomerId, m.Status, m.SuppressionReason, m.CreatedAt, m.FinishedAt })
            .ToListAsync(cancellationToken);
        var latest = kept.GroupBy(m => m.CustomerId).ToDictionary(g => g.Key, g => g.MaxBy(m => m.CreatedAt)!);

        var rows = customers.Select(c =>
        {
            var last = latest.GetValueOrDefault(c.Id);
            var relevant = last is not null && (c.LastSent is not { } sent || last.CreatedAt > sent) ? last : null;
            var reason = relevant switch
            {
                null => NoCampaign,
                { Status: MessageStatus.Suppressed, SuppressionReason: { } why } => why.Code(),
                { Status: MessageStatus.Expired } => Expired,
                { Status: MessageStatus.Waiting } => nameof(MessageStatus.Waiting).ToLowerInvariant(),
                _ => Failed,
            };
            return new NotReachedRow(c.Id,
                seesPersonalData ? c.AccountRef : PersonalDataMask.AccountRef(c.AccountRef),
                seesPersonalData ? c.Name : PersonalDataMask.Name(c.Name),
                seesPersonalData ? MobileNumbers.Display(c.Phone) : PersonalDataMask.Phone(c.Phone),
                CollectionStages.DaysOverdue(c.DueDate, today), c.LastSent, reason, relevant?.FinishedAt ?? relevant?.CreatedAt);
        }).ToList();
        return new NotReachedPage(rows, total);
    }
}
