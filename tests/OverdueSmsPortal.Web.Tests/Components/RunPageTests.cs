using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Campaigns;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The live run page: it follows the outbox without a refresh, and masks what a role may not see.</summary>
public sealed class RunPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today));

    public RunPageTests() => Services.AddCampaigns(database, Now);

    private IRenderedComponent<RunPage> Open(long runId)
    {
        RenderAsLiveCircuit();
        var page = Render<RunPage>(p => p.Add(r => r.RunId, runId));
        page.WaitForElement("[data-testid=run-progress-bar]", Wait);
        return page;
    }

    [Fact]
    public async Task The_progress_follows_the_run_without_a_refresh()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await Services.SeedPlannedRunAsync(Now);
        SignInAs("author", PortalRoles.Author);
        var page = Open(runId);
        Assert.Equal("0", page.Find("[data-testid=run-progress-bar]").GetAttribute("data-percent"));

        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(runId);
        }

        page.WaitForAssertion(() =>
        {
            Assert.Equal("100", page.Find("[data-testid=run-progress-bar]").GetAttribute("data-percent"));
            Assert.Contains("已完成", page.Find("[data-testid=run-status]").TextContent);
        }, Wait);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=message-state]").Count(s => s.TextContent.Contains("已发出"))), Wait);
        Assert.Contains("陈美玲", page.Find("[data-testid=messages-grid]").TextContent);
    }

    [Fact]
    public async Task A_message_time_carries_its_year_as_every_table_of_the_portal_does()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await Services.SeedPlannedRunAsync(Now);
        SignInAs("author", PortalRoles.Author);

        var page = Open(runId);

        page.WaitForAssertion(() => Assert.Contains("2026-11-24 10:00:00", page.Find("[data-testid=messages-grid]").TextContent), Wait);
    }

    // Now is 10:00 in Shanghai on a Tuesday: an evening window holds every message back until 18:00.
    private static readonly SendWindow Evenings = new(new TimeOnly(18, 0), new TimeOnly(20, 30));

    private static string Counter(IRenderedComponent<RunPage> page, string key) =>
        page.Find($"[data-testid=run-counters] .run-counter[data-status={key}] [data-testid=counter-value]").TextContent.Trim();

    [Fact]
    public async Task A_run_planned_before_its_window_says_it_waits_for_the_window_with_its_count_and_opening()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await Services.SeedPlannedRunAsync(Now, plan => plan with { Window = Evenings });
        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(runId);
        }
        SignInAs("author", PortalRoles.Author);

        var page = Open(runId);

        Assert.Equal("等待发送时段", page.Find("[data-testid=run-status]").TextContent.Trim());
        Assert.Equal("WaitingForWindow", page.Find("[data-testid=run-status]").GetAttribute("data-state"));
        Assert.Equal("2", Counter(page, "HeldBack"));
        Assert.Equal("0", Counter(page, "Queued"));
        Assert.Contains("2 条短信在等待发送时段", page.Find("[data-testid=run-waiting]").TextContent);
        Assert.Equal("2026-11-24 18:00", page.Find("[data-testid=run-next-opening]").TextContent.Trim());
    }

    [Fact]
    public async Task A_run_waiting_for_its_window_shows_no_progress_however_many_were_kept_out()
    {
        using var _ = CultureScope.Use("en");
        var runId = await Services.SeedPlannedRunAsync(Now, plan => plan with { Window = Evenings });
        using (var scope = Services.CreateScope())
        {
            // One customer is kept out by the policy: a final state, but nothing has left.
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var first = await db.OutboxMessages.Where(m => m.RunId == runId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            await db.OutboxMessages.Where(m => m.Id == first).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Suppressed)
                .SetProperty(m => m.SuppressionReason, OverdueSmsPortal.Core.Policy.SuppressionReason.FrequencyCap));
        }
        SignInAs("author", PortalRoles.Author);

        var page = Open(runId);

        Assert.Equal("0", page.Find("[data-testid=run-progress-bar]").GetAttribute("data-percent"));
        Assert.Equal("0 %", page.Find("[data-testid=run-percent]").TextContent.Trim());
        Assert.Equal("1", Counter(page, "HeldBack"));
        Assert.Equal("1", Counter(page, "Suppressed"));
        Assert.Equal("0", Counter(page, "Left"));
    }

    [Fact]
    public async Task Delivered_messages_are_counted_among_those_sent()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await Services.SeedSentRunAsync(Now);
        using (var scope = Services.CreateScope())
        {
            // As a delivery report does: the message moves past "sent" to "delivered".
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages
                .Where(m => m.RunId == runId && m.Status == MessageStatus.Sent)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Delivered).SetProperty(m => m.DeliveredAt, Now));
        }
        SignInAs("author", PortalRoles.Author);

        var page = Open(runId);

        page.WaitForAssertion(() => Assert.Equal("2", Counter(page, "Delivered")), Wait);
        Assert.Equal("2", Counter(page, "Left"));
        Assert.Contains("已发出", page.Find("[data-testid=run-counters] .run-counter[data-status=Left]").TextContent);
        Assert.Equal("100", page.Find("[data-testid=run-progress-bar]").GetAttribute("data-percent"));
        Assert.NotEqual("WaitingForWindow", page.Find("[data-testid=run-status]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task A_viewer_sees_masked_names_and_numbers_no_texts_and_no_reply_button()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await Services.SeedPlannedRunAsync(Now);
        SignInAs("viewer", PortalRoles.Viewer);

        var page = Open(runId);

        page.WaitForAssertion(() => Assert.Contains("陈**", page.Find("[data-testid=messages-grid]").TextContent), Wait);
        var grid = page.Find("[data-testid=messages-grid]").TextContent;
        Assert.DoesNotContain("陈美玲", grid);
        Assert.DoesNotContain("13812345678", grid);
        Assert.Contains("138****5678", grid);
        Assert.Empty(page.FindAll(".message-body"));
        Assert.Empty(page.FindAll("[data-testid=simulate-reply]"));
    }

    [Fact]
    public async Task A_run_whose_gateway_cannot_be_reached_says_since_when_and_that_nothing_is_lost()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await Services.SeedPlannedRunAsync(Now);
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            (await db.CampaignRuns.SingleAsync(r => r.Id == runId)).GatewayDown("unreachable", Now);
            await db.SaveChangesAsync();
        }
        SignInAs("author", PortalRoles.Author);

        var page = Open(runId);

        var alert = page.WaitForElement("[data-testid=gateway-down]", Wait).TextContent;
        Assert.Contains("10:00", alert);
        Assert.Contains("无法连接", alert);
        Assert.Contains("不会丢失", alert);
    }

    [Fact]
    public async Task A_run_whose_gateway_answers_shows_no_outage()
    {
        var runId = await Services.SeedPlannedRunAsync(Now);
        SignInAs("author", PortalRoles.Author);

        var page = Open(runId);

        Assert.Empty(page.FindAll("[data-testid=gateway-down]"));
    }

    [Fact]
    public async Task Once_kannel_is_configured_the_run_page_says_messages_go_through_it()
    {
        using var _ = CultureScope.Use("en");
        var runId = await Services.SeedPlannedRunAsync(Now);
        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<GatewaySettingsStore>().SaveAsync(new GatewaySettingsInput
            {
                Provider = GatewayProvider.Kannel,
                KannelUrl = "http://kannel.example:13013/cgi-bin/sendsms",
                KannelUsername = "portal",
                NewKannelPassword = "kannel-secret",
                SenderId = "10690000",
                CallbackBaseUrl = "https://portal.example",
            }, CampaignServices.Admin);
        }
        SignInAs("author", PortalRoles.Author);

        var page = Open(runId);

        // The banner reads the gateway's settings on its own: on PostgreSQL it can show after the progress bar.
        var banner = page.WaitForElement("[data-testid=kannel-gateway]", Wait).TextContent;
        Assert.Contains("Kannel", banner);
        Assert.Contains("10690000", banner);
        Assert.Empty(page.FindAll("[data-testid=development-gateway]"));
        Assert.Empty(page.FindAll("[data-testid=simulate-reply]"));
    }
}
