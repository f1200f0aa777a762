using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.Web.Components.Layout;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

public sealed class NavMenuTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly CustomerDatabase database = new(Now, StudioCustomers.Overdue("CC1", "陈美玲", 9, new DateOnly(2026, 11, 24)));

    public NavMenuTests() => Services.AddCampaigns(database, Now);

    [Fact]
    public void Admin_sees_every_page()
    {
        SignInAs("admin", PortalRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.Equal(["dashboard", "customers", "customers/contact-check", "segments", "templates", "campaigns", "replies", "complaints", "repayments/upload", "users", "settings", "audit"], Links(menu));
    }

    [Theory]
    [InlineData(PortalRoles.Viewer)]
    [InlineData(PortalRoles.Author)]
    [InlineData(PortalRoles.Approver)]
    public void Other_roles_see_customers_segments_templates_campaigns_replies_and_complaints_but_not_administration(string role)
    {
        SignInAs(role.ToLowerInvariant(), role);

        var menu = Render<NavMenu>();

        Assert.Equal(["dashboard", "customers", "customers/contact-check", "segments", "templates", "campaigns", "replies", "complaints"], Links(menu));
    }

    [Fact]
    public async Task An_approver_sees_how_many_templates_and_campaigns_others_submitted_wait_for_them()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedWaitingWorkAsync();
        SignInAs("approver", PortalRoles.Approver);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Equal("1", menu.Find("a[href=campaigns] [data-testid=review-badge-campaigns]").TextContent.Trim()), Wait);
        Assert.Equal("1", menu.Find("a[href=templates] [data-testid=review-badge-templates]").TextContent.Trim());
        Assert.Equal("1 项待您审批", menu.Find("[data-testid=review-badge-templates]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task An_approver_is_not_counted_what_they_submitted_themselves()
    {
        await SeedWaitingWorkAsync(by: new Actor("id-approver", "approver") { Roles = [PortalRoles.Approver, PortalRoles.Author] });
        SignInAs("approver", PortalRoles.Approver);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Contains("templates", Links(menu)), Wait);
        Assert.Empty(menu.FindAll("[data-testid^=review-badge]"));
    }

    [Theory]
    [InlineData(PortalRoles.Viewer)]
    [InlineData(PortalRoles.Author)]
    [InlineData(PortalRoles.Admin)]
    public async Task Users_who_cannot_approve_see_no_badge(string role)
    {
        await SeedWaitingWorkAsync();
        SignInAs(role.ToLowerInvariant() + "2", role);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Contains("templates", Links(menu)), Wait);
        Assert.Empty(menu.FindAll("[data-testid^=review-badge]"));
    }

    [Fact]
    public async Task The_count_follows_the_approvers_decisions_on_the_next_navigation()
    {
        var campaign = await SeedWaitingWorkAsync();
        SignInAs("approver", PortalRoles.Approver);
        var menu = Render<NavMenu>();
        menu.WaitForElement("[data-testid=review-badge-campaigns]", Wait);

        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CampaignDesk>().ApproveAsync(campaign, CampaignServices.Approver, null);
        }
        await menu.InvokeAsync(() => Services.GetRequiredService<NavigationManager>().NavigateTo("campaigns"));

        menu.WaitForAssertion(() => Assert.Empty(menu.FindAll("[data-testid=review-badge-campaigns]")), Wait);
        Assert.NotEmpty(menu.FindAll("[data-testid=review-badge-templates]"));
    }

    /// <summary>One template version and one campaign in review, made and submitted by <paramref name="by"/> (an author by default).</summary>
    private async Task<long> SeedWaitingWorkAsync(Actor? by = null)
    {
        by ??= CampaignServices.Author;
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        using var scope = Services.CreateScope();
        var studio = scope.ServiceProvider.GetRequiredService<TemplateStudio>();
        var draft = await studio.SaveDraftAsync(segment.Id, Core.Templates.Tone.Standard, CampaignServices.CleanBody + " ", by);
        await studio.SubmitAsync(draft.Id, by);
        return (await Services.SeedCampaignAsync(segment.Id, standard.Id, by, submit: true)).Id;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }

    private static List<string?> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
}
