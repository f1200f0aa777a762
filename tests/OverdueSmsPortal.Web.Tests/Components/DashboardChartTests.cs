using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Interop;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Dashboard;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The dashboard's charts over real SQLite roll-ups: gaps, bars for few days, labelled axes.</summary>
public sealed class DashboardChartTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today, "+8613812345678"),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today, "+8613987654321"));

    public DashboardChartTests()
    {
        Services.AddCampaigns(database, Now);
        // The charts draw at their measured size, as a browser reports it; bUnit has no layout, so it says 640 × 300.
        JSInterop.Setup<ElementSize>("mudObserveElementSize", _ => true).SetResult(new ElementSize { Width = 640, Height = 300 });
    }

    /// <summary>Today's run: two messages sent and delivered, one reply (an opt-out); the roll-up has run.</summary>
    private async Task SeedTodayAsync()
    {
        await Services.SeedReplyRulesAsync();
        await Services.SeedSentRunAsync(Now);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        foreach (var id in await db.OutboxMessages.Select(m => m.Id).ToListAsync())
        {
            await scope.ServiceProvider.GetRequiredService<DeliveryReportIntake>()
                .ApplyAsync(id, OverdueSmsPortal.Core.Campaigns.DeliveryStatus.Delivered, Now, null);
        }
        await Services.ReceiveReplyAsync("+8613987654321", "退订");
        await scope.ServiceProvider.GetRequiredService<OutcomeRollups>().RefreshAsync();
    }

    /// <summary>Earlier days as the roll-up would have summed them: 100 sent, 90 delivered, <paramref name="replied"/> replies.</summary>
    private async Task SeedEarlierDaysAsync(int replied, params DateOnly[] days)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var today = await db.OutcomeSummaries.AsNoTracking().FirstAsync();
        foreach (var day in days)
        {
            db.OutcomeSummaries.Add(new OutcomeSummary(day, today.RunId, today.CampaignId, today.SegmentId, today.TemplateVersionId,
                today.Variant, today.Tone, new RollupCounts(100, 100, 90, 10, 0, 0, replied, 1, 0, 0, 3, 30000)));
        }
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<DashboardPage> Open(string address)
    {
        SignInAs("viewer", PortalRoles.Viewer);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        RenderAsLiveCircuit();
        var page = Render<DashboardPage>();
        // A chart draws its axes only once the size it observed has come back; on PostgreSQL the figures arrive on
        // another thread, so the svg can be there a render before its axes are.
        page.WaitForElement("[data-testid=chart-volume] .mud-charts-xaxis text", Wait);
        page.WaitForElement("[data-testid=chart-rates] .mud-charts-yaxis text", Wait);
        return page;
    }

    private static List<string> AxisLabels(IRenderedComponent<DashboardPage> page, string chart, string axis) =>
        page.FindAll($"[data-testid={chart}] .mud-charts-{axis} text").Select(t => t.TextContent.Trim()).ToList();

    /// <summary>The drawn points (not the larger invisible hover targets) of a line chart.</summary>
    private static List<AngleSharp.Dom.IElement> Points(IRenderedComponent<DashboardPage> page, string chart) =>
        page.FindAll($"[data-testid={chart}] circle.mud-chart-point").Where(c => c.GetAttribute("opacity") != "0").ToList();

    [Fact]
    public async Task A_weekend_without_messages_has_no_rate_point_instead_of_a_drop_to_zero()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedTodayAsync();
        await SeedEarlierDaysAsync(12, new(2026, 11, 17), new(2026, 11, 18), new(2026, 11, 19), new(2026, 11, 20), new(2026, 11, 23));

        var page = Open("dashboard?from=2026-11-17&to=2026-11-24");

        Assert.Equal("Line", page.Find("[data-testid=chart-rates]").GetAttribute("data-chart-type"));
        var saturday = page.FindAll("[data-testid=chart-rates] .mud-charts-xaxis text").Single(t => t.TextContent == "11/21").GetAttribute("x");
        var points = Points(page, "chart-rates");
        Assert.Equal(3 * 6, points.Count);
        Assert.DoesNotContain(points, p => p.GetAttribute("cx") == saturday);
        var replyLine = page.Find("[data-testid=chart-rates] path.mud-chart-line").GetAttribute("d")!;
        Assert.Equal(2, replyLine.Count(c => c == 'M'));
    }

    [Fact]
    public async Task With_one_day_of_messages_the_charts_are_bars_of_that_day_not_lines_ramping_from_zero()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedTodayAsync();

        var page = Open("dashboard?from=2026-11-17&to=2026-11-24");

        Assert.Equal("Bar", page.Find("[data-testid=chart-volume]").GetAttribute("data-chart-type"));
        Assert.Equal("Bar", page.Find("[data-testid=chart-rates]").GetAttribute("data-chart-type"));
        Assert.Equal(["11/24"], AxisLabels(page, "chart-volume", "xaxis"));
        Assert.Equal(["11/24"], AxisLabels(page, "chart-rates", "xaxis"));
        Assert.Empty(page.FindAll("[data-testid=chart-volume] path.mud-chart-line"));
    }

    [Fact]
    public async Task Sent_stands_beside_delivered_as_its_own_bar_first_in_the_legend()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedTodayAsync();

        var page = Open("dashboard?from=2026-11-24&to=2026-11-24");

        var bars = page.FindAll("[data-testid=chart-volume] path.mud-chart-bar").Select(b => b.GetAttribute("d")).ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(bars[0]![bars[0]!.LastIndexOf(' ')..], bars[1]![bars[1]!.LastIndexOf(' ')..]);
        Assert.NotEqual(bars[0]![..bars[0]!.IndexOf(" L", StringComparison.Ordinal)], bars[1]![..bars[1]!.IndexOf(" L", StringComparison.Ordinal)]);
        Assert.Equal(["已发送", "已送达", "失败或过期"],
            page.FindAll("[data-testid=chart-volume] .mud-chart-legend-item").Select(i => i.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task Over_many_days_sent_is_a_filled_area_under_the_delivered_line()
    {
        using var _ = CultureScope.Use("en");
        await SeedTodayAsync();
        await SeedEarlierDaysAsync(12, new(2026, 11, 17), new(2026, 11, 18), new(2026, 11, 19), new(2026, 11, 20), new(2026, 11, 23));

        var page = Open("dashboard?from=2026-11-17&to=2026-11-24");

        var series = page.FindAll("[data-testid=chart-volume] .mud-charts-line-series path");
        var filled = Assert.Single(series, p => p.GetAttribute("fill") != "none");
        Assert.Equal(series[0].GetAttribute("stroke"), filled.GetAttribute("fill"));
        Assert.Equal(["0", "20", "40", "60", "80", "100"], AxisLabels(page, "chart-volume", "yaxis"));
    }

    [Fact]
    public async Task The_rate_axis_is_labelled_in_percent_every_ten_up_to_the_next_ten_above_the_highest_rate()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedTodayAsync();

        var page = Open("dashboard?from=2026-11-24&to=2026-11-24");

        Assert.Equal(["0%", "10%", "20%", "30%", "40%", "50%", "60%"], AxisLabels(page, "chart-rates", "yaxis"));
    }

    [Theory]
    [InlineData(0.0, 10, 5)]
    [InlineData(1.2, 10, 5)]
    [InlineData(12.0, 20, 5)]
    [InlineData(20.0, 30, 10)]
    [InlineData(57.5, 60, 10)]
    [InlineData(100.0, 100, 10)]
    public void Low_rates_get_a_tick_every_five_percent_and_higher_ones_every_ten(double highest, double axisMax, int tick)
    {
        Assert.Equal(axisMax, DashboardCharts.RateAxisMax(highest));
        Assert.Equal(tick, DashboardCharts.RateTick(axisMax));
    }

    /// <summary>A campaign split 50/50 between the standard and the firm version; its run sent and rolled up.</summary>
    private async Task SeedSplitRunAsync()
    {
        var (segment, standard, firm) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true,
            plan => plan with { Segments = [new OverdueSmsPortal.Core.Campaigns.CampaignSegmentPlan(segment.Id, standard.Id, firm.Id, 50)] });
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<OverdueSmsPortal.Infrastructure.Campaigns.CampaignDesk>()
            .ApproveAsync(campaign.Id, CampaignServices.Approver, null);
        var planner = scope.ServiceProvider.GetRequiredService<OverdueSmsPortal.Infrastructure.Campaigns.RunPlanner>();
        var run = (await planner.OpenRunAsync(campaign.Id, Now, null))!;
        await planner.PlanAsync(run.Id);
        await scope.ServiceProvider.GetRequiredService<OverdueSmsPortal.Infrastructure.Campaigns.OutboxDispatcher>().DispatchAsync(run.Id);
        await scope.ServiceProvider.GetRequiredService<OutcomeRollups>().RefreshAsync();
    }

    private IRenderedComponent<AbPage> OpenAb(string role)
    {
        SignInAs(role.ToLowerInvariant(), role);
        Services.GetRequiredService<NavigationManager>().NavigateTo("dashboard/ab?from=2026-11-24&to=2026-11-24");
        RenderAsLiveCircuit();
        var page = Render<AbPage>();
        page.WaitForElement("[data-testid=ab-campaign]", Wait);
        return page;
    }

    [Fact]
    public async Task Each_side_of_a_split_is_named_by_its_tone_and_version()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedSplitRunAsync();

        var page = OpenAb(PortalRoles.Viewer);

        Assert.Equal(["A · 标准 · v1", "B · 严肃 · v1"], page.FindAll("[data-testid=ab-variant-name]").Select(c => c.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task An_admin_reads_each_side_rendered_for_a_real_customer_of_the_segment()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedSplitRunAsync();

        var page = OpenAb(PortalRoles.Admin);

        var samples = page.FindAll("[data-testid=ab-sample-text]").Select(t => t.TextContent).ToList();
        Assert.Equal(2, samples.Count);
        Assert.All(samples, text => Assert.Contains("陈美玲", text));
        Assert.DoesNotContain("{{", samples[0]);
        Assert.Contains("请务必今日处理", samples[1]);
        Assert.DoesNotContain("请务必今日处理", samples[0]);
    }

    [Fact]
    public async Task A_viewer_reads_each_side_written_for_an_example_customer_not_a_real_one()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedSplitRunAsync();

        var page = OpenAb(PortalRoles.Viewer);

        var samples = page.FindAll("[data-testid=ab-sample-text]").Select(t => t.TextContent).ToList();
        Assert.Equal(2, samples.Count);
        Assert.All(samples, text => Assert.Contains("王芳", text));
        Assert.DoesNotContain("陈美玲", page.Markup);
        Assert.DoesNotContain("欧阳娜娜", page.Markup);
    }
}
