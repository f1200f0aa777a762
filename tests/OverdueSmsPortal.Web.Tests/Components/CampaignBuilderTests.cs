using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Web.Components.Pages.Campaigns;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The campaign builder over real services: the steps, their checks, and the schedule in words.</summary>
public sealed class CampaignBuilderTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly CustomerDatabase database = new(Now, StudioCustomers.Overdue("CC1", "陈美玲", 9, new DateOnly(2026, 11, 24)));

    public CampaignBuilderTests() => Services.AddCampaigns(database, Now);

    private IRenderedComponent<CampaignBuilder> OpenBuilder()
    {
        SignInAs("author", PortalRoles.Author);
        RenderAsLiveCircuit();
        var builder = Render<CampaignBuilder>();
        builder.WaitForElement("[data-testid=step-next]", Wait);
        return builder;
    }

    [Fact]
    public async Task Moving_on_with_nothing_chosen_shows_each_error_by_its_field_and_stays()
    {
        using var _ = CultureScope.Use("zh-CN");
        await Services.SeedReadySegmentAsync();
        var builder = OpenBuilder();

        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());

        builder.WaitForAssertion(() =>
        {
            Assert.Contains("请填写活动名称。", builder.Markup);
            Assert.Contains("请至少选择一个客群。", builder.Find("[data-testid=segments-error]").TextContent);
        }, Wait);
        Assert.NotNull(builder.Find("[data-testid=segment-choices]"));
    }

    [Fact]
    public async Task A_picked_segment_offers_its_approved_versions_with_their_text()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, _, _) = await Services.SeedReadySegmentAsync();
        var builder = OpenBuilder();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=campaign-name]").Input("十一月提醒"));
        await builder.InvokeAsync(() => builder.Find($"input[data-testid=pick-segment-{segment.Id}]").Change(true));

        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());

        builder.WaitForAssertion(() =>
        {
            var card = builder.Find($"[data-testid=segment-templates-{segment.Id}]");
            Assert.Contains("标准 · v1", card.TextContent);
            Assert.Contains("{{ debt.amount_due }}", builder.Find($"[data-testid=version-a-{segment.Id}-body]").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task A_cron_schedule_is_said_in_words_with_its_next_runs()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, _, _) = await Services.SeedReadySegmentAsync();
        var builder = OpenBuilder();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=campaign-name]").Input("工作日晚间提醒"));
        await builder.InvokeAsync(() => builder.Find($"input[data-testid=pick-segment-{segment.Id}]").Change(true));
        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());
        builder.WaitForElement($"[data-testid=segment-templates-{segment.Id}]", Wait);
        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());
        builder.WaitForElement("[data-testid=schedule-kind]", Wait);

        await builder.InvokeAsync(() => builder.Find("input[data-testid=schedule-Cron]").Click());
        builder.WaitForElement("input[data-testid=cron]", Wait);
        await builder.InvokeAsync(() => builder.Find("input[data-testid=cron]").Input("0 30 18 ? * MON-FRI"));

        builder.WaitForAssertion(() =>
        {
            Assert.Contains("周一至周五 18:30", builder.Find("[data-testid=schedule-words]").TextContent);
            Assert.Contains("2026-11-24 18:30", builder.Find("[data-testid=next-firings]").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task Editing_an_active_campaign_warns_that_it_returns_to_draft_and_a_cancelled_one_says_it_cannot_change()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (segment, standard, _) = await Services.SeedReadySegmentAsync();
        var active = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: true);
        var cancelled = await Services.SeedCampaignAsync(segment.Id, standard.Id, CampaignServices.Author, submit: false);
        using (var scope = Services.CreateScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<CampaignDesk>();
            await desk.ApproveAsync(active.Id, CampaignServices.Approver, null);
            await desk.CancelAsync(cancelled.Id, CampaignServices.Author);
        }
        SignInAs("author", PortalRoles.Author);
        RenderAsLiveCircuit();

        var editing = Render<CampaignBuilder>(p => p.Add(b => b.Id, active.Id));
        editing.WaitForElement("[data-testid=edit-returns-to-draft]", Wait);
        Assert.Equal("十一月提醒", editing.Find("input[data-testid=campaign-name]").GetAttribute("value"));

        var finished = Render<CampaignBuilder>(p => p.Add(b => b.Id, cancelled.Id));
        finished.WaitForAssertion(() => Assert.Contains("不能修改", finished.Find("[data-testid=campaign-finished]").TextContent), Wait);
        Assert.Empty(finished.FindAll("[data-testid=step-next]"));
    }
}
