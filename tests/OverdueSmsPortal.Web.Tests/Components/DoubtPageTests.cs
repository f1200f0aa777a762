using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Campaigns;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The page of messages in doubt: an Approver sends one again or leaves it; anyone else only reads, masked where they must be.</summary>
public sealed class DoubtPageTests : PortalComponentTest
{
    // 10:00 in Shanghai on a Tuesday.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today));

    public DoubtPageTests() => Services.AddCampaigns(database, Now);

    /// <summary>A run whose two messages a restarted lane found on their way and failed as in doubt.</summary>
    private async Task<long> SeedInDoubtRunAsync()
    {
        var runId = await Services.SeedPlannedRunAsync(Now);
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.Where(m => m.RunId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Failed).SetProperty(m => m.FailureReason, FailureReasons.InDoubt)
                .SetProperty(m => m.HandOverAt, Now).SetProperty(m => m.FinishedAt, Now.AddMinutes(3)));
        return runId;
    }

    private IRenderedComponent<DoubtPage> Open()
    {
        RenderAsLiveCircuit();
        RenderProviders();
        var page = Render<DoubtPage>();
        page.WaitForElement("[data-testid=doubt-grid] tbody", Wait);
        return page;
    }

    [Fact]
    public async Task An_approver_sends_one_message_again_and_it_leaves_the_list_for_a_run_of_its_own()
    {
        using var _ = CultureScope.Use("zh-CN");
        var runId = await SeedInDoubtRunAsync();
        SignInAs("approver", PortalRoles.Approver);
        var page = Open();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=doubt-resend]").Count), Wait);
        Assert.Contains("十一月提醒", page.Find("[data-testid=doubt-run]").TextContent);
        Assert.Contains("2 条待确认", page.Find("[data-testid=doubt-run]").TextContent);

        await page.InvokeAsync(() => page.FindAll("[data-testid=doubt-resend]")[0].Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=doubt-resend]")), Wait);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var decided = await db.OutboxMessages.AsNoTracking().Where(m => m.RunId == runId).OrderBy(m => m.Id).Select(m => m.DoubtDecision).ToListAsync();
        Assert.Equal([DoubtDecision.Resend, null], decided);
        var resend = await db.CampaignRuns.AsNoTracking().SingleAsync(r => r.ResendOfRunId == runId);
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.RunId == resend.Id && m.Status == MessageStatus.Waiting));
    }

    [Fact]
    public async Task A_viewer_reads_the_list_masked_and_has_no_decision_to_take()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedInDoubtRunAsync();
        SignInAs("viewer", PortalRoles.Viewer);
        var page = Open();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=doubt-grid] tbody tr:not(.mud-table-row-group-header)")
            .Count(tr => tr.QuerySelector("td") is not null && tr.TextContent.Contains('*'))), Wait);
        Assert.Empty(page.FindAll("[data-testid=doubt-resend]"));
        Assert.Empty(page.FindAll("[data-testid=doubt-leave]"));
        Assert.DoesNotContain("陈美玲", page.Markup);
    }

    [Fact]
    public void With_nothing_in_doubt_the_page_says_so()
    {
        using var _ = CultureScope.Use("zh-CN");
        SignInAs("approver", PortalRoles.Approver);
        var page = Open();

        page.WaitForAssertion(() => Assert.Equal("没有待确认的短信。", page.Find("[data-testid=doubt-empty]").TextContent.Trim()), Wait);
    }
}
