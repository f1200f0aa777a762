using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CustomerBuilder;

namespace OverdueSmsPortal.IntegrationTests.Segments;

/// <summary>Segments and the ladder on real SQLite: who a segment reaches, and what an Admin may change.</summary>
public sealed class SegmentCatalogTests : DatabaseTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
    }

    private SegmentCatalog Catalog => Portal.Service<SegmentCatalog>();

    [Fact]
    public async Task The_default_ladder_is_seeded_once_with_the_contract_keys()
    {
        await Catalog.SeedLadderAsync();

        var ladder = await Catalog.LadderAsync();

        Assert.Equal(["pre_due_7", "due_day", "overdue_1_3", "overdue_4_7", "overdue_8_15", "overdue_16_plus"], ladder.Select(s => s.Key));
    }

    [Fact]
    public async Task A_segments_members_are_exactly_the_customers_its_rules_describe()
    {
        var random = new Random(20261124);
        var types = Enum.GetValues<CustomerType>();
        var products = Enum.GetValues<LoanProduct>();
        string[] regions = ["广东", "北京", "新疆", "四川"];
        var customers = Enumerable.Range(0, 400).Select(i => ACustomer($"R{i:000}")
            .DaysOverdue(random.Next(-10, 30)).OfType(types[random.Next(types.Length)])
            .WithProduct(products[random.Next(products.Length)]).InRegion(regions[random.Next(regions.Length)])
            .Owing(random.Next(100, 50_000)).Build()).ToArray();
        await Portal.GivenCustomersAsync(customers);
        var rules = new SegmentRules
        {
            Name = "x", StageKey = "overdue_4_7", CustomerTypes = [CustomerType.Young, CustomerType.Retired],
            Products = [LoanProduct.CreditCard], Regions = ["广东", "新疆"], AmountMin = 1000m, AmountMax = 30_000m, Tones = [Tone.Firm],
        };

        var match = await Catalog.MatchAsync(rules, seesPersonalData: true);

        var expected = customers.Where(c =>
        {
            var days = CollectionStages.DaysOverdue(c.DueDate, PortalDatabase.Today);
            return days is >= 4 and <= 7 && rules.CustomerTypes.Contains(c.CustomerType) && rules.Products.Contains(c.Product)
                   && rules.Regions.Contains(c.Region) && c.AmountDue is >= 1000m and <= 30_000m;
        }).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, match.Count);
        Assert.All(match.Sample, row => Assert.Contains(expected, c => c.AccountRef == row.AccountRef));
    }

    [Fact]
    public async Task Readers_without_personal_data_see_the_sample_masked()
    {
        await Portal.GivenCustomersAsync(ACustomer("M1").Named("张伟").DaysOverdue(9));

        var match = await Catalog.MatchAsync(new SegmentRules { StageKey = "overdue_8_15" }, seesPersonalData: false);

        var row = Assert.Single(match.Sample);
        Assert.Equal(("张*", (decimal?)null), (row.Name, row.AmountDue));
    }

    [Fact]
    public async Task The_legal_notice_tone_is_refused_for_a_stage_before_16_days()
    {
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Catalog.CreateAsync(new SegmentRules
        {
            Name = "x", StageKey = "overdue_8_15", Tones = [Tone.Firm, Tone.LegalNotice],
        }, StudioSetup.Admin));

        Assert.Contains(invalid.Errors, e => e.ErrorCode == "segment.tones.legalNoticeEarly");
        await Portal.GivenSegmentAsync("late", "overdue_16_plus", Tone.LegalNotice);
    }

    [Fact]
    public async Task Two_segments_cannot_share_a_name()
    {
        await Portal.GivenSegmentAsync("逾期客户");

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Portal.GivenSegmentAsync(" 逾期客户 "));

        Assert.Contains(invalid.Errors, e => e.ErrorCode == "segment.name.taken");
    }

    [Fact]
    public async Task Changes_to_a_segment_are_audited_with_before_and_after()
    {
        var segment = await Portal.GivenSegmentAsync("a");
        var rules = segment.Rules();
        rules.Name = "b";
        rules.AmountMin = 500m;

        await Catalog.UpdateAsync(segment.Id, rules, StudioSetup.Admin);

        var entry = await Portal.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.EntityType == AuditNames.Segment && e.Action == AuditNames.Updated));
        Assert.Contains("\"a\"", entry.Before);
        Assert.Contains("\"b\"", entry.After);
        Assert.Equal(500m, (await Catalog.GetAsync(segment.Id))!.AmountMin);
    }

    [Fact]
    public async Task A_segment_with_templates_is_kept()
    {
        var segment = await Portal.GivenSegmentAsync();
        await Portal.Service<TemplateStudio>().SaveDraftAsync(segment.Id, Tone.Standard, StudioSetup.CleanBody, StudioSetup.Author);
        var unused = await Portal.GivenSegmentAsync("unused");

        Assert.False(await Catalog.DeleteAsync(segment.Id, StudioSetup.Admin));
        Assert.True(await Catalog.DeleteAsync(unused.Id, StudioSetup.Admin));
        Assert.Equal([segment.Id], (await Catalog.ListAsync()).Select(s => s.Segment.Id));
    }

    [Fact]
    public async Task An_admin_re_bounds_a_stage_and_segments_follow()
    {
        await Portal.GivenCustomersAsync(ACustomer("D8").DaysOverdue(8), ACustomer("D9").DaysOverdue(9));
        var ladder = (await Catalog.LadderAsync()).Select(StageInput.From).ToList();
        ladder.Single(s => s.Key == "overdue_4_7").ToDaysOverdue = 8;
        ladder.Single(s => s.Key == "overdue_8_15").FromDaysOverdue = 9;

        await Catalog.SaveLadderAsync(ladder, StudioSetup.Admin);

        var match = await Catalog.MatchAsync(new SegmentRules { StageKey = "overdue_8_15" }, true);
        Assert.Equal(["D9"], match.Sample.Select(r => r.AccountRef));
        Assert.Equal(1, await Portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == AuditNames.StageLadder)));
    }

    [Fact]
    public async Task Overlapping_stages_are_refused()
    {
        var ladder = (await Catalog.LadderAsync()).Select(StageInput.From).ToList();
        ladder.Single(s => s.Key == "overdue_8_15").FromDaysOverdue = 7;

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Catalog.SaveLadderAsync(ladder, StudioSetup.Admin));

        Assert.Contains(invalid.Errors, e => e.ErrorCode == "stage.overlap");
    }

    [Fact]
    public async Task A_stage_with_a_legal_notice_segment_cannot_move_before_day_16()
    {
        await Portal.GivenSegmentAsync("late", "overdue_16_plus", Tone.LegalNotice);
        var ladder = (await Catalog.LadderAsync()).Select(StageInput.From).ToList();
        ladder.Single(s => s.Key == "overdue_8_15").ToDaysOverdue = 12;
        ladder.Single(s => s.Key == "overdue_16_plus").FromDaysOverdue = 13;

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Catalog.SaveLadderAsync(ladder, StudioSetup.Admin));

        Assert.Contains(invalid.Errors, e => e.ErrorCode == "stage.legalNoticeInUse");
    }

    [Fact]
    public async Task Only_an_admin_may_change_segments_or_the_ladder()
    {
        var segment = await Portal.GivenSegmentAsync("kept");
        var ladder = (await Catalog.LadderAsync()).Select(StageInput.From).ToList();
        ladder[0].NameZh = "改名";
        var auditBefore = await Portal.QueryAsync(db => db.AuditEntries.CountAsync());

        foreach (var by in new[] { StudioSetup.Author, StudioSetup.Approver, new Actor("u-viewer", "viewer") { Roles = [PortalRoles.Viewer] } })
        {
            var renamed = segment.Rules();
            renamed.Name = "renamed";
            await Assert.ThrowsAsync<AccessRefusedException>(() => Catalog.CreateAsync(new SegmentRules
            {
                Name = "new", StageKey = "overdue_8_15", Tones = [Tone.Standard],
            }, by));
            await Assert.ThrowsAsync<AccessRefusedException>(() => Catalog.UpdateAsync(segment.Id, renamed, by));
            await Assert.ThrowsAsync<AccessRefusedException>(() => Catalog.DeleteAsync(segment.Id, by));
            await Assert.ThrowsAsync<AccessRefusedException>(() => Catalog.SaveLadderAsync(ladder, by));
        }

        Assert.Equal(["kept"], (await Catalog.ListAsync()).Select(s => s.Segment.Name));
        Assert.NotEqual("改名", (await Catalog.LadderAsync())[0].NameZh);
        Assert.Equal(auditBefore, await Portal.QueryAsync(db => db.AuditEntries.CountAsync()));
    }
}
