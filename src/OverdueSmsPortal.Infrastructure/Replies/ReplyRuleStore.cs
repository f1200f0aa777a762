using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Settings;

namespace OverdueSmsPortal.Infrastructure.Replies;

/// <summary>
/// The reply classification rules an Admin edits (seeded with <see cref="DefaultReplyRules"/>), in the
/// order they are tried, and the classifier built from them.
/// </summary>
public sealed class ReplyRuleStore(PortalDbContext db, AuditTrail audit, IMemoryCache cache, TimeProvider clock)
{
    private const string CacheKey = "reply-classifier";

    /// <summary>The rules in the order they are tried.</summary>
    public Task<List<ReplyRule>> ListAsync(CancellationToken cancellationToken = default) =>
        db.ReplyRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);

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

    /// <summary>
    /// Adds a rule after the last rule of its category (at the end when it has none), so it is tried
    /// with its own kind; false when the same rule exists already.
    /// </summary>
    public async Task<bool> AddAsync(ReplyCategory category, string phrase, ReplyMatch match, Actor by, bool regulatorThreat = false,
        CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var rule = new ReplyRule(category, phrase, match, 0, regulatorThreat);
        if (await db.ReplyRules.AnyAsync(r => r.Category == rule.Category && r.Phrase == rule.Phrase && r.Match == rule.Match, cancellationToken))
        {
            return false;
        }
        var rules = await db.ReplyRules.OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var after = rules.FindLastIndex(r => r.Category == category);
        rules.Insert(after < 0 ? rules.Count : after + 1, rule);
        Renumber(rules);
        db.ReplyRules.Add(rule);
        audit.Add(by.Name, AuditNames.ReplyRule, rule.Phrase, AuditNames.Created, after: Described(rule));
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
        return true;
    }

    /// <summary>Moves a rule one place earlier (<paramref name="earlier"/>) or later in the order; false when it is already first or last.</summary>
    public async Task<bool> MoveAsync(long id, bool earlier, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var rules = await db.ReplyRules.OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var index = rules.FindIndex(r => r.Id == id);
        var other = earlier ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= rules.Count)
        {
            return false;
        }
        var rule = rules[index];
        var before = rule.Position;
        (rules[index], rules[other]) = (rules[other], rules[index]);
        Renumber(rules);
        audit.Add(by.Name, AuditNames.ReplyRule, rule.Phrase, AuditNames.Updated,
            before: new { position = before }, after: new { position = rule.Position, passed = rules[index].Phrase });
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

    /// <summary>The setting that records which version of the default rules the store holds.</summary>
    public const string DefaultsVersionKey = "replies.defaults.version";

    /// <summary>
    /// Seeds the default rules into a portal that has none (first start), brings the rules of a portal
    /// seeded before rules had an order up to the current defaults (see <see cref="UpgradeUnorderedAsync"/>),
    /// and gives a portal seeded with older defaults the rules added since (see <see cref="AddNewDefaultsAsync"/>).
    /// </summary>
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var versionRow = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == DefaultsVersionKey, cancellationToken);
        var seededVersion = versionRow is not null && int.TryParse(versionRow.Json, out var stored) ? stored : 1;
        if (!await db.ReplyRules.AnyAsync(cancellationToken))
        {
            db.ReplyRules.AddRange(DefaultReplyRules.All.Select(Copy));
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (await db.ReplyRules.AnyAsync(r => r.Position == 0, cancellationToken))
        {
            await UpgradeUnorderedAsync(cancellationToken);
        }
        else if (seededVersion < DefaultReplyRules.Version)
        {
            await AddNewDefaultsAsync(seededVersion, cancellationToken);
        }
        if (versionRow is null || seededVersion != DefaultReplyRules.Version)
        {
            await db.PortalSettings.PutAsync(DefaultsVersionKey,
                DefaultReplyRules.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditNames.SystemActor, clock.GetUtcNow(),
                cancellationToken);
            // Saved after the rules: should the start stop in between, the next one adds nothing twice, as rules present are skipped.
            await db.SaveChangesAsync(cancellationToken);
        }
        cache.Remove(CacheKey);
    }

    /// <summary>
    /// Adds the default rules of the versions after <paramref name="seededVersion"/>, each right after the
    /// stored rule that comes before it among the defaults (so "不是*本人*办" still stands ahead of "不是*本人"),
    /// and keeps every rule as an Admin left it: their own rules stay where they are, and a default rule an
    /// Admin deleted is not brought back, since only rules new in a later version are added.
    /// </summary>
    private async Task AddNewDefaultsAsync(int seededVersion, CancellationToken cancellationToken)
    {
        var stored = await db.ReplyRules.OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var keys = stored.Select(r => (r.Category, r.Phrase, r.Match)).ToHashSet();
        var added = DefaultReplyRules.Added.Where(v => v.Key > seededVersion).SelectMany(v => v.Value).ToHashSet();
        var ordered = new List<ReplyRule>(stored);
        var inserted = new List<ReplyRule>();
        var anchor = -1;
        foreach (var rule in DefaultReplyRules.All)
        {
            var key = (rule.Category, rule.Phrase, rule.Match);
            var at = ordered.FindIndex(r => (r.Category, r.Phrase, r.Match) == key);
            if (at >= 0)
            {
                anchor = at;
                continue;
            }
            if (!added.Contains(key) || keys.Contains(key))
            {
                continue;
            }
            var copy = Copy(rule);
            var after = anchor >= 0 ? anchor : ordered.FindLastIndex(r => r.Category == rule.Category);
            ordered.Insert(after + 1, copy);
            anchor = after + 1;
            inserted.Add(copy);
            keys.Add(key);
        }
        if (inserted.Count == 0)
        {
            return;
        }
        Renumber(ordered);
        db.ReplyRules.AddRange(inserted);
        audit.Add(AuditNames.SystemActor, AuditNames.ReplyRule, "defaults", AuditNames.Updated,
            after: new { version = DefaultReplyRules.Version, added = inserted.Count, rules = ordered.Count });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Rules stored before rules had an order all stand at position 0 (the ReplyRuleOrder migration's
    /// default). The first start after it replaces the old default rules (those of the first release,
    /// listed in <see cref="UnorderedDefaults"/>) with the current ones in their order, and keeps every rule
    /// an Admin added, each after the last default of its category. This is done here rather than in the
    /// migration because the defaults live in code; positions other than 0 mark it done, so it runs once.
    /// An old default an Admin had removed comes back with the new defaults: the Admin may remove it again.
    /// </summary>
    private async Task UpgradeUnorderedAsync(CancellationToken cancellationToken)
    {
        var stored = await db.ReplyRules.OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var oldDefaults = UnorderedDefaults.Select(r => (r.Category, r.Phrase, r.Match)).ToHashSet();
        var own = stored.Where(r => !oldDefaults.Contains((r.Category, r.Phrase, r.Match))).ToList();
        db.ReplyRules.RemoveRange(stored.Except(own));
        var ownKeys = own.Select(r => (r.Category, r.Phrase, r.Match)).ToHashSet();
        var ordered = new List<ReplyRule>();
        foreach (var rule in DefaultReplyRules.All)
        {
            var admins = own.FirstOrDefault(r => (r.Category, r.Phrase, r.Match) == (rule.Category, rule.Phrase, rule.Match));
            ordered.Add(admins ?? Copy(rule));
        }
        foreach (var rule in own.Where(r => !ordered.Contains(r)))
        {
            var after = ordered.FindLastIndex(r => r.Category == rule.Category);
            ordered.Insert(after < 0 ? ordered.Count : after + 1, rule);
        }
        Renumber(ordered);
        audit.Add(AuditNames.SystemActor, AuditNames.ReplyRule, "defaults", AuditNames.Updated,
            after: new { rules = ordered.Count, kept = own.Count });
        // Old defaults go out before the new ones come in: a new default may repeat an old one (same category, phrase and match).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ReplyRules.AddRange(ordered.Where(r => !ownKeys.Contains((r.Category, r.Phrase, r.Match))));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    /// <summary>The default rules of the first release, which had no order: what an unordered portal was seeded with.</summary>
    internal static IReadOnlyList<ReplyRule> UnorderedDefaults { get; } =
    [
        .. Old(ReplyCategory.OptOut, ReplyMatch.Contains, "退订", "退定", "取消订阅", "不要再发", "别再发", "停止发送", "拒收", "unsubscribe", "stop",
            "opt out"),
        .. Old(ReplyCategory.OptOut, ReplyMatch.Whole, "TD", "T", "N", "0000", "QX"),
        .. Old(ReplyCategory.Complaint, ReplyMatch.Contains, "投诉", "举报", "12378", "银保监", "金融监管", "消费者协会", "315", "报警", "骚扰",
            "complain", "complaint", "harass", "harassment", "report you"),
        .. Old(ReplyCategory.Dispute, ReplyMatch.Contains, "不是我", "不是本人", "打错了", "发错了", "不认识", "没借过", "没有借", "没有欠", "金额不对",
            "金额有误", "账单有误", "搞错", "wrong number", "wrong person", "not mine", "not me", "dispute"),
        .. Old(ReplyCategory.AlreadyPaid, ReplyMatch.Contains, "已还", "已经还", "还过了", "还了", "已付", "已经付", "已缴", "已转账", "已结清",
            "already paid", "have paid", "paid already"),
        .. Old(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "明天还", "今天还", "马上还", "稍后还", "晚点还", "下周还", "周末还", "月底还",
            "过几天还", "发工资还", "尽快还", "会还", "一定还", "马上处理", "尽快处理", "will pay", "pay tomorrow", "pay today", "pay soon", "promise"),
        .. Old(ReplyCategory.Question, ReplyMatch.Contains, "?", "？", "怎么", "为什么", "多少", "如何", "能不能", "可以吗", "哪里", "什么", "how", "why",
            "what", "when", "where"),
    ];

    private static IEnumerable<ReplyRule> Old(ReplyCategory category, ReplyMatch match, params string[] phrases) =>
        phrases.Select(p => new ReplyRule(category, p, match));

    private static ReplyRule Copy(ReplyRule rule) => new(rule.Category, rule.Phrase, rule.Match, rule.Position, rule.RegulatorThreat);

    private static void Renumber(List<ReplyRule> rules)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Position != i + 1)
            {
                rules[i].MoveTo(i + 1);
            }
        }
    }

    private static object Described(ReplyRule rule) =>
        new { category = rule.Category.Code(), rule.Phrase, match = rule.Match.ToString(), rule.Position, rule.RegulatorThreat };
}
