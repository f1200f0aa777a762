using Bunit;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Web.Components.Pages.Campaigns;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The campaign page: who may do what, and maker-checker as the approver sees it.</summary>
public sealed class CampaignPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly CustomerDatabase database = new(Now, StudioCustomers.Overdue("CC1", "陈美玲", 9, new DateOnly(2026, 11, 24)));

    public CampaignPageTests() => Services.AddCampaigns(database, Now);

    private IRenderedComponent<CampaignPage> Open(long id)
    {
        RenderAsLiveCircuit();
        var page = Render<CampaignPage>(p => p.Add(c => c.Id, id));
        page.WaitForElement("[data-testid=campaign-status]", Wait);
        return page;
    }

    [Fact]
    public async Task A_page_closed_while_its_campaign_is_still_loading_stops_the_read_and_lets_go_of_its_database()
    {
        // A slow database: the campaign's row answers only when the test lets it, and it never does.
        // The page shared the circuit's context before: closing the tab left the read running, and
        // disposing that context under it hung on PostgreSQL.
        var campaignRow = new HeldFirstRead("Campaigns") { Armed = false };
        database.AddInterceptors(Services, campaignRow);
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true);
        SignInAs("approver", PortalRoles.Approver);
        campaignRow.Armed = true;
        RenderAsLiveCircuit();
        Render<CampaignPage>(p => p.Add(c => c.Id, campaign.Id));
        await campaignRow.Held.Task.WaitAsync(Wait);

        // The user closes the tab: the circuit disposes its pages.
        await DisposeComponentsAsync().WaitAsync(Wait);

        await campaignRow.Cancelled.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task An_approver_approves_a_campaign_someone_else_submitted()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true);
        SignInAs("approver", PortalRoles.Approver);
        var page = Open(campaign.Id);

        await page.InvokeAsync(() => page.Find("[data-testid=approve-campaign]").Click());

        page.WaitForAssertion(() => Assert.Contains("已批准", page.Find("[data-testid=campaign-status]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=campaign-review]"));
        Assert.NotEmpty(page.FindAll("[data-testid=pause-campaign]"));
    }

    [Fact]
    public async Task The_approver_reads_each_side_of_an_ab_split_as_the_customers_get_it_with_its_size_and_the_forecast()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, standard, firm) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true,
            plan => plan with { Segments = [new Core.Campaigns.CampaignSegmentPlan(segment.Id, standard.Id, firm.Id, 30)] });
        SignInAs("approver", PortalRoles.Approver);

        var page = Open(campaign.Id);

        page.WaitForAssertion(() =>
        {
            var a = page.Find($"[data-testid=campaign-text-{segment.Id}-{standard.Id}]");
            var b = page.Find($"[data-testid=campaign-text-{segment.Id}-{firm.Id}]");
            Assert.Contains("标准 · v1", a.TextContent);
            Assert.Contains("A 组 · 70%", a.TextContent);
            Assert.Contains("B 组 · 30%", b.TextContent);
            Assert.Contains("尊敬的陈美玲女士", a.QuerySelector("[data-testid=preview-text]")!.TextContent);
            Assert.Contains("请务必今日处理", b.QuerySelector("[data-testid=preview-text]")!.TextContent);
            Assert.Contains("UCS-2", a.QuerySelector("[data-testid=preview-size]")!.TextContent);
        }, Wait);
        Assert.DoesNotContain("{{", page.Find("[data-testid=campaign-texts]").TextContent);
        Assert.NotNull(page.Find("[data-testid=campaign-review]"));
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=forecast-eligible]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task A_viewer_reads_the_campaigns_text_for_a_made_up_customer_and_never_a_real_one()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true);
        SignInAs("viewer", PortalRoles.Viewer);

        var page = Open(campaign.Id);

        page.WaitForAssertion(() =>
            Assert.Contains("尊敬的王芳女士", page.Find($"[data-testid=campaign-text-{segment.Id}-{standard.Id}] [data-testid=preview-text]").TextContent), Wait);
        Assert.Contains("示例客户", page.Find("[data-testid=campaign-texts]").TextContent);
        Assert.DoesNotContain("陈美玲", page.Markup);
        Assert.DoesNotContain("CC1", page.Find("[data-testid=campaign-texts]").TextContent);
    }

    [Fact]
    public async Task The_approver_sees_the_weekend_time_and_the_weekend_hours_of_what_they_review()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true,
            plan => plan with { Schedule = Core.Campaigns.CampaignSchedule.Recommended, Window = Core.Campaigns.SendWindow.Recommended });
        SignInAs("approver", PortalRoles.Approver);

        var page = Open(campaign.Id);

        Assert.NotNull(page.Find("[data-testid=approve-campaign]"));
        Assert.Contains("工作日 19:00，周末 10:00", page.Find("[data-testid=schedule-words]").TextContent);
        Assert.Equal("每天 工作日 18:00–20:30，周末 09:00–20:30", page.Find("[data-testid=summary-window]").TextContent.Trim());
    }

    [Fact]
    public async Task A_campaign_without_weekend_parts_reads_as_before()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true);
        SignInAs("approver", PortalRoles.Approver);

        var page = Open(campaign.Id);

        Assert.Contains("每天 18:00", page.Find("[data-testid=schedule-words]").TextContent);
        Assert.Equal("每天 08:00–21:00", page.Find("[data-testid=summary-window]").TextContent.Trim());
    }

    [Fact]
    public async Task The_approver_who_submitted_is_told_someone_else_must_review()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, new Actor("id-approver", "approver") { Roles = [PortalRoles.Approver, PortalRoles.Author] }, submit: true);
        SignInAs("approver", PortalRoles.Approver);

        var page = Open(campaign.Id);

        Assert.NotNull(page.Find("[data-testid=own-campaign]"));
        Assert.Empty(page.FindAll("[data-testid=approve-campaign]"));
    }

    [Fact]
    public async Task A_viewer_sees_the_campaign_and_its_forecast_but_no_buttons()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        var campaign = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true);
        SignInAs("viewer", PortalRoles.Viewer);

        var page = Open(campaign.Id);

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=forecast-eligible]").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll("button[data-testid$=-campaign]"));
        Assert.Empty(page.FindAll("a[data-testid=edit-campaign]"));
        Assert.Empty(page.FindAll("[data-testid=campaign-review]"));
    }
}
