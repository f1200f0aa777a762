using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Outcomes;

public sealed class OutcomeRollupTests : IAsyncLifetime
{
    private static readonly string[] Regions = ["广东", "浙江", "四川"];
    private static readonly string[] ReplyTexts = ["退订", "投诉", "明天还", "好的，知道了", "已还款", "你们是谁"];

    private PortalDatabase portal = null!;
    private ReadySegment ready = null!;

    public async Task InitializeAsync()
    {
        portal = await PortalDatabase.MigratedAsync();
        await portal.SeedLadderAndWordListsAsync();
        await portal.Service<ReplyRuleStore>().SeedAsync();
        ready = await portal.GivenReadySegmentAsync();
        await portal.GivenOverdueCustomersAsync(40, shape: (customer, i) => customer
            .InRegion(Regions[i % Regions.Length])
            .WithProduct((LoanProduct)(1 + i % 3))
            .Owing(1000m + i));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private OutcomeRollups Rollups => portal.Service<OutcomeRollups>();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Roll_ups_equal_a_direct_recount_after_random_inserts(int seed)
    {
        var random = new Random(seed);
        await NewRunAsync();
        for (var round = 0; round < 6; round++)
        {
            var steps = random.Next(2, 6);
            for (var step = 0; step < steps; step++)
            {
                await RandomStepAsync(random);
            }
            // Passes come at random moments, between some steps and not others.
            if (random.Next(3) > 0)
            {
                await Rollups.RefreshAsync();
            }
        }
        await Rollups.RefreshAsync();

        var (expected, actual) = await RecountAsync();
        Assert.NotEmpty(expected);
        Assert.True(expected.Sum(e => e.Counts.Sent) > 0, "the random history sent nothing");
        Assert.Equal(expected, actual);
        Assert.Equal(RollupRecount.SummedOverRegionsAndProducts(expected), await SummariesAsync());
    }

    private Task<List<SummaryCell>> SummariesAsync() => portal.QueryAsync(RollupRecount.SummariesAsync);

    [Fact]
    public async Task A_reply_a_payment_and_a_complaint_to_a_settled_run_are_counted_at_the_next_pass()
    {
        var (run, messages) = await SettledRunAsync();
        Assert.False(await portal.QueryAsync(db => db.RollupRuns.Where(r => r.RunId == run.Id).Select(r => r.Open).SingleAsync()));
        var before = await TotalsAsync(run.Id);
        Assert.Equal((0, 0, 0), (before.Replied, before.Complained, before.Repaid));

        var first = messages.First(m => m.Status == MessageStatus.Sent);
        await portal.Service<ReplyIntake>().ReceiveAsync(new InboundSms(first.Phone!, null, "投诉", "test"));
        await RepayAsync(first.CustomerId, 300m);

        Assert.Equal(before, await TotalsAsync(run.Id));
        var pass = await Rollups.RefreshAsync();

        Assert.Equal(1, pass.RunsCounted);
        var after = await TotalsAsync(run.Id);
        Assert.Equal((1, 1, 1, 1, 30000L), (after.Replied, after.Complaints, after.Complained, after.Repaid, after.RecoveredFen));
        var (expected, actual) = await RecountAsync();
        Assert.Equal(expected, actual);
    }

    [PostgresOnlyFact("on SQLite the open transaction holds the one write lock, so no later id can commit before it")]
    public async Task A_payment_whose_transaction_commits_after_a_later_one_and_after_a_pass_is_still_counted()
    {
        var (run, messages) = await SettledRunAsync();
        var delivered = messages.Where(m => m.Status == MessageStatus.Sent).Take(2).ToList();

        // A takes the next payment id and stays open; B takes the one after it and commits first.
        await using var slow = portal.Store.NewContext();
        await using var a = await slow.Database.BeginTransactionAsync();
        slow.Repayments.Add(new Repayment($"PAY-{Guid.NewGuid():N}", delivered[0].CustomerId, 200m, portal.Clock.Now, delivered[0].Id,
            "api", portal.Clock.Now));
        await slow.SaveChangesAsync();
        await RepayAsync(delivered[1].CustomerId, 300m);
        Assert.True(await portal.QueryAsync(db => db.Repayments.MaxAsync(p => p.Id)) > slow.Repayments.Local.Single().Id);
        // A pass between them sees B's payment, not A's.
        await Rollups.RefreshAsync();
        Assert.Equal(30000L, (await TotalsAsync(run.Id)).RecoveredFen);

        await a.CommitAsync();
        await Rollups.RefreshAsync();

        var after = await TotalsAsync(run.Id);
        Assert.Equal((2, 50000L), (after.Repaid, after.RecoveredFen));
        var (expected, actual) = await RecountAsync();
        Assert.Equal(expected, actual);
        Assert.Equal(RollupRecount.SummedOverRegionsAndProducts(expected), await SummariesAsync());
    }

    [Fact]
    public async Task A_pass_with_nothing_new_counts_no_run_again()
    {
        await SettledRunAsync();
        // On PostgreSQL the reports are read again until they are older than the overlap (a transaction
        // that took an earlier id may not have committed yet); on SQLite they are never read again.
        portal.Clock.Advance(OutcomeRollups.CommitOverlap);
        await Rollups.RefreshAsync();

        var idle = await Rollups.RefreshAsync();

        Assert.Equal(0, idle.RunsCounted);
    }

    [Fact]
    public async Task A_run_counts_on_its_business_day_and_the_pass_time_is_kept()
    {
        var run = await NewRunAsync();

        await Rollups.RefreshAsync();

        var days = await portal.QueryAsync(db => db.OutcomeRollups.Where(r => r.RunId == run.Id).Select(r => r.Day).Distinct().ToListAsync());
        Assert.Equal([PortalDatabase.Today], days);
        Assert.Equal(portal.Clock.Now, await Rollups.RefreshedAtAsync());
    }

    [Fact]
    public async Task A_split_campaign_is_compared_variant_against_variant_and_too_few_customers_give_no_verdict()
    {
        var run = await NewRunAsync(split: true);
        await Rollups.RefreshAsync();

        var filter = new DashboardFilter(PortalDatabase.Today, PortalDatabase.Today);
        var result = Assert.Single(await portal.Service<OutcomeDashboard>().AbAsync(filter));

        var messages = await portal.MessagesAsync(run.Id);
        Assert.Equal(run.CampaignId, result.CampaignId);
        Assert.Equal(messages.Count(m => m.Variant == Variant.A && m.SentAt != null), result.A.Counts.Sent);
        Assert.Equal(messages.Count(m => m.Variant == Variant.B && m.SentAt != null), result.B.Counts.Sent);
        Assert.True(result.A.Counts.Sent > 0 && result.B.Counts.Sent > 0, "the split sent to one variant only");
        Assert.Equal(AbVerdict.NotEnoughData, result.Repayment.Verdict);
        var totals = (await portal.Service<OutcomeDashboard>().LoadAsync(filter)).Totals;
        Assert.Equal(totals.Sent, result.A.Counts.Sent + result.B.Counts.Sent);
    }

    [Fact]
    public async Task Filters_narrow_the_figures_and_the_drill_down_to_the_same_messages()
    {
        var run = await NewRunAsync(split: true);
        await Rollups.RefreshAsync();
        var messages = await portal.MessagesAsync(run.Id);
        var dashboard = portal.Service<OutcomeDashboard>();
        var day = new DashboardFilter(PortalDatabase.Today, PortalDatabase.Today);
        var cases = new (DashboardFilter Filter, Func<OutboxMessage, bool> Holds)[]
        {
            (day, _ => true),
            (day with { CampaignId = run.CampaignId, Variant = Variant.B }, m => m.Variant == Variant.B),
            (day with { Tone = Tone.Firm }, m => m.Tone == Tone.Firm),
            (day with { SegmentId = ready.Segment.Id, TemplateVersionId = ready.Standard.Id }, m => m.TemplateVersionId == ready.Standard.Id),
            (day with { Region = Regions[0] }, m => m.Region == Regions[0]),
            (day with { Region = Regions[1], Product = LoanProduct.CashLoan, Variant = Variant.A },
                m => m.Region == Regions[1] && m.Product == LoanProduct.CashLoan && m.Variant == Variant.A),
            (day with { CampaignId = run.CampaignId + 1000 }, _ => false),
        };

        foreach (var (filter, holds) in cases)
        {
            var expected = messages.Count(m => holds(m) && m.SentAt != null);
            Assert.Equal(expected, (await dashboard.LoadAsync(filter)).Totals.Sent);
            Assert.Equal(expected, (await dashboard.MessagesAsync(filter, DashboardMeasure.Sent, 0, 10, seesPersonalData: false)).Total);
        }
        Assert.True(messages.Any(m => m.Region == Regions[0] && m.SentAt != null), "no message in the filtered region");
    }

    private async Task<CampaignRun> NewRunAsync(bool split = false)
    {
        var segment = split
            ? new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id, ready.Firm.Id, 50)
            : new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id);
        var plan = PlanDueNow(portal.Service<BusinessClock>(), ready, 1000) with { Segments = [segment] };
        var campaign = await portal.GivenActiveCampaignAsync(plan);
        var (run, _) = await portal.RunNowAsync(campaign.Id);
        return run;
    }

    /// <summary>A run whose sent messages are all delivered, counted twice so the roll-up holds it as settled.</summary>
    private async Task<(CampaignRun Run, List<OutboxMessage> Messages)> SettledRunAsync()
    {
        var run = await NewRunAsync();
        var messages = await portal.MessagesAsync(run.Id);
        foreach (var message in messages.Where(m => m.Status == MessageStatus.Sent))
        {
            await portal.Service<DeliveryReportIntake>().ApplyAsync(message.Id, DeliveryStatus.Delivered, portal.Clock.Now, null);
        }
        await Rollups.RefreshAsync();
        await Rollups.RefreshAsync();
        return (run, messages);
    }

    private async Task RandomStepAsync(Random random)
    {
        var sentNow = await portal.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == MessageStatus.Sent).Select(m => new { m.Id, m.CustomerId, m.Phone }).ToListAsync());
        var anySent = await portal.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt != null).Select(m => new { m.Id, m.CustomerId, m.Phone }).ToListAsync());
        switch (random.Next(8))
        {
            case 0:
                // Days pass, so the frequency cap lets customers be messaged again; some runs are split.
                portal.Clock.Advance(TimeSpan.FromDays(random.Next(0, 9)));
                await NewRunAsync(split: random.Next(2) == 0);
                break;
            case 1 or 2 when sentNow.Count > 0:
                foreach (var message in sentNow.Where(_ => random.Next(3) > 0))
                {
                    var status = random.Next(5) == 0 ? DeliveryStatus.Failed : DeliveryStatus.Delivered;
                    await portal.Service<DeliveryReportIntake>().ApplyAsync(message.Id, status, portal.Clock.Now, null);
                }
                break;
            case 3 when anySent.Count > 0:
                var to = anySent[random.Next(anySent.Count)];
                await portal.Service<ReplyIntake>().ReceiveAsync(
                    new InboundSms(to.Phone!, null, ReplyTexts[random.Next(ReplyTexts.Length)], "test"));
                break;
            case 4 when anySent.Count > 0:
                portal.Clock.Advance(TimeSpan.FromHours(random.Next(1, 30)));
                await RepayAsync(anySent[random.Next(anySent.Count)].CustomerId, random.Next(1, 500));
                break;
            case 5:
                var replies = await portal.QueryAsync(db => db.InboundReplies.AsNoTracking().Select(r => r.Id).ToListAsync());
                if (replies.Count > 0)
                {
                    var category = random.Next(2) == 0 ? ReplyCategory.OptOut : ReplyCategory.Question;
                    await portal.Service<ReplyDesk>().ReclassifyAsync(replies[random.Next(replies.Count)], category, Operator);
                }
                break;
            case 6:
                // Reports that never come: the messages expire, and a late report may still correct them.
                portal.Clock.Advance(TimeSpan.FromDays(4));
                await portal.Service<OutboxWrites>().ExpireUnreportedAsync(TimeSpan.FromHours(72), CancellationToken.None);
                var expired = await portal.QueryAsync(db => db.OutboxMessages.AsNoTracking()
                    .Where(m => m.Status == MessageStatus.Expired && m.SentAt != null).Select(m => m.Id).ToListAsync());
                foreach (var id in expired.Where(_ => random.Next(4) == 0))
                {
                    await portal.Service<DeliveryReportIntake>().ApplyAsync(id, DeliveryStatus.Delivered, portal.Clock.Now, null);
                }
                break;
            default:
                await Rollups.RefreshAsync();
                break;
        }
    }

    private async Task RepayAsync(long customerId, decimal amount)
    {
        var account = await portal.QueryAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.AccountRef).SingleAsync());
        var receipt = await portal.Service<RepaymentIntake>().RecordAsync(
            [new RepaymentRecord($"PAY-{Guid.NewGuid():N}", account, amount, portal.Clock.Now)], "api", "api:test");
        Assert.Single(receipt.Recorded);
    }

    private Task<RollupCounts> TotalsAsync(long runId) => portal.QueryAsync(async db =>
        (await db.OutcomeRollups.AsNoTracking().Where(r => r.RunId == runId).ToListAsync())
        .Aggregate(RollupCounts.Zero, (sum, row) => sum + row.Counts));

    private Task<(List<RollupCell> Expected, List<RollupCell> Actual)> RecountAsync() =>
        portal.QueryAsync(db => RollupRecount.RecountAsync(db, portal.Service<BusinessClock>()));
}
