using Bunit;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Web.Components.Pages.Customers;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The customer page's opt-out and complaints over real SQLite: closing a complaint lifts the hold it placed.</summary>
public sealed class CustomerDetailPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now, StudioCustomers.Overdue("CC1", "陈美玲", 9, Today, "+8613812345678"));

    public CustomerDetailPageTests() => Services.AddCampaigns(database, Now);

    private async Task<long> ReplyAsync(string text)
    {
        await Services.SeedReplyRulesAsync();
        return (await Services.ReceiveReplyAsync("13812345678", text)).CustomerId!.Value;
    }

    private IRenderedComponent<CustomerDetailPage> Open(long customerId, string role)
    {
        SignInAs(role.ToLowerInvariant(), role);
        RenderAsLiveCircuit();
        var page = Render<CustomerDetailPage>(p => p.Add(c => c.Id, customerId));
        page.WaitForElement("[data-testid=complaint], [data-testid=no-complaints]", Wait);
        page.WaitForElement("[data-testid=contact-state]", Wait);
        return page;
    }

    [Fact]
    public async Task An_approver_closes_a_complaint_and_the_complaint_hold_is_lifted()
    {
        using var _ = CultureScope.Use("zh-CN");
        var customerId = await ReplyAsync("再发短信我就投诉你们");
        var (_, dialogs) = RenderProviders();
        var page = Open(customerId, PortalRoles.Approver);
        Assert.Contains("投诉处理中，暂停发送", page.Find("[data-testid=contact-state]").TextContent);

        await page.InvokeAsync(() => page.Find("[data-testid=close-complaint]").Click());
        const string note = "[data-testid=resolution-note] textarea, textarea[data-testid=resolution-note]";
        dialogs.WaitForElement(note, Wait);
        await dialogs.InvokeAsync(() => dialogs.Find(note).Input("已致电客户说明情况，客户表示理解"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=close-complaint-confirm]").Click());

        page.WaitForAssertion(() => Assert.Equal("Closed", page.Find("[data-testid=complaint]").GetAttribute("data-status")), Wait);
        page.WaitForAssertion(() => Assert.DoesNotContain("投诉处理中，暂停发送", page.Find("[data-testid=contact-state]").TextContent), Wait);
        Assert.Equal(CustomerHold.None, (await Services.CustomerAsync("CC1")).Hold);
        Assert.Empty(page.FindAll("[data-testid=close-complaint]"));
        Assert.Contains("已致电客户说明情况，客户表示理解", page.Find("[data-testid=complaint-resolution]").TextContent);
    }

    [Fact]
    public async Task A_viewer_sees_the_complaint_without_its_text_and_cannot_close_it()
    {
        var customerId = await ReplyAsync("再发短信我就投诉你们");

        var page = Open(customerId, PortalRoles.Viewer);

        Assert.Equal("Open", page.Find("[data-testid=complaint]").GetAttribute("data-status"));
        Assert.DoesNotContain("再发短信", page.Find("[data-testid=customer-complaints]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=close-complaint]"));
    }

    [Fact]
    public async Task An_opted_out_customer_shows_when_and_that_their_reply_did_it_with_a_link_to_the_conversation()
    {
        using var _ = CultureScope.Use("zh-CN");
        var customerId = await ReplyAsync("退订");

        var page = Open(customerId, PortalRoles.Author);

        page.WaitForAssertion(() => Assert.Contains("来自客户回复", page.Find("[data-testid=opt-out-reply]").TextContent), Wait);
        Assert.Contains("2026-11-24 10:00", page.Find("[data-testid=customer-opted-out]").TextContent);
        Assert.Contains("«退订»", page.Find("[data-testid=opt-out-reply]").TextContent);
        Assert.Equal($"replies/customers/{customerId}", page.Find("[data-testid=opt-out-reply] a").GetAttribute("href"));
        Assert.Equal($"replies/customers/{customerId}", page.Find("[data-testid=open-conversation]").GetAttribute("href"));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
