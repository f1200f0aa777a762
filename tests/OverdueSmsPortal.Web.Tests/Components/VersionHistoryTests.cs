using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Web.Components.Pages.Templates;

namespace OverdueSmsPortal.Web.Tests.Components;

public sealed class VersionHistoryTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    public VersionHistoryTests()
    {
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        Services.AddOptions<OverdueSmsPortal.Infrastructure.Persistence.PortalOptions>();
        Services.AddBusinessClock();
    }

    [Fact]
    public void The_newest_two_versions_are_compared_side_by_side_with_the_changed_characters_marked()
    {
        var template = new MessageTemplate(1, Tone.Standard, Now);
        template.SaveDraft("请于今日还款。", new Actor("a", "author"), Now);
        template.SaveDraft("请于明日还款。", new Actor("a", "author"), Now);

        var history = Render<VersionHistory>(p => p.Add(h => h.Versions, template.Versions.OrderByDescending(v => v.Number).ToList()));

        var marks = history.FindAll("[data-testid=version-diff] mark").Select(m => m.TextContent).ToList();
        Assert.Equal(["今", "明"], marks);
        Assert.Contains("请于今日还款。", history.Find(".diff-old").TextContent);
        Assert.Contains("请于明日还款。", history.Find(".diff-new").TextContent);
    }
}
