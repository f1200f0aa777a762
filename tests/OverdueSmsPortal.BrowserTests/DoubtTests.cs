using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OverdueSmsPortal.Core.Campaigns;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// A message left in doubt by a node that died, found from the campaign list and sent again by an Approver.
/// The demo history gives it a real campaign and run to belong to.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DoubtTests(DashboardFixture portal) : IAsyncLifetime
{
    private IBrowserContext context = null!;

    public async Task InitializeAsync() => context = await portal.NewContextAsync();

    public async Task DisposeAsync() => await context.CloseAsync();

    [Fact]
    public async Task An_approver_finds_a_message_in_doubt_from_the_campaign_list_and_sends_it_again()
    {
        var (messageId, customerId, runId) = await GivenAMessageInDoubtAsync();
        var approver = new PortalPage(await context.NewPageAsync());
        await approver.SignInAsync(DemoUsers.Approver);
        await approver.OpenAsync("campaigns");
        var page = approver.Page;

        await page.Locator("[data-testid=open-in-doubt]").ClickAsync();
        await page.WaitForURLAsync("**/campaigns/in-doubt");
        var row = page.Locator($"[data-testid=doubt-grid] tr:has(a[href='customers/{customerId}'])");
        await Expect(row).ToHaveCountAsync(1);
        await approver.ScreenshotAsync(portal.ScreenshotDirectory, "in-doubt-zh-CN.png");
        await row.Locator("[data-testid=doubt-resend]").ClickAsync();

        await Expect(page.GetByText("已安排重新发送")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
        await using var db = portal.Store.NewContext();
        var original = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == messageId);
        Assert.Equal(DoubtDecision.Resend, original.DoubtDecision);
        var resend = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ResentFromMessageId == messageId);
        var resendRun = await db.CampaignRuns.AsNoTracking().SingleAsync(r => r.Id == resend.RunId);
        Assert.Equal((customerId, runId), (resend.CustomerId, resendRun.ResendOfRunId));
        var entityId = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == entityId).Select(e => e.Action).ToListAsync(),
            action => action == "Resent");
    }

    /// <summary>
    /// One delivered message of an approved demo campaign, as a restarted lane leaves it: failed, in doubt.
    /// The demo campaigns ended yesterday; this one is given another week, so that it may send again.
    /// </summary>
    private async Task<(long MessageId, long CustomerId, long RunId)> GivenAMessageInDoubtAsync()
    {
        await using var db = portal.Store.NewContext();
        var message = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == MessageStatus.Delivered && m.DoubtDecision == null
                        && db.Campaigns.Any(c => c.Id == m.CampaignId && (c.Status == CampaignStatus.Active || c.Status == CampaignStatus.Completed)))
            .OrderByDescending(m => m.Id).FirstAsync();
        var nextWeek = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        await db.Campaigns.Where(c => c.Id == message.CampaignId && c.EndDate < nextWeek)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.EndDate, nextWeek));
        var now = DateTimeOffset.UtcNow;
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, MessageStatus.Failed).SetProperty(m => m.FailureReason, FailureReasons.InDoubt)
            .SetProperty(m => m.HandOverAt, now.AddMinutes(-5)).SetProperty(m => m.FinishedAt, now));
        return (message.Id, message.CustomerId, message.RunId);
    }
}
