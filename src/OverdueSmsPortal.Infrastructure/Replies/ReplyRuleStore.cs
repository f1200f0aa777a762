using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Replies;

/// <summary>The reply classification rules an Admin edits (seeded with <see cref="DefaultReplyRules"/>), and the classifier built from them.</summary>
public sealed class ReplyRuleStore(PortalDbContext db, AuditTrail audit, IMemoryCache cache)
{
    private const string CacheKey = "reply-classifier";

    public Task<List<ReplyRule>> ListAsync(CancellationToken cancellationToken = default) =>
        db.ReplyRules.AsNoTracking().OrderBy(r => r.Category).ThenBy(r => r.Match).ThenBy(r => r.Phrase).ToListAsync(cancellationToken);

    /// <summary>The classifier of the rules as they stand; rebuilt after each change.</summary>
    public async Task<ReplyClassifier> ClassifierAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out ReplyClassifier? classifier) && classifier is not null)
        {
            return classifier;
        }
        classifier = new ReplyClassifier(await db.ReplyRules.AsNoTracking().ToListAsync(cancellationToken));
        cache.Set(CacheKey, classifier, TimeSpan.FromMinutes(1));
        return classifier;
    }

    /// <summary>Adds a rule; false when the same rule exists already.</summary>
    public async Task<bool> AddAsync(ReplyCategory category, string phrase, ReplyMatch match, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var rule = new ReplyRule(category, phrase, match);
        if (await db.ReplyRules.AnyAsync(r => r.Category == rule.Category && r.Phrase == rule.Phrase && r.Match == rule.Match, cancellationToken))
        {
            return false;
        }
        db.ReplyRules.Add(rule);
        audit.Add(by.Name, AuditNames.ReplyRule, rule.Phrase, AuditNames.Created, after: Described(rule));
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
        return true;
    }

    public async Task RemoveAsync(long id, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var rule = await db.ReplyRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return;
        }
        db.ReplyRules.Remove(rule);
        audit.Add(by.Name, AuditNames.ReplyRule, rule.Phrase, AuditNames.Deleted, before: Described(rule));
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    /// <summary>Seeds the default rules into a portal that has none (first start).</summary>
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.ReplyRules.AnyAsync(cancellationToken))
        {
            return;
        }
        db.ReplyRules.AddRange(DefaultReplyRules.All.Select(r => new ReplyRule(r.Category, r.Phrase, r.Match)));
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    private static object Described(ReplyRule rule) => new { category = rule.Category.Code(), rule.Phrase, match = rule.Match.ToString() };
}
