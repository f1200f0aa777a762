using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Web.Components.Pages.Replies;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>One customer's messages and replies as a chat, in time order, with texts only for roles that may read them.</summary>
public sealed class ConversationPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly MovableClock clock = new(Sent);
    private readonly CustomerDatabase database = new(Sent, StudioCustomers.Overdue("CC1", "陈美玲", 9, Today, "+8613812345678"));

    public ConversationPageTests()
    {
        Services.AddCampaigns(database, Sent);
        Services.AddSingleton<TimeProvider>(clock);
    }

    /// <summary>A reply before any message (from an earlier contact), the campaign's message, then two replies to it.</summary>
    private async Task<long> SeedConversationAsync()
    {
        await Services.SeedReplyRulesAsync();
        clock.Now = Sent.AddHours(-3);
        await Services.ReceiveReplyAsync("13812345678", "请问是哪家公司？");
        clock.Now = Sent;
        await Services.SeedSentRunAsync(Sent);
        clock.Now = Sent.AddMinutes(5);
        await Services.ReceiveReplyAsync("13812345678", "明天还");
        clock.Now = Sent.AddMinutes(9);
        var last = await Services.ReceiveReplyAsync("13812345678", "TD");
        return last.CustomerId!.Value;
    }

    private async Task<IRenderedComponent<ConversationPage>> OpenAsAsync(string role)
    {
        var customerId = await SeedConversationAsync();
        SignInAs(role.ToLowerInvariant(), role);
        RenderAsLiveCircuit();
        var page = Render<ConversationPage>(p => p.Add(c => c.CustomerId, customerId));
        page.WaitForElement("[data-testid=conversation]", Wait);
        return page;
    }

    [Fact]
    public async Task Messages_and_replies_follow_each_other_in_time_order_on_their_own_sides()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsAsync(PortalRoles.Author);
        var entries = page.FindAll("[data-testid=conversation-entry]");
        Assert.Equal(["customer", "lender", "customer", "customer"], entries.Select(e => e.GetAttribute("data-from")));
        Assert.Contains("请问是哪家公司", entries[0].TextContent);
        Assert.Contains("陈美玲女士", entries[1].TextContent);
        Assert.Equal(["question", "promise_to_pay", "opt_out"],
            page.FindAll("[data-testid=reply-category]").Select(c => c.GetAttribute("data-category")));
        Assert.NotNull(page.Find("[data-testid=conversation-opted-out]"));
    }

    [Fact]
    public async Task A_viewer_is_told_the_texts_are_hidden_and_sees_none()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsAsync(PortalRoles.Viewer);
        Assert.NotNull(page.Find("[data-testid=texts-hidden]"));
        var conversation = page.Find("[data-testid=conversation]").TextContent;
        Assert.DoesNotContain("明天还", conversation);
        Assert.DoesNotContain("陈美玲", page.Markup);
        Assert.All(page.FindAll("[data-testid=entry-text]"), t => Assert.Contains("内容已隐藏", t.TextContent));
        Assert.Equal(4, page.FindAll("[data-testid=conversation-entry]").Count);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
