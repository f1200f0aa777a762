using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Replies;

public sealed class ReplyRuleStoreTests : DatabaseTest
{
    private ReplyRuleStore Store => Portal.Service<ReplyRuleStore>();

    /// <summary>A portal seeded before rules had an order: old defaults and an Admin's own rule, all at position 0.</summary>
    private async Task GivenUnorderedRulesAsync(params ReplyRule[] own)
    {
        await Portal.QueryAsync(async db =>
        {
            db.ReplyRules.AddRange(
                new ReplyRule(ReplyCategory.Complaint, "315", ReplyMatch.Contains),
                new ReplyRule(ReplyCategory.Dispute, "不是本人", ReplyMatch.Contains),
                new ReplyRule(ReplyCategory.PromiseToPay, "会还", ReplyMatch.Contains),
                new ReplyRule(ReplyCategory.Question, "什么", ReplyMatch.Contains));
            db.ReplyRules.AddRange(own);
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_new_portal_gets_the_default_rules_in_their_order()
    {
        await Store.SeedAsync();

        var rules = await Store.ListAsync();
        Assert.Equal(DefaultReplyRules.All.Select(r => (r.Category, r.Phrase, r.Match, r.Position)),
            rules.Select(r => (r.Category, r.Phrase, r.Match, r.Position)));
    }

    [Fact]
    public async Task An_unordered_portal_gets_the_new_defaults_and_keeps_the_admins_own_rules_after_their_category()
    {
        await GivenUnorderedRulesAsync(new ReplyRule(ReplyCategory.PromiseToPay, "下个月", ReplyMatch.Contains));

        await Store.SeedAsync();

        var rules = await Store.ListAsync();
        Assert.DoesNotContain(rules, r => r.Position == 0);
        Assert.Equal(rules.Count, rules.Select(r => r.Position).Distinct().Count());
        Assert.DoesNotContain(rules, r => r.Category == ReplyCategory.Dispute && r.Phrase == "不是本人");
        Assert.DoesNotContain(rules, r => r.Phrase == "315" && r.Match == ReplyMatch.Contains);
        var own = rules.Single(r => r.Phrase == "下个月");
        Assert.Equal(rules.Where(r => r.Category == ReplyCategory.PromiseToPay).Max(r => r.Position), own.Position);
        Assert.Equal(DefaultReplyRules.All.Count + 1, rules.Count);
        var classifier = await Store.ClassifierAsync();
        Assert.Equal(ReplyCategory.AlreadyPaid, classifier.Classify("已还315元").Category);
        Assert.Equal(ReplyCategory.WrongNumber, classifier.Classify("不是本人").Category);
    }

    [Fact]
    public async Task An_admins_rule_that_a_new_default_repeats_keeps_its_id_and_takes_the_defaults_place()
    {
        var own = new ReplyRule(ReplyCategory.Dispute, "没借", ReplyMatch.Contains);
        await GivenUnorderedRulesAsync(own);

        await Store.SeedAsync();

        var rules = await Store.ListAsync();
        var kept = rules.Single(r => r.Phrase == "没借");
        Assert.Equal(own.Id, kept.Id);
        Assert.Equal(DefaultReplyRules.All.Single(r => r.Phrase == "没借").Position, kept.Position);
    }

    /// <summary>A portal seeded with the first ordered defaults (version 1: no version setting), as a release before version 2 left it.</summary>
    private async Task GivenVersionOneRulesAsync(string deletedDefault, ReplyRule own)
    {
        var addedLater = DefaultReplyRules.Added[2].ToHashSet();
        var versionOne = DefaultReplyRules.All.Where(r => !addedLater.Contains((r.Category, r.Phrase, r.Match))).ToList();
        await Portal.QueryAsync(async db =>
        {
            var position = 0;
            foreach (var rule in versionOne.Where(r => r.Phrase != deletedDefault))
            {
                db.ReplyRules.Add(new ReplyRule(rule.Category, rule.Phrase, rule.Match, ++position, rule.RegulatorThreat));
            }
            db.ReplyRules.Add(new ReplyRule(own.Category, own.Phrase, own.Match, ++position));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_portal_on_older_defaults_gets_the_rules_added_since_and_keeps_what_its_admin_did()
    {
        await GivenVersionOneRulesAsync(deletedDefault: "凑钱", own: new ReplyRule(ReplyCategory.PromiseToPay, "年后", ReplyMatch.Contains));
        var before = await Store.ListAsync();

        await Store.SeedAsync();

        var rules = await Store.ListAsync();
        Assert.Equal(before.Count + DefaultReplyRules.Added[2].Count, rules.Count);
        Assert.Equal(Enumerable.Range(1, rules.Count), rules.Select(r => r.Position));
        Assert.DoesNotContain(rules, r => r.Phrase == "凑钱");
        Assert.Contains(rules, r => r.Phrase == "年后");
        var classifier = await Store.ClassifierAsync();
        Assert.Equal(ReplyCategory.Dispute, classifier.Classify("这个贷款不是我本人办的").Category);
        Assert.Equal(ReplyCategory.WrongNumber, classifier.Classify("不是本人").Category);
        Assert.Equal(ReplyCategory.PromiseToPay, classifier.Classify("明早转").Category);
        await Portal.QueryAsync(async db =>
            Assert.Equal("2", (await db.PortalSettings.SingleAsync(s => s.Key == ReplyRuleStore.DefaultsVersionKey)).Json));

        await Store.SeedAsync();
        Assert.Equal(rules.Count, (await Store.ListAsync()).Count);
    }

    [Fact]
    public async Task Seeding_an_ordered_portal_again_changes_nothing()
    {
        await Store.SeedAsync();
        var removed = (await Store.ListAsync()).First();
        await Store.RemoveAsync(removed.Id, CampaignSetup.Operator);

        await Store.SeedAsync();

        Assert.DoesNotContain(await Store.ListAsync(), r => r.Phrase == removed.Phrase && r.Category == removed.Category);
    }

    [Fact]
    public async Task A_new_rule_goes_after_the_last_rule_of_its_category()
    {
        await Store.SeedAsync();

        Assert.True(await Store.AddAsync(ReplyCategory.OptOut, "烦死了", ReplyMatch.Contains, CampaignSetup.Operator));

        var rules = await Store.ListAsync();
        var added = rules.Single(r => r.Phrase == "烦死了");
        Assert.Equal(rules.Where(r => r.Category == ReplyCategory.OptOut).Max(r => r.Position), added.Position);
        Assert.Equal(ReplyCategory.OptOut, rules.Single(r => r.Position == added.Position - 1).Category);
        Assert.Equal(rules.Count, rules.Select(r => r.Position).Distinct().Count());
    }

    [Fact]
    public async Task Moving_a_rule_changes_what_wins_and_is_audited()
    {
        await Store.SeedAsync();
        await Store.AddAsync(ReplyCategory.Question, "明天", ReplyMatch.Contains, CampaignSetup.Operator);
        Assert.Equal(ReplyCategory.PromiseToPay, (await Store.ClassifierAsync()).Classify("明天还").Category);
        var question = (await Store.ListAsync()).Single(r => r.Phrase == "明天");

        var moves = 0;
        while ((await Store.ListAsync()).Single(r => r.Id == question.Id).Position > DefaultReplyRules.All.Single(r => r.Phrase == "明天*还").Position)
        {
            Assert.True(await Store.MoveAsync(question.Id, earlier: true, CampaignSetup.Operator));
            moves++;
        }

        Assert.Equal(ReplyCategory.Question, (await Store.ClassifierAsync()).Classify("明天还").Category);
        Assert.Equal(moves, await Portal.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "ReplyRule" && a.Action == "Updated")));
    }

    [Fact]
    public async Task The_first_rule_cannot_move_earlier_nor_the_last_later()
    {
        await Store.SeedAsync();
        var rules = await Store.ListAsync();

        Assert.False(await Store.MoveAsync(rules[0].Id, earlier: true, CampaignSetup.Operator));
        Assert.False(await Store.MoveAsync(rules[^1].Id, earlier: false, CampaignSetup.Operator));
        Assert.False(await Store.MoveAsync(-5, earlier: false, CampaignSetup.Operator));
    }

    [Fact]
    public async Task A_regulator_flag_is_kept_with_an_admins_complaint_rule()
    {
        await Store.SeedAsync();

        await Store.AddAsync(ReplyCategory.Complaint, "网信办", ReplyMatch.Contains, CampaignSetup.Operator, regulatorThreat: true);

        Assert.True((await Store.ClassifierAsync()).Classify("我去网信办反映").RegulatorThreat);
    }
}
