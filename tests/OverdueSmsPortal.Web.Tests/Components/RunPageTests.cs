using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
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
