using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.IntegrationTests.Support;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// Sixty business days of the real planner and dispatcher on the real store: one campaign over every
/// stage of the ladder fires each evening at 19:00, for customers whose bills fall due all through the
/// period. Customers answer through the development gateway as borrowers do (明天还, 退订, 不是本人) or
/// pay through the repayments intake; the silent ones never do anything. What left is read back from
/// the outbox and checked against the rules, and the silent customers' messages are compared, day for
/// day, with the timeline the policy page and the timeline API show.
/// </summary>
public sealed class ContactStrategySimulationTests(ITestOutputHelper output) : DatabaseTest
{
    private const int Customers = 240;
    private const int Days = 60;

    private const string ReminderBody =
        "尊敬的{{ customer.name }}{{ customer.title }}，您好！【{{ lender.name }}】温馨提醒：您本期账单{{ debt.amount_due }}，" +
        "还款日为{{ debt.due_date }}。请通过官方APP或{{ lender.payment_link }}按时还款，如有疑问请致电{{ lender.hotline }}。" +
        "如您已还款，请忽略本短信。谢谢！";

    private const string OverdueBody =
        "尊敬的{{ customer.name }}{{ customer.title }}，您好！【{{ lender.name }}】提醒：您的账单{{ debt.amount_due }}已逾期" +
        "{{ debt.days_overdue }}天，请通过官方APP或{{ lender.payment_link }}尽快还款，如有困难请致电{{ lender.hotline }}协商。" +
        "如您已还款，请忽略本短信。谢谢！";

    private enum Behaviour { Silent, Promises, PaysInPart, OptsOut, WrongNumber }

    [Fact]
    public async Task Sixty_days_of_a_daily_campaign_follow_the_policy_and_match_the_timeline()
    {
        await Portal.SeedLadderAndWordListsAsync();
        await Portal.Service<Infrastructure.Replies.ReplyRuleStore>().SeedAsync();
        var ladder = await Portal.Service<SegmentCatalog>().LadderAsync();
        var plans = new List<CampaignSegmentPlan>();
        foreach (var stage in ladder.OrderBy(s => s.Order))
        {
            var segment = await Portal.Service<SegmentCatalog>().CreateAsync(
                new SegmentRules { Name = $"全部{stage.NameZh}", StageKey = stage.Key, Tones = [Tone.Standard] }, StudioSetup.Admin);
            var body = stage.FromDaysOverdue <= 0 ? ReminderBody.Replace("温馨提醒", stage.FromDaysOverdue < 0 ? "温馨提醒" : "今日到期提醒", StringComparison.Ordinal)
                : OverdueBody;
            var version = await ApprovedAsync(Portal, segment.Id, Tone.Standard, body);
            plans.Add(new CampaignSegmentPlan(segment.Id, version.Id));
        }
        var random = new Random(1206);
        var start = PortalDatabase.Today;
        var behaviours = new Dictionary<string, Behaviour>();
        await Portal.GivenOverdueCustomersAsync(Customers, "SIM", (c, i) =>
        {
            var behaviour = random.NextDouble() < 0.5 ? Behaviour.Silent : (Behaviour)(1 + random.Next(4));
            behaviours[$"SIM{i:D4}"] = behaviour;
            return c.DueOn(start.AddDays(random.Next(-40, 41))).Named(i % 2 == 0 ? "欧阳娜娜" : "王伟").Owing(3000m);
        });
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor([.. plans]) with
        {
            Schedule = CampaignSchedule.Daily(new TimeOnly(19, 0)),
            EndDate = start.AddDays(Days + 1),
        });
        // 19:00 in Shanghai on the first day.
        Portal.Clock.Advance(TimeSpan.FromHours(9));
        var intake = Portal.Service<RepaymentIntake>();

