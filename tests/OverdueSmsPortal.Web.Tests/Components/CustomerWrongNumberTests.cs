using Bunit;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Web.Components.Pages.Customers;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>A wrong number on the customer page and on the check-contact-data list, over real SQLite, and lifting it.</summary>
public sealed class CustomerWrongNumberTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now, StudioCustomers.Overdue("CC1", "陈美玲", 9, Today, "+8613812345678"));

    public CustomerWrongNumberTests() => Services.AddCampaigns(database, Now);

    private async Task<long> WrongNumberAsync()
    {
        await Services.SeedReplyRulesAsync();
        return (await Services.ReceiveReplyAsync("13812345678", "你们打错了，我不认识这个人")).CustomerId!.Value;
    }

    private IRenderedComponent<CustomerDetailPage> Open(long customerId, string role)
    {
        SignInAs(role.ToLowerInvariant(), role);
        RenderAsLiveCircuit();
        var page = Render<CustomerDetailPage>(p => p.Add(c => c.Id, customerId));
        page.WaitForElement("[data-testid=customer-wrong-number]", Wait);
        // The page's other panels load after it; a test that ends before them would dispose their reads.
        page.WaitForElement("[data-testid=complaint], [data-testid=no-complaints]", Wait);
        page.WaitForElement("[data-testid=contact-state]", Wait);
        return page;
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<CustomerDetailPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]");

    [Fact]
    public async Task The_customer_page_shows_the_wrong_number_and_the_reply_that_said_so()
    {
        using var _ = CultureScope.Use("zh-CN");
        var customerId = await WrongNumberAsync();

        var page = Open(customerId, PortalRoles.Approver);

        var alert = page.Find("[data-testid=customer-wrong-number]");
        Assert.Contains("非本人号码，已停止发送", alert.TextContent);
        Assert.Contains("我不认识这个人", page.Find("[data-testid=wrong-number-reply]").TextContent);
    }

    [Fact]
    public async Task An_approver_lifts_it_with_a_corrected_number()
    {
        using var _ = CultureScope.Use("zh-CN");
        var customerId = await WrongNumberAsync();
        var page = Open(customerId, PortalRoles.Approver);

        await page.InvokeAsync(() => Input(page, "lift-phone").Input("139 0000 1111"));
        await page.InvokeAsync(() => page.Find("[data-testid=lift-wrong-number]").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=customer-wrong-number]")), Wait);
        var customer = await Services.CustomerAsync("CC1");
        Assert.Null(customer.WrongNumberSince);
        Assert.Equal("+8613900001111", customer.Phone);
    }

    [Fact]
    public async Task A_malformed_number_is_refused_next_to_the_field_and_nothing_changes()
    {
        using var _ = CultureScope.Use("zh-CN");
        var customerId = await WrongNumberAsync();
        var page = Open(customerId, PortalRoles.Approver);

        await page.InvokeAsync(() => Input(page, "lift-phone").Input("12345"));
        await page.InvokeAsync(() => page.Find("[data-testid=lift-wrong-number]").Click());

        page.WaitForAssertion(() => Assert.Contains("不是有效的手机号码", page.Find("[data-testid=wrong-number-lift]").TextContent), Wait);
        Assert.NotNull((await Services.CustomerAsync("CC1")).WrongNumberSince);
    }

    [Fact]
    public async Task Confirming_the_number_needs_a_note()
    {
        using var _ = CultureScope.Use("zh-CN");
        var customerId = await WrongNumberAsync();
        var page = Open(customerId, PortalRoles.Admin);
        var confirmed = page.Find("[data-testid=lift-fix-ConfirmedWithCustomer]");
        await page.InvokeAsync(() => (confirmed.TagName == "INPUT" ? confirmed : confirmed.QuerySelector("input")!).Click());

        await page.InvokeAsync(() => page.Find("[data-testid=lift-wrong-number]").Click());
        page.WaitForAssertion(() => Assert.Contains("请填写核实说明", page.Find("[data-testid=wrong-number-lift]").TextContent), Wait);
        Assert.NotNull((await Services.CustomerAsync("CC1")).WrongNumberSince);

        await page.InvokeAsync(() => Input(page, "lift-note").Input("已致电客户本人，确认号码无误"));
        await page.InvokeAsync(() => page.Find("[data-testid=lift-wrong-number]").Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=customer-wrong-number]")), Wait);
        Assert.Equal("+8613812345678", (await Services.CustomerAsync("CC1")).Phone);
    }

    [Fact]
    public async Task A_viewer_sees_the_state_masked_and_cannot_lift_it()
    {
        var customerId = await WrongNumberAsync();

        var page = Open(customerId, PortalRoles.Viewer);

        Assert.Empty(page.FindAll("[data-testid=wrong-number-lift]"));
        Assert.DoesNotContain("我不认识这个人", page.Markup);
    }

    [Fact]
    public async Task The_check_contact_data_list_shows_the_customer_masked_for_a_viewer()
    {
        using var _ = CultureScope.Use("zh-CN");
        await WrongNumberAsync();
        SignInAs("viewer", PortalRoles.Viewer);
        RenderAsLiveCircuit();

        var page = Render<ContactCheckPage>();

        page.WaitForElement("[data-testid=contact-check]", Wait);
        var row = Assert.Single(page.FindAll("[data-testid=contact-check] tr[data-account]"));
        Assert.Equal("***", row.GetAttribute("data-account"));
        Assert.DoesNotContain("13812345678", row.TextContent.Replace(" ", "", StringComparison.Ordinal));
        Assert.DoesNotContain("陈美玲", row.TextContent);
        Assert.DoesNotContain("我不认识这个人", row.TextContent);
    }

    [Fact]
    public async Task The_check_contact_data_list_shows_the_reply_to_an_approver()
    {
        using var _ = CultureScope.Use("zh-CN");
        await WrongNumberAsync();
        SignInAs("approver", PortalRoles.Approver);
        RenderAsLiveCircuit();

        var page = Render<ContactCheckPage>();

        page.WaitForElement("[data-testid=contact-check]", Wait);
        Assert.Contains("我不认识这个人", page.Find("[data-testid=contact-check-reply]").TextContent);
    }

    [Fact]
    public async Task With_no_wrong_number_the_list_says_so()
    {
        using var _ = CultureScope.Use("zh-CN");
        SignInAs("admin", PortalRoles.Admin);
        RenderAsLiveCircuit();

        var page = Render<ContactCheckPage>();

        page.WaitForElement("[data-testid=contact-check-empty]", Wait);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
