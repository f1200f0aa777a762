using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.Web.Components.Pages.Replies;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The replies list over real SQLite: its filters, what a Viewer may see, and correcting a category.</summary>
public sealed class ReplyListTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today, "+8613812345678"),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today, "+8613987654321"));

    public ReplyListTests() => Services.AddCampaigns(database, Now);

    /// <summary>Both customers got a message; one promises to pay, one opts out, and a stranger writes too.</summary>
    private async Task SeedRepliesAsync()
    {
        await Services.SeedReplyRulesAsync();
        await Services.SeedSentRunAsync(Now);
        await Services.ReceiveReplyAsync("13812345678", "明天还");
        await Services.ReceiveReplyAsync("+8613987654321", "退订");
        await Services.ReceiveReplyAsync("+8615011112222", "你好，请问是谁");
    }

    private IRenderedComponent<ReplyList> Open(int rows)
    {
        RenderAsLiveCircuit();
        var page = Render<ReplyList>();
        page.WaitForAssertion(() => Assert.Equal(rows, Rows(page).Count), Wait);
        return page;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<ReplyList> page) =>
        page.FindAll("[data-testid=replies-grid] tbody tr").Where(r => r.QuerySelector("[data-testid=reply-category]") is not null).ToList();

    private static IElement RowOf(IRenderedComponent<ReplyList> page, string accountRef) =>
        Rows(page).Single(r => r.TextContent.Contains(accountRef, StringComparison.Ordinal));

    [Fact]
    public async Task A_viewer_sees_masked_names_and_numbers_and_no_reply_texts()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedRepliesAsync();
        SignInAs("viewer", PortalRoles.Viewer);

        var page = Open(rows: 3);

        var grid = page.Find("[data-testid=replies-grid]").TextContent;
        Assert.Contains("陈**", grid);
        Assert.Contains("138****5678", grid);
        Assert.DoesNotContain("陈美玲", grid);
        Assert.DoesNotContain("13812345678", grid);
        Assert.DoesNotContain("明天还", grid);
        Assert.Empty(page.FindAll("[data-testid=reply-text]"));
        Assert.NotNull(page.Find("[data-testid=masking-notice]"));
    }

    [Fact]
    public async Task The_newest_reply_comes_first_with_its_category_customer_and_campaign()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedRepliesAsync();
        SignInAs("approver", PortalRoles.Approver);

        var page = Open(rows: 3);

        var promise = RowOf(page, "CC1");
        Assert.Equal("promise_to_pay", promise.QuerySelector("[data-testid=reply-category]")!.GetAttribute("data-category"));
        Assert.Contains("明天还", promise.QuerySelector("[data-testid=reply-text]")!.TextContent);
        Assert.Equal("十一月提醒", promise.QuerySelector("[data-testid=reply-campaign]")!.TextContent.Trim());
        Assert.NotNull(RowOf(page, "CC2").QuerySelector("[data-testid=reply-opted-out]"));
        Assert.Contains("未匹配客户", Rows(page)[0].TextContent);
    }

    /// <summary>An Admin's list of the three replies after one filter was set: the one row left.</summary>
    private async Task<IElement> OnlyRowAfterAsync(Func<IRenderedComponent<ReplyList>, IRenderedComponent<MudPopoverProvider>, Task> filter)
    {
        await SeedRepliesAsync();
        SignInAs("admin", PortalRoles.Admin);
        var (popovers, _) = RenderProviders();
        var page = Open(rows: 3);

        await filter(page, popovers);

        page.WaitForAssertion(() => Assert.Single(Rows(page)), Wait);
        return Rows(page)[0];
    }

    [Fact]
    public async Task The_search_box_finds_the_replies_of_one_account()
    {
        var row = await OnlyRowAfterAsync((page, _) =>
            page.InvokeAsync(() => page.Find("[data-testid=reply-search] input, input[data-testid=reply-search]").Input("CC2")));

        Assert.Contains("欧阳娜娜", row.TextContent);
    }

    [Fact]
    public async Task A_search_typed_while_the_first_page_is_loading_shows_its_own_rows()
    {
        // A slow database: the first page of replies answers only when the test lets it, after the typed search's own.
        var firstPage = new HeldFirstRead("InboundReplies") { Armed = false };
        database.AddInterceptors(Services, firstPage);
        await SeedRepliesAsync();
        SignInAs("admin", PortalRoles.Admin);
        firstPage.Armed = true;
        RenderAsLiveCircuit();
        var page = Render<ReplyList>();
        await firstPage.Held.Task.WaitAsync(Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=reply-search] input, input[data-testid=reply-search]").Input("CC2"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        firstPage.Release.SetResult();

        page.WaitForAssertion(() => Assert.Contains("欧阳娜娜", Assert.Single(Rows(page)).TextContent), Wait);
    }

    [Fact]
    public async Task Only_opt_outs_leaves_the_replies_whose_opt_out_took_effect()
    {
        var row = await OnlyRowAfterAsync((page, _) =>
            page.InvokeAsync(() => page.Find("[data-testid=reply-only-opt-outs] input, input[data-testid=reply-only-opt-outs]").Change(true)));

        Assert.NotNull(row.QuerySelector("[data-testid=reply-opted-out]"));
    }

    [Fact]
    public async Task Unmatched_leaves_the_reply_from_a_number_no_customer_has()
    {
        using var _ = CultureScope.Use("zh-CN");
        var row = await OnlyRowAfterAsync(async (page, popovers) =>
        {
            await page.InvokeAsync(() => page.Find(".mud-select:has([data-testid=reply-matched-filter]) .mud-input-control").MouseDown());
            popovers.WaitForElements(".mud-list-item", Wait);
            await popovers.InvokeAsync(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("未匹配客户")).Click());
        });

        Assert.Contains("15011112222", row.TextContent);
    }

    [Fact]
    public async Task An_author_moves_a_reply_to_opt_out_and_the_customer_is_opted_out_at_once()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedRepliesAsync();
        SignInAs("author", PortalRoles.Author);
        var (popovers, dialogs) = RenderProviders();
        var page = Open(rows: 3);

        await page.InvokeAsync(() => RowOf(page, "CC1").QuerySelector("[data-testid=reclassify] button")!.Click());
        popovers.WaitForElement("[data-testid=reclassify-as][data-category=opt_out]", Wait);
        await popovers.InvokeAsync(() => popovers.Find("[data-testid=reclassify-as][data-category=opt_out]").Click());
        var note = Confirm(dialogs);

        Assert.Contains("立即生效", note);
        page.WaitForAssertion(() => Assert.NotNull(RowOf(page, "CC1").QuerySelector("[data-testid=reply-opted-out]")), Wait);
        Assert.Contains("author", RowOf(page, "CC1").QuerySelector("[data-testid=reply-corrected-by]")!.TextContent);
        Assert.NotNull((await Services.CustomerAsync("CC1")).OptedOutAt);
    }

    [Fact]
    public async Task A_viewer_is_offered_no_correction()
    {
        await SeedRepliesAsync();
        SignInAs("viewer", PortalRoles.Viewer);

        var page = Open(rows: 3);

        Assert.Empty(page.FindAll("[data-testid=reclassify]"));
    }

    [Fact]
    public async Task A_correction_by_a_viewer_is_refused_on_the_server_even_when_the_menu_is_there()
    {
        await SeedRepliesAsync();
        SignInAs("viewer", PortalRoles.Viewer);
        using var _ = CultureScope.Use("en");
        var (popovers, _) = RenderProviders();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        ReplyRow promise;
        using (var scope = Services.CreateScope())
        {
            promise = (await scope.ServiceProvider.GetRequiredService<ReplyDesk>().FindAsync(new ReplyQuery { Search = "CC1" }, false)).Items.Single();
        }
        RenderAsLiveCircuit();
        var menu = Render<ReclassifyMenu>(p => p.Add(m => m.Reply, promise));

        await menu.InvokeAsync(() => menu.Find("button").Click());
        popovers.WaitForElement("[data-testid=reclassify-as][data-category=opt_out]", Wait);
        await popovers.InvokeAsync(() => popovers.Find("[data-testid=reclassify-as][data-category=opt_out]").Click());

        // The refusal is the handler's last word: once it shows, nothing more will be written.
        snackbars.WaitForAssertion(() => Assert.Contains("may not do this", snackbars.Markup), Wait);

        using var after = Services.CreateScope();
        var stored = (await after.ServiceProvider.GetRequiredService<ReplyDesk>().FindAsync(new ReplyQuery { Search = "CC1" }, false)).Items.Single();
        Assert.Equal(ReplyCategory.PromiseToPay, stored.Category);
        Assert.Null((await Services.CustomerAsync("CC1")).OptedOutAt);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