        for (var day = 0; day < Days; day++)
        {
            var (run, _) = await Portal.RunNowAsync(campaign.Id);
            var sent = await Portal.QueryAsync(db => db.OutboxMessages.AsNoTracking()
                .Where(m => m.RunId == run.Id && m.SentAt != null)
                .Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { m.Id, c.AccountRef })
                .ToListAsync());
            // The customers' side, an hour later.
            Portal.Clock.Advance(TimeSpan.FromHours(1));
            foreach (var message in sent.Where(m => behaviours[m.AccountRef] != Behaviour.Silent && random.NextDouble() < 0.6))
            {
                switch (behaviours[message.AccountRef])
                {
                    case Behaviour.Promises:
                        await Portal.Service<DevelopmentReplies>().SimulateAsync(message.Id, "好的，发工资就还", Operator);
                        break;
                    case Behaviour.OptsOut:
                        await Portal.Service<DevelopmentReplies>().SimulateAsync(message.Id, "退订", Operator);
                        break;
                    case Behaviour.WrongNumber:
                        await Portal.Service<DevelopmentReplies>().SimulateAsync(message.Id, "你们打错了，我不是本人", Operator);
                        break;
                    case Behaviour.PaysInPart:
                        await intake.RecordAsync([new RepaymentRecord($"P-{message.Id}", message.AccountRef, 200m, Portal.Clock.Now)], "api", "api:sim");
                        break;
                }
            }
            Portal.Clock.Advance(TimeSpan.FromHours(23));
        }

        var customers = await Portal.QueryAsync(db => db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id));
        var messages = await Portal.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.SentAt != null)
            .Select(m => new { m.CustomerId, SentAt = m.SentAt!.Value, m.RenderedFor, m.DaysOverdue, m.Fingerprint }).ToListAsync());
        var suppressed = await Portal.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Status == MessageStatus.Suppressed)
            .GroupBy(m => m.SuppressionReason).Select(g => new { Reason = g.Key, Count = g.Count() }).ToListAsync());
        var escalated = (await Portal.QueryAsync(db => db.EscalationEntries.AsNoTracking().ToListAsync()))
            .ToDictionary(e => e.CustomerId, e => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.AddedAt, Shanghai).DateTime));
        var optOuts = await Portal.QueryAsync(db => db.InboundReplies.AsNoTracking().Where(r => r.OptedOut)
            .GroupBy(r => r.CustomerId).Select(g => new { CustomerId = g.Key!.Value, At = g.Min(r => r.ReceivedAt) }).ToListAsync());
        var wrongNumbers = customers.Values.Where(c => c.WrongNumberSince is not null).ToDictionary(c => c.Id, c => c.WrongNumberSince!.Value);

        var history = messages.GroupBy(m => m.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.SentAt).Select(m => new SentMessage(m.SentAt, m.RenderedFor, m.DaysOverdue, m.Fingerprint)).ToList());
        var settings = PolicySettings.Default;
        var violations = new List<string>();
        foreach (var (customerId, sent) in history)
        {
            for (var i = 0; i < sent.Count; i++)
            {
                var message = sent[i];
                var local = TimeZoneInfo.ConvertTime(message.At, Shanghai);
                if (!ContactHours.Contain(TimeOnly.FromDateTime(local.DateTime)))
                {
                    violations.Add($"customer {customerId}: a message at {local:HH:mm}");
                }
                var day = DateOnly.FromDateTime(local.DateTime);
                if (i > 0 && day.DayNumber - LocalDate(sent[i - 1].At).DayNumber < settings.MinIntervalDays)
                {
                    violations.Add($"customer {customerId}: two messages less than {settings.MinIntervalDays} days apart");
                }
                if (message.Kind == MessageKind.Overdue
                    && sent.Count(s => s.Kind == MessageKind.Overdue && day.DayNumber - LocalDate(s.At).DayNumber is >= 0 and < 30) > settings.MaxMessages)
                {
                    violations.Add($"customer {customerId}: more than {settings.MaxMessages} overdue messages in 30 days");
                }
                if (message.Kind != MessageKind.Overdue && sent.Count(s => s.Kind == message.Kind && s.DueDate == message.DueDate) > 1)
                {
                    violations.Add($"customer {customerId}: two {message.Kind} reminders in one bill cycle");
                }
            }
            if (optOuts.FirstOrDefault(o => o.CustomerId == customerId) is { } optOut && sent.Any(m => m.At > optOut.At))
            {
                violations.Add($"customer {customerId}: a message after opting out");
            }
            if (wrongNumbers.TryGetValue(customerId, out var wrong) && sent.Any(m => m.At > wrong))
            {
                violations.Add($"customer {customerId}: a message to a number said not to be theirs");
            }
        }
        Assert.Empty(violations);

        var perStage = messages.GroupBy(m => ladder.StageOf(m.DaysOverdue)!.Key).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{messages.Count} messages to {history.Count} of {Customers} customers over {Days} days; by stage:");
        foreach (var stage in ladder.OrderBy(s => s.Order))
        {
            output.WriteLine($"  {stage.Key,-16} {perStage.GetValueOrDefault(stage.Key),5}");
        }
        output.WriteLine("suppressed: " + string.Join(", ", suppressed.OrderBy(s => s.Reason).Select(s => $"{s.Reason?.Code()} {s.Count}")));
        var replies = await Portal.QueryAsync(db => db.InboundReplies.AsNoTracking().GroupBy(r => r.Category)
            .Select(g => new { Category = g.Key, Count = g.Count(), OptedOut = g.Count(r => r.OptedOut) }).ToListAsync());
        output.WriteLine("replies: " + string.Join(", ", replies.Select(r => $"{r.Category.Code()} {r.Count} (opted out {r.OptedOut})")));
        output.WriteLine($"on the phone list: {escalated.Count}; numbers marked wrong: {wrongNumbers.Count}; opted out: {optOuts.Count}");
        Assert.All(ladder, stage => Assert.True(perStage.GetValueOrDefault(stage.Key) > 0, $"nothing was sent at {stage.Key}"));
        Assert.NotEmpty(wrongNumbers);
        Assert.NotEmpty(optOuts);

        // Every silent customer who spent three weeks or more at 16+ days got a 16+ text and is on the phone list,
        // and every silent customer got exactly what the timeline shows, on the day it shows.
        var timelines = Portal.Service<PolicyTimelines>();
        var silent = customers.Values.Where(c => behaviours[c.AccountRef] == Behaviour.Silent).ToList();
        var late = 0;
        foreach (var customer in silent)
        {
            var timeline = await timelines.SimulateAsync(new TimelineScenario(customer.DueDate, start, Days, ladder.Select(s => s.Key).ToList()));
            var mine = history.GetValueOrDefault(customer.Id) ?? [];
            Assert.Equal(timeline.Messages.Select(d => (d.Date, d.DaysOverdue)), mine.Select(m => (m.RenderedFor, m.DaysOverdue)));
            Assert.Equal(timeline.EscalatedOn, escalated.TryGetValue(customer.Id, out var on) ? on : null);
            if (Enumerable.Range(0, Days).Count(d => CollectionStages.DaysOverdue(customer.DueDate, start.AddDays(d)) >= 16) >= 22)
            {
                late++;
                Assert.Contains(mine, m => m.DaysOverdue >= 16);
                Assert.True(escalated.ContainsKey(customer.Id), $"{customer.AccountRef} is not on the phone list");
            }
        }
        Assert.True(late > 20, $"only {late} silent customers spent three weeks at 16+ days");
    }

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Shanghai).DateTime);
}
