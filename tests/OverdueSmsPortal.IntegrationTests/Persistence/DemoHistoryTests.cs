using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.IntegrationTests.Support;
using Xunit.Abstractions;

namespace OverdueSmsPortal.IntegrationTests.Persistence;

/// <summary><c>Portal:Demo:OutcomeHistory</c>: three weeks of demo outcomes, seeded once, that the dashboard can show.</summary>
public sealed class DemoHistoryTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> WithHistory = new()
    {
        ["Portal:Demo:CustomerCount"] = "2000",
        ["Portal:Demo:OutcomeHistory"] = "true",
    };

    [Fact]
    public async Task The_history_is_seeded_once_and_a_second_start_adds_nothing()
    {
        await using var portal = PortalDatabase.Create("Development", WithHistory);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await DatabaseInitializer.InitializeAsync(portal.Services);
        output.WriteLine($"first start with the history took {started.ElapsedMilliseconds} ms");
        var first = await CountsAsync(portal);

        await DatabaseInitializer.InitializeAsync(portal.Services);

        Assert.Equal(first, await CountsAsync(portal));
        Assert.Null(await portal.Service<DemoHistory>().SeedAsync());
        Assert.Equal(2, first.Campaigns);
        Assert.Equal(2 * DemoHistory.BusinessDays, first.Runs);
        Assert.True(first.Messages > 1000, $"only {first.Messages} messages");
        Assert.True(first.Replies > 0 && first.Repayments > 0, $"{first.Replies} replies, {first.Repayments} repayments");
    }

    [Fact]
    public async Task After_the_history_the_phone_follow_up_list_holds_the_customers_the_send_policy_escalated()
    {
        await using var portal = PortalDatabase.Create("Development", WithHistory);
        await DatabaseInitializer.InitializeAsync(portal.Services);
        var now = portal.Service<TimeProvider>().GetUtcNow();
        var settings = await portal.Service<SendPolicyStore>().LoadAsync();

        var customers = await portal.QueryAsync(db => db.Customers.AsNoTracking().ToListAsync());
        var states = await portal.Service<ContactStates>().LoadAsync(customers, now, settings);
        var listed = await portal.Service<EscalationList>().CountOpenAsync();

        Assert.True(listed > 0, "the demo history left nobody on the phone follow-up list");
        Assert.Equal(listed, states.Values.Count(s => s.Escalated));
    }

    [Fact]
    public async Task The_history_is_not_seeded_unless_asked_for()
    {
        await using var portal = PortalDatabase.Create("Development", new Dictionary<string, string?> { ["Portal:Demo:CustomerCount"] = "100" });

        await DatabaseInitializer.InitializeAsync(portal.Services);

        Assert.Equal(0, await portal.QueryAsync(db => db.CampaignRuns.CountAsync()));
    }

    [Fact]
    public async Task Approved_campaigns_ran_on_past_business_days_and_their_messages_reached_every_final_state()
    {
        await using var portal = PortalDatabase.Create("Development", WithHistory);
        await DatabaseInitializer.InitializeAsync(portal.Services);

        var campaigns = await portal.QueryAsync(db => db.Campaigns.AsNoTracking().Include(c => c.Segments).ToListAsync());
        Assert.All(campaigns, c =>
        {
            Assert.Equal(CampaignStatus.Completed, c.Status);
            Assert.Equal("author", c.CreatedByName);
            Assert.Equal("approver", c.Review.ReviewerName);
        });
        Assert.Contains(campaigns, c => c.Segments.Any(s => s.VersionBId is not null && s.SplitBPercent == 50));

        var runs = await portal.QueryAsync(db => db.CampaignRuns.AsNoTracking().ToListAsync());
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        var days = runs.Select(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.ScheduledFor, Shanghai).DateTime)).ToList();
        Assert.All(days, d => Assert.True(d < PortalDatabase.Today && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"a run on {d}"));

        var states = await portal.QueryAsync(db => db.OutboxMessages.GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count));
        Assert.Equal([MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.Suppressed], states.Keys.Order());
        var handedOver = states[MessageStatus.Delivered] + states[MessageStatus.Failed];
        var deliveredShare = (double)states[MessageStatus.Delivered] / handedOver;
        Assert.InRange(deliveredShare, 0.92, 0.98);
        Assert.InRange(states[MessageStatus.Suppressed], 1, handedOver / 10);

        var replies = await portal.QueryAsync(db => db.InboundReplies.AsNoTracking().ToListAsync());
        Assert.All(replies, r => Assert.NotNull(r.MessageId));
        Assert.Contains(replies, r => r.OptedOut);
        Assert.True(await portal.QueryAsync(db => db.Complaints.AnyAsync()), "no complaint");
        Assert.True(await portal.QueryAsync(db => db.Repayments.AnyAsync(p => p.CreditedMessageId != null)), "no repayment credited to a message");
    }

    [Fact]
    public async Task After_a_roll_up_the_dashboard_shows_figures_for_both_variants_of_the_split()
    {
        await using var portal = PortalDatabase.Create("Development", WithHistory);
        await DatabaseInitializer.InitializeAsync(portal.Services);

        await portal.Service<OutcomeRollups>().RefreshAsync();

        var filter = new DashboardFilter(PortalDatabase.Today.AddDays(-40), PortalDatabase.Today);
        var dashboard = portal.Service<OutcomeDashboard>();
        var totals = (await dashboard.LoadAsync(filter)).Totals;
        Assert.True(totals is { Sent: > 0, Delivered: > 0, Replied: > 0, OptedOut: > 0, Complaints: > 0, Repaid: > 0, RecoveredFen: > 0 },
            totals.ToString());
        var split = Assert.Single(await dashboard.AbAsync(filter));
        Assert.True(split.A.Counts.Sent > 0 && split.B.Counts.Sent > 0, $"A sent {split.A.Counts.Sent}, B sent {split.B.Counts.Sent}");
        output.WriteLine($"A {split.A.Repayment.Rate:P1} of {split.A.Counts.Sent}, B {split.B.Repayment.Rate:P1} of {split.B.Counts.Sent}: "
                         + $"{split.Repayment.Verdict} (p = {split.Repayment.PValue:0.####})");
    }

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static Task<(int Campaigns, int Runs, int Messages, int Replies, int Repayments, int Audit)> CountsAsync(PortalDatabase portal) =>
        portal.QueryAsync(async db => (
            await db.Campaigns.CountAsync(),
            await db.CampaignRuns.CountAsync(),
            await db.OutboxMessages.CountAsync(),
            await db.InboundReplies.CountAsync(),
            await db.Repayments.CountAsync(),
            await db.AuditEntries.CountAsync()));
}
