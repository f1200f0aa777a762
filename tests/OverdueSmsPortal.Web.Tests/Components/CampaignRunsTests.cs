using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Campaigns;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The campaign page's table of runs: each run's figures and its honest state, as the run page shows them.</summary>
public sealed class CampaignRunsTests : PortalComponentTest
{
    // 10:00 in Shanghai on a Tuesday.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);

    // Holds every message of a run planned at 10:00 back until 18:00.
    private static readonly SendWindow Evenings = new(new TimeOnly(18, 0), new TimeOnly(20, 30));

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today));

    public CampaignRunsTests() => Services.AddCampaigns(database, Now);

    private async Task<IRenderedComponent<CampaignRuns>> OpenAsync(long runId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var run = await db.CampaignRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        return Render<CampaignRuns>(p => p
            .Add(c => c.CampaignId, run.CampaignId)
            .Add(c => c.Runs, [run])
            .Add(c => c.CampaignName, "十一月提醒"));
    }

    private static string Cell(IRenderedComponent<CampaignRuns> table, string column) =>
        table.Find($"[data-testid=campaign-run] [data-testid={column}]").TextContent.Trim();

    [Fact]
    public async Task An_operations_manager_reads_how_many_messages_left_and_how_many_of_those_were_delivered()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await Services.SeedSentRunAsync(Now);
        using (var scope = Services.CreateScope())
        {
            // A delivery report for one of the two: it moves past "sent" and stays among those that left.
            var messages = scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages;
            var first = await messages.Where(m => m.RunId == runId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            await messages.Where(m => m.Id == first)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Delivered).SetProperty(m => m.DeliveredAt, Now));
        }

        var table = await OpenAsync(runId);

        // The figures are read after the first render: on PostgreSQL they arrive on another thread.
        table.WaitForAssertion(() =>
        {
            Assert.Equal("2", Cell(table, "run-left"));
            Assert.Equal("1", Cell(table, "run-delivered"));
            Assert.Equal("Completed", table.Find("[data-testid=run-status]").GetAttribute("data-state"));
        }, TimeSpan.FromSeconds(15));
        var headings = table.FindAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("已发出", headings);
        Assert.Contains("已送达", headings);
    }

    [Fact]
    public async Task A_run_waiting_for_its_send_window_says_so_in_the_status_column_with_nothing_sent()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await Services.SeedPlannedRunAsync(Now, plan => plan with { Window = Evenings });
        using (var scope = Services.CreateScope())
        {
            // The dispatcher finds every message before its window and leaves them waiting.
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(runId);
        }

        var table = await OpenAsync(runId);

        table.WaitForAssertion(() =>
        {
            var status = table.Find("[data-testid=campaign-run] [data-testid=run-status]");
            Assert.Equal("等待发送时段", status.TextContent.Trim());
            Assert.Equal("WaitingForWindow", status.GetAttribute("data-state"));
        }, TimeSpan.FromSeconds(15));
        Assert.Equal("0", Cell(table, "run-left"));
        Assert.Equal("0", Cell(table, "run-delivered"));
    }
}
