using Bunit;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Web.Components.Pages.Templates;

namespace OverdueSmsPortal.Web.Tests.Components;

public sealed class TemplateOverviewTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly CustomerDatabase database = new(Now);

    public TemplateOverviewTests() => Services.AddStudio(database, Now);

    [Fact]
    public async Task Authors_open_the_studio_from_each_tone_in_use()
    {
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard, Tone.Firm);
        SignInAs("author", PortalRoles.Author);

        var overview = Render<TemplateOverview>();

        overview.WaitForAssertion(() =>
            Assert.Equal([$"templates/{segment.Id}/standard", $"templates/{segment.Id}/firm"],
                overview.FindAll("[data-testid=templates-grid] a.template-cell").Select(a => a.GetAttribute("href"))), Wait);
        Assert.Empty(overview.FindAll("[data-testid=review-queue]"));
    }

    [Fact]
    public async Task Viewers_see_where_templates_stand_but_get_no_link_into_the_studio()
    {
        await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("viewer", PortalRoles.Viewer);

        var overview = Render<TemplateOverview>();

        overview.WaitForAssertion(() => Assert.NotEmpty(overview.FindAll("[data-testid=templates-grid] .template-cell")), Wait);
        Assert.Empty(overview.FindAll("[data-testid=templates-grid] a"));
    }

    [Fact]
    public async Task A_viewer_is_not_told_to_click_cells_they_cannot_open()
    {
        using var _ = Hosting.CultureScope.Use("zh-CN");
        await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("viewer", PortalRoles.Viewer);

        var overview = Render<TemplateOverview>();

        overview.WaitForAssertion(() => Assert.NotEmpty(overview.FindAll("[data-testid=templates-grid] .template-cell")), Wait);
        Assert.DoesNotContain("点击单元格", overview.Markup);
        Assert.Contains("生效版本", overview.Find(".page-header").TextContent);
    }

    [Fact]
    public async Task An_author_is_told_a_cell_opens_the_studio()
    {
        using var _ = Hosting.CultureScope.Use("zh-CN");
        await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);

        var overview = Render<TemplateOverview>();

        overview.WaitForAssertion(() => Assert.Contains("点击单元格", overview.Find(".page-header").TextContent), Wait);
    }

    [Fact]
    public async Task Approvers_see_the_review_queue()
    {
        await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("approver", PortalRoles.Approver);

        var overview = Render<TemplateOverview>();

        overview.WaitForElement("[data-testid=review-queue]", Wait);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
