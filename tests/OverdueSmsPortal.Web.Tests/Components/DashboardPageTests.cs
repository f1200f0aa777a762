using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Dashboard;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The dashboard, its drill-down and A/B pages over real SQLite and the real roll-up.</summary>
public sealed class DashboardPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today, "+8613812345678"),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today, "+8613987654321"));

    public DashboardPageTests() => Services.AddCampaigns(database, Now);

    /// <summary>Two messages left; one customer opts out, the other repays ¥1,234.50; the roll-up has run.</summary>
    private async Task SeedOutcomesAsync()
    {
        await Services.SeedReplyRulesAsync();
        await Services.SeedSentRunAsync(Now);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        foreach (var id in await db.OutboxMessages.Select(m => m.Id).ToListAsync())
        {
            await scope.ServiceProvider.GetRequiredService<OverdueSmsPortal.Infrastructure.Gateways.DeliveryReportIntake>()
                .ApplyAsync(id, OverdueSmsPortal.Core.Campaigns.DeliveryStatus.Delivered, Now, null);
        }
        await Services.ReceiveReplyAsync("+8613987654321", "退订");
        var receipt = await scope.ServiceProvider.GetRequiredService<RepaymentIntake>()
            .RecordAsync([new RepaymentRecord("PAY-1", "CC1", 1234.50m, Now)], "api", "api:test");
        Assert.Single(receipt.Recorded);
        await scope.ServiceProvider.GetRequiredService<OutcomeRollups>().RefreshAsync();
    }

    private IRenderedComponent<TPage> Open<TPage>(string address, string role) where TPage : IComponent
    {
        SignInAs(role.ToLowerInvariant(), role);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        RenderAsLiveCircuit();
        return Render<TPage>();
    }

    private static string Tile(IRenderedComponent<DashboardPage> page, string testId) =>
        page.Find($"[data-testid={testId}] [data-testid=tile-value]").TextContent.Trim();

    [Fact]
    public async Task The_figures_come_from_the_roll_up_formatted_for_the_reader()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedOutcomesAsync();

        var page = Open<DashboardPage>("dashboard", PortalRoles.Viewer);

        page.WaitForElement("[data-testid=dashboard-tiles]", Wait);
        Assert.Equal("2", Tile(page, "tile-Sent-Count"));
        Assert.Equal("2", Tile(page, "tile-Delivered-Count"));
        Assert.Equal("50.0%", Tile(page, "tile-Replied-Rate"));
        Assert.Equal("50.0%", Tile(page, "tile-Repaid-Rate"));
        Assert.Equal("¥1,234.50", Tile(page, "tile-Repaid-Money"));
        Assert.Equal("50.0%", Tile(page, "tile-OptedOut-Rate"));
        Assert.Equal("0.0", Tile(page, "tile-Complained-PerThousand"));
        Assert.Empty(page.FindAll("[data-testid=dashboard-empty]"));
        Assert.Contains("数据更新于", page.Find("[data-testid=dashboard-freshness]").TextContent);
        var segments = page.Find("[data-testid=table-segments]");
        Assert.Contains("标准", segments.TextContent);
        Assert.Single(segments.QuerySelectorAll("[data-testid=table-row]"));
        Assert.NotNull(page.Find("[data-testid=chart-volume] svg"));
    }

    [Fact]
    public async Task Every_figure_links_to_the_messages_behind_it_and_exports_carry_the_filter()
    {
        using var _ = CultureScope.Use("en");
        await SeedOutcomesAsync();

        var page = Open<DashboardPage>("dashboard?from=2026-11-20&to=2026-11-24&region=%E5%B9%BF%E4%B8%9C", PortalRoles.Viewer);

        page.WaitForElement("[data-testid=dashboard-tiles]", Wait);
        var link = page.Find("[data-testid=tile-OptedOut-Rate] [data-testid=tile-value]").GetAttribute("href");
        Assert.Equal("dashboard/messages?from=2026-11-20&to=2026-11-24&region=%E5%B9%BF%E4%B8%9C&measure=OptedOut", link);
        Assert.All(page.FindAll("[data-testid=table-export]"), a =>
            Assert.Contains("?from=2026-11-20&to=2026-11-24&region=%E5%B9%BF%E4%B8%9C", a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_period_with_nothing_says_so_and_shows_no_rate_as_zero()
    {
        using var _ = CultureScope.Use("en");
        await SeedOutcomesAsync();

        var page = Open<DashboardPage>("dashboard?from=2026-10-01&to=2026-10-31", PortalRoles.Viewer);

        page.WaitForElement("[data-testid=dashboard-empty]", Wait);
        Assert.Equal("0", Tile(page, "tile-Sent-Count"));
        Assert.Equal("—", Tile(page, "tile-Replied-Rate"));
        Assert.Equal("—", Tile(page, "tile-Repaid-Rate"));
        Assert.Contains("Nothing to show.", page.Find("[data-testid=table-segments]").TextContent);
    }

    [Fact]
    public async Task The_drill_down_lists_the_messages_of_one_figure_masked_for_a_viewer()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedOutcomesAsync();

        var page = Open<DrillDownPage>("dashboard/messages?from=2026-11-24&to=2026-11-24&measure=OptedOut", PortalRoles.Viewer);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=drill-phone]")), Wait);
        Assert.Equal("139****4321", page.Find("[data-testid=drill-phone]").TextContent);
        Assert.Contains("共 1 条", page.Find("[data-testid=drill-total]").TextContent);
        Assert.NotNull(page.Find("[data-testid=masking-notice]"));
    }

    [Fact]
    public async Task The_drill_down_of_all_messages_sent_shows_both_with_numbers_to_an_admin()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedOutcomesAsync();

        var page = Open<DrillDownPage>("dashboard/messages?from=2026-11-24&to=2026-11-24&measure=Sent", PortalRoles.Admin);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=drill-phone]").Count), Wait);
        Assert.Contains("13812345678", page.Find("[data-testid=drill-messages]").TextContent.Replace(" ", "", StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=masking-notice]"));
    }

    [Fact]
    public async Task The_ab_page_says_when_no_campaign_had_a_split()
    {
        using var _ = CultureScope.Use("en");
        await SeedOutcomesAsync();

        var page = Open<AbPage>("dashboard/ab?from=2026-11-24&to=2026-11-24", PortalRoles.Viewer);

        page.WaitForElement("[data-testid=ab-empty]", Wait);
        Assert.Contains("No campaign with an A/B split", page.Find("[data-testid=ab-empty]").TextContent);
    }
}
