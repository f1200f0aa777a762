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
    public async Task A_picked_segment_offers_its_approved_versions_rendered_for_a_customer_with_the_liquid_behind_a_toggle()
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
            Assert.Contains("尊敬的陈美玲女士", card.QuerySelector("[data-testid=preview-text]")!.TextContent);
        }, Wait);
        Assert.DoesNotContain("{{", builder.Find($"[data-testid=segment-templates-{segment.Id}]").TextContent);

        await builder.InvokeAsync(() => builder.Find($"[data-testid=version-a-{segment.Id}-toggle-source]").Click());

        builder.WaitForAssertion(() =>
            Assert.Contains("{{ debt.amount_due }}", builder.Find($"[data-testid=version-a-{segment.Id}-body]").TextContent), Wait);
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

    /// <summary>The builder on its timing step, with a name and a segment chosen.</summary>
    private async Task<IRenderedComponent<CampaignBuilder>> OpenTimingStepAsync()
    {
        var (segment, _, _) = await Services.SeedReadySegmentAsync();
        var builder = OpenBuilder();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=campaign-name]").Input("周末提醒"));
        await builder.InvokeAsync(() => builder.Find($"input[data-testid=pick-segment-{segment.Id}]").Change(true));
        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());
        builder.WaitForElement($"[data-testid=segment-templates-{segment.Id}]", Wait);
        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());
        builder.WaitForElement("[data-testid=schedule-kind]", Wait);
        return builder;
    }

    private static string FieldText(IRenderedComponent<CampaignBuilder> builder, string testId) =>
        builder.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public async Task A_new_campaign_fires_on_workday_evenings_and_weekend_mornings_inside_the_recommended_windows()
    {
        using var _ = CultureScope.Use("zh-CN");
        var builder = await OpenTimingStepAsync();

        Assert.Equal("19:00", builder.Find("input[data-testid=daily-time]").GetAttribute("value"));
        Assert.Equal("10:00", builder.Find("input[data-testid=weekend-time]").GetAttribute("value"));
        Assert.Equal("18:00", builder.Find("input[data-testid=window-from]").GetAttribute("value"));
        Assert.Equal("20:30", builder.Find("input[data-testid=window-to]").GetAttribute("value"));
        Assert.Equal("09:00", builder.Find("input[data-testid=weekend-window-from]").GetAttribute("value"));
        Assert.Equal("20:30", builder.Find("input[data-testid=weekend-window-to]").GetAttribute("value"));
        Assert.All(builder.FindAll("[data-testid=window-days] input[type=checkbox]"), day => Assert.True(day.HasAttribute("checked")));
        Assert.Contains("工作日 19:00，周末 10:00", builder.Find("[data-testid=schedule-words]").TextContent);
        Assert.Contains("2026-11-24 19:00", builder.Find("[data-testid=next-firings]").TextContent);
        Assert.Empty(builder.FindAll("[data-testid=daily-time-warning]"));
        Assert.Empty(builder.FindAll("[data-testid=weekend-time-warning]"));
    }

    [Fact]
    public async Task An_author_reading_english_sees_every_time_on_the_24_hour_clock_and_every_day_as_year_month_day()
    {
        using var _ = CultureScope.Use("en");
        var builder = await OpenTimingStepAsync();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=schedule-Once]").Click());
        await builder.InvokeAsync(() => builder.Find("input[data-testid=once-date]").Change("2026-11-26"));
        await builder.InvokeAsync(() => builder.Find("input[data-testid=once-time]").Change("20:15"));

        // The browser's own date and time inputs follow the browser's locale (mm/dd/yyyy, AM/PM), not the portal's.
        builder.WaitForAssertion(() => Assert.Empty(builder.FindAll("input[type=time], input[type=date], input[type=datetime-local]")), Wait);
        Assert.Equal("2026-11-26", builder.Find("input[data-testid=once-date]").GetAttribute("value"));
        Assert.Equal("20:15", builder.Find("input[data-testid=once-time]").GetAttribute("value"));
        Assert.Equal("20:30", builder.Find("input[data-testid=window-to]").GetAttribute("value"));
        Assert.Contains("2026-11-26 20:15", builder.Find("[data-testid=first-send]").TextContent);
    }

    [Fact]
    public async Task A_time_typed_as_nonsense_leaves_the_window_as_it_was()
    {
        using var _ = CultureScope.Use("en");
        var builder = await OpenTimingStepAsync();

        await builder.InvokeAsync(() => builder.Find("input[data-testid=window-from]").Change("25:99"));
        await builder.InvokeAsync(() => builder.Find("input[data-testid=window-to]").Change("晚上八点"));

        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());
        builder.WaitForElement("[data-testid=save-campaign]", Wait);
        await builder.InvokeAsync(() => builder.Find("[data-testid=step-back]").Click());
        builder.WaitForAssertion(() =>
        {
            Assert.Equal("18:00", builder.Find("input[data-testid=window-from]").GetAttribute("value"));
            Assert.Equal("20:30", builder.Find("input[data-testid=window-to]").GetAttribute("value"));
        }, Wait);
    }

    [Fact]
    public async Task A_one_off_at_0340_with_a_nine_to_eight_window_warns_and_names_the_first_real_send_time()
    {
        using var _ = CultureScope.Use("zh-CN");
        var builder = await OpenTimingStepAsync();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=schedule-Once]").Click());
        await builder.InvokeAsync(() => builder.Find("input[data-testid=once-date]").Change("2026-11-26"));
        await builder.InvokeAsync(() => builder.Find("input[data-testid=once-time]").Change("03:40"));
        await builder.InvokeAsync(() => builder.Find("input[data-testid=window-from]").Change("09:00"));
        await builder.InvokeAsync(() => builder.Find("input[data-testid=window-to]").Change("20:00"));

        builder.WaitForAssertion(() =>
        {
            Assert.Contains("不在当天的发送时段", builder.Find("[data-testid=once-time-warning]").TextContent);
            Assert.Contains("触发时间 2026-11-26 03:40，首条短信最早于 2026-11-26 09:00 发出", builder.Find("[data-testid=first-send]").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task A_warned_one_off_does_not_stop_the_author_moving_on()
    {
        using var _ = CultureScope.Use("en");
        var builder = await OpenTimingStepAsync();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=schedule-Once]").Click());
        await builder.InvokeAsync(() => builder.Find("input[data-testid=once-date]").Change("2026-11-26"));
        await builder.InvokeAsync(() => builder.Find("input[data-testid=once-time]").Change("03:40"));
        builder.WaitForAssertion(() => Assert.Equal("Fires at 2026-11-26 03:40; the first messages leave at 2026-11-26 18:00 at the earliest",
            builder.Find("[data-testid=first-send]").TextContent.Trim()), Wait);

        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());

        builder.WaitForAssertion(() => Assert.Empty(builder.FindAll("[data-testid=schedule-kind]")), Wait);
    }

    [Fact]
    public async Task A_firing_inside_the_window_names_the_time_it_leaves_without_a_warning()
    {
        using var _ = CultureScope.Use("en");
        var builder = await OpenTimingStepAsync();

        // The recommended schedule: today, a Tuesday, at 19:00 inside 18:00–20:30.
        builder.WaitForAssertion(() =>
            Assert.Equal("The first messages leave at 2026-11-24 19:00", builder.Find("[data-testid=first-send]").TextContent.Trim()), Wait);
        Assert.Equal("false", builder.Find("[data-testid=first-send]").GetAttribute("data-held-back"));
    }

    [Fact]
    public async Task A_saturday_firing_outside_the_weekend_window_warns_and_moves_to_its_opening()
    {
        using var _ = CultureScope.Use("zh-CN");
        var builder = await OpenTimingStepAsync();
        // 2026-11-28 is a Saturday: the weekend window of the recommended plan opens at 09:00.
        await builder.InvokeAsync(() => builder.Find("input[data-testid=schedule-Once]").Click());
        await builder.InvokeAsync(() => builder.Find("input[data-testid=once-date]").Change("2026-11-28"));
        await builder.InvokeAsync(() => builder.Find("input[data-testid=once-time]").Change("08:30"));

        builder.WaitForAssertion(() =>
        {
            Assert.NotNull(builder.Find("[data-testid=once-time-warning]"));
            Assert.Contains("首条短信最早于 2026-11-28 09:00 发出", builder.Find("[data-testid=first-send]").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task A_weekend_window_before_eight_is_refused_next_to_its_field()
    {
        using var _ = CultureScope.Use("zh-CN");
        var builder = await OpenTimingStepAsync();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=weekend-window-from]").Change("07:00"));

        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());

        builder.WaitForAssertion(() => Assert.Contains("发送时段不能早于 08:00。", FieldText(builder, "weekend-window-from")), Wait);
        Assert.DoesNotContain("08:00", FieldText(builder, "window-from"));
        Assert.NotNull(builder.Find("[data-testid=schedule-kind]"));
    }

    [Fact]
    public async Task A_weekend_window_that_ends_before_it_starts_is_refused_at_its_end()
    {
        using var _ = CultureScope.Use("zh-CN");
        var builder = await OpenTimingStepAsync();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=weekend-window-to]").Change("08:30"));

        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());

        builder.WaitForAssertion(() => Assert.Contains("结束时间须晚于开始时间。", FieldText(builder, "weekend-window-to")), Wait);
    }

    [Fact]
    public async Task An_emptied_weekend_time_is_asked_for_instead_of_firing_at_the_workday_time()
    {
        using var _ = CultureScope.Use("zh-CN");
        var builder = await OpenTimingStepAsync();
        await builder.InvokeAsync(() => builder.Find("input[data-testid=weekend-time]").Change(""));

        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());

        builder.WaitForAssertion(() => Assert.Contains("请填写周末发送时间", FieldText(builder, "weekend-time")), Wait);
        Assert.NotNull(builder.Find("[data-testid=schedule-kind]"));
    }

    [Fact]
    public async Task A_weekend_time_outside_the_weekend_window_is_warned_about_in_words_and_does_not_stop_the_author()
    {
        using var _ = CultureScope.Use("zh-CN");
        var builder = await OpenTimingStepAsync();

        await builder.InvokeAsync(() => builder.Find("input[data-testid=weekend-time]").Change("08:30"));

        builder.WaitForAssertion(() => Assert.Contains("周末发送时间不在周末发送时段内",
            builder.Find("[data-testid=weekend-time-warning]").TextContent), Wait);
        await builder.InvokeAsync(() => builder.Find("[data-testid=step-next]").Click());
        builder.WaitForElement("[data-testid=save-campaign]", Wait);
    }

    [Fact]
    public async Task Turning_off_the_weekend_time_fires_at_one_time_every_day()
    {
        using var _ = CultureScope.Use("zh-CN");
        var builder = await OpenTimingStepAsync();

        await builder.InvokeAsync(() => builder.Find("input[data-testid=separate-weekend-time]").Change(false));

        builder.WaitForAssertion(() =>
        {
            Assert.Contains("每天 19:00", builder.Find("[data-testid=schedule-words]").TextContent);
            Assert.Empty(builder.FindAll("input[data-testid=weekend-time]"));
        }, Wait);
    }
}
