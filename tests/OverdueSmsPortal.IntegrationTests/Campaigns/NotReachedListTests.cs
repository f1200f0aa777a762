using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>The customers the overdue texts are not reaching, and why, on the real store.</summary>
public sealed class NotReachedListTests : DatabaseTest
{
    private ReadySegment ready = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        ready = await Portal.GivenReadySegmentAsync();
    }

    /// <summary>A message of a run of its own to the customer with the account <paramref name="accountRef"/>, as the outbox keeps it.</summary>
    private async Task GivenMessageAsync(string accountRef, TimeSpan ago, int daysOverdue, SuppressionReason? suppressed = null)
    {
        var campaign = await Portal.QueryAsync(db => db.Campaigns.AsNoTracking().FirstAsync());
        var run = (await Portal.Service<RunPlanner>().OpenRunAsync(campaign.Id, Portal.Clock.Now - ago, null))!;
        await Portal.QueryAsync(async db =>
        {
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.AccountRef == accountRef);
            var at = Portal.Clock.Now - ago;
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
            var to = MessageRecipient.For(run.Id, campaign.Id, ready.Segment.Id, customer);
            var text = new RenderedMessage(ready.Standard.Id, Variant.A, Tone.Standard, $"text {accountRef} {day}", 1, day, daysOverdue);
            OutboxMessage message;
            if (suppressed is { } reason)
            {
                message = OutboxMessage.SuppressedAtPlanning(to, text, reason, at);
            }
            else
            {
                message = OutboxMessage.Planned(to, text, at, at);
                message.Claim(customer.Phone, at);
            }
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            if (suppressed is null)
            {
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Sent).SetProperty(m => m.SentAt, at));
            }
        });
    }

    [Fact]
    public async Task Contactable_customers_without_an_overdue_text_for_ten_days_are_listed_with_why()
    {
        // NR0001 had a text 12 days ago and the cap kept yesterday's back; NR0002 was never planned;
        // NR0003 had one 3 days ago; NR0004 opted out; NR0005 is only 5 days overdue; NR0006's number is not theirs;
        // NR0007 got a reminder before the due date but no overdue text in this bill cycle.
        await Portal.GivenOverdueCustomersAsync(7, "NR", (c, i) => c.DaysOverdue(i == 5 ? 5 : 20));
        await Portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));
        await GivenMessageAsync("NR0001", TimeSpan.FromDays(12), 8);
        await GivenMessageAsync("NR0001", TimeSpan.FromDays(1), 19, SuppressionReason.FrequencyCap);
        await GivenMessageAsync("NR0003", TimeSpan.FromDays(3), 17);
        await GivenMessageAsync("NR0007", TimeSpan.FromDays(22), -2);
        await Portal.QueryAsync(async db =>
        {
            (await db.Customers.FirstAsync(c => c.AccountRef == "NR0004")).OptOut(Portal.Clock.Now);
            (await db.Customers.FirstAsync(c => c.AccountRef == "NR0006")).MarkWrongNumber(Portal.Clock.Now);
            await db.SaveChangesAsync();
        });

        var page = await Portal.Service<NotReachedList>().ListAsync(seesPersonalData: true);

        Assert.Equal(3, page.Total);
        Assert.Equal(
            [("NR0001", "frequency_cap", true), ("NR0002", NotReachedList.NoCampaign, false), ("NR0007", NotReachedList.NoCampaign, false)],
            page.Rows.OrderBy(r => r.AccountRef).Select(r => (r.AccountRef, r.Reason, r.LastOverdueMessageAt is not null)));
        Assert.All(page.Rows, r => Assert.Equal(20, r.DaysOverdue));
    }

    [Fact]
    public async Task A_viewer_sees_the_list_masked()
    {
        await Portal.GivenOverdueCustomersAsync(1, "NR", (c, _) => c.DaysOverdue(20).Named("欧阳娜娜"));

        var row = Assert.Single((await Portal.Service<NotReachedList>().ListAsync(seesPersonalData: false)).Rows);

        Assert.Equal("欧***", row.CustomerName);
        Assert.Matches(@"^139\*{4}\d{4}$", row.Phone);
    }
}
