using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.Web.Components.Pages.Settings;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The send policy page over real SQLite: the limits in the lender's words, the two cadence switches and the worked timeline.</summary>
public sealed class SendPolicyPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now);

    public SendPolicyPageTests()
    {
        Services.AddCampaigns(database, Now);
        using var scope = Services.BuildServiceProvider().CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!db.StageDefinitions.Any())
        {
            db.StageDefinitions.AddRange(StageLadder.Default());
            db.SaveChanges();
        }
    }

    private IRenderedComponent<SendPolicyPage> Open()
    {
        SignInAs("admin", PortalRoles.Admin);
        RenderAsLiveCircuit();
        var page = Render<SendPolicyPage>();
        page.WaitForElement("[data-testid=policy-timeline]", Wait);
        return page;
    }

    private static List<(string? Date, string? Stage)> Shown(IRenderedComponent<SendPolicyPage> page) =>
        page.FindAll("[data-testid=policy-timeline-message]").Select(r => (r.GetAttribute("data-date"), r.GetAttribute("data-stage"))).ToList();

    private async Task<List<(string? Date, string? Stage)>> TimelineApiWouldAnswerAsync(PolicySettings settings)
    {
        using var scope = Services.CreateScope();
        var timelines = scope.ServiceProvider.GetRequiredService<PolicyTimelines>();
        var today = scope.ServiceProvider.GetRequiredService<BusinessClock>().Today();
        var scenario = PolicyTimeline.TypicalScenario(today, await timelines.LadderAsync());
        var result = await timelines.SimulateAsync(scenario, settings);
        return result.Messages.Select(d => ((string?)d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Stage)).ToList();
    }

    [Fact]
    public void The_limits_are_called_the_lenders_recommended_limits_not_statute()
    {
        var page = Open();

        var limits = page.Find("[data-testid=hard-limits]").TextContent;
        Assert.Contains("建议上限（可收紧）", limits, StringComparison.Ordinal);
        Assert.DoesNotContain("法定", limits, StringComparison.Ordinal);
        Assert.Contains("22:00", limits, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_shows_what_the_timeline_api_answers_for_a_typical_customer()
    {
        var page = Open();

        var expected = await TimelineApiWouldAnswerAsync(PolicySettings.Default);
        Assert.Equal(expected, Shown(page));
        // Reminders 7 days before and on the due date, then the ladder with 3 overdue texts in any 30 days.
        Assert.Equal(["pre_due_7", "due_day", "overdue_4_7", "overdue_8_15", "overdue_16_plus"], Shown(page).Take(5).Select(r => r.Stage));
        Assert.Contains("列入电话跟进名单", page.Find("[data-testid=policy-timeline-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Letting_the_reminders_share_the_cap_changes_the_timeline_before_it_is_saved()
    {
        var page = Open();
        var before = Shown(page);

        await page.InvokeAsync(() => page.Find("input[data-testid=policy-RemindersShareCap], [data-testid=policy-RemindersShareCap] input").Change(true));

        page.WaitForAssertion(() => Assert.NotEqual(before, Shown(page)), Wait);
        Assert.Equal(await TimelineApiWouldAnswerAsync(PolicySettings.Default with { RemindersShareCap = true }), Shown(page));
        using var scope = Services.CreateScope();
        Assert.False((await scope.ServiceProvider.GetRequiredService<SendPolicyStore>().LoadAsync()).RemindersShareCap);
    }

    [Fact]
    public async Task Pausing_sms_for_the_phone_list_is_saved_and_cuts_the_timeline_short()
    {
        var page = Open();

        await page.InvokeAsync(() => page.Find("input[data-testid=policy-PauseSmsWhileEscalated], [data-testid=policy-PauseSmsWhileEscalated] input").Change(true));
        await page.InvokeAsync(() => page.Find("[data-testid=save-policy]").Click());

        var deadline = DateTime.UtcNow + Wait;
        PolicySettings saved;
        do
        {
            using var scope = Services.CreateScope();
            saved = await scope.ServiceProvider.GetRequiredService<SendPolicyStore>().LoadAsync();
        }
        while (!saved.PauseSmsWhileEscalated && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        Assert.True(saved.PauseSmsWhileEscalated);
        // Once paused, the typical customer gets nothing after going on the list.
        page.WaitForAssertion(() => Assert.Equal(5, Shown(page).Count), Wait);
    }
}
