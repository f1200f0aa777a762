using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.Web.Components.Pages.Settings;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The Admin's attribution window over real SQLite: shown, saved, and refused outside 1–90 days.</summary>
public sealed class OutcomeSettingsPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now);

    public OutcomeSettingsPageTests() => Services.AddCampaigns(database, Now);

    private IRenderedComponent<OutcomeSettingsPage> Open()
    {
        SignInAs("admin", PortalRoles.Admin);
        RenderAsLiveCircuit();
        var page = Render<OutcomeSettingsPage>();
        page.WaitForElement("[data-testid=outcome-settings]", Wait);
        return page;
    }

    private static IElement Window(IRenderedComponent<OutcomeSettingsPage> page) =>
        page.Find("[data-testid=attribution-window] input, input[data-testid=attribution-window]");

    private static string WindowText(IRenderedComponent<OutcomeSettingsPage> page) =>
        Window(page).Closest(".mud-input-control")!.TextContent;

    private async Task<int> StoredDaysAsync()
    {
        using var scope = Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<OutcomeSettingsStore>().LoadAsync()).AttributionWindowDays;
    }

    [Fact]
    public void The_window_starts_at_seven_days()
    {
        var page = Open();

        Assert.Equal("7", Window(page).GetAttribute("value"));
    }

    [Fact]
    public async Task A_window_of_fourteen_days_is_saved()
    {
        var page = Open();

        await page.InvokeAsync(() => Window(page).Change("14"));
        await page.InvokeAsync(() => page.Find("[data-testid=save-outcomes]").Click());

        var deadline = DateTime.UtcNow + Wait;
        while (await StoredDaysAsync() != 14 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(14, await StoredDaysAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    public async Task A_window_outside_one_to_ninety_days_shows_the_range_and_cannot_be_saved(string days)
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = Open();

        await page.InvokeAsync(() => Window(page).Change(days));

        page.WaitForAssertion(() => Assert.Contains("归因窗口须为 1 到 90 天", WindowText(page)), Wait);
        Assert.True(page.Find("[data-testid=save-outcomes]").HasAttribute("disabled"));
        Assert.Equal(7, await StoredDaysAsync());
    }
}
