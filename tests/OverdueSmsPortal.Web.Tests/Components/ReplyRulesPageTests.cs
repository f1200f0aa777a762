using AngleSharp.Dom;
using Bunit;
using FluentValidation;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Web.Components.Pages.Settings;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The Admin's reply rules over real SQLite: adding, refusing, removing, and trying a reply against them.</summary>
public sealed class ReplyRulesPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now);

    public ReplyRulesPageTests()
    {
        Services.AddCampaigns(database, Now);
        Services.AddValidatorsFromAssemblyContaining<Program>();
    }

    private async Task<IRenderedComponent<ReplyRulesPage>> OpenAsync()
    {
        await Services.SeedReplyRulesAsync();
        SignInAs("admin", PortalRoles.Admin);
        RenderAsLiveCircuit();
        var page = Render<ReplyRulesPage>();
        page.WaitForElement("[data-testid=reply-rules]", Wait);
        return page;
    }

    private static IElement Input(IRenderedComponent<ReplyRulesPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}]");

    private static IReadOnlyList<string?> PhrasesOf(IRenderedComponent<ReplyRulesPage> page, string category) =>
        page.FindAll($"[data-testid=reply-rules][data-category={category}] [data-rule]").Select(c => c.GetAttribute("data-rule")).ToList();

    /// <summary>Chooses the category in the select (its items open in the popover provider) and types the phrase.</summary>
    private void FillIn(IRenderedComponent<ReplyRulesPage> page, IRenderedComponent<MudBlazor.MudPopoverProvider> popovers, string category,
        string phrase)
    {
        OnRenderer(page, () => page.Find(".mud-select:has([data-testid=rule-category]) .mud-input-control").MouseDown());
        popovers.WaitForElements(".mud-list-item", Wait);
        OnRenderer(popovers, () => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains(category)).Click());
        OnRenderer(page, () => Input(page, "rule-phrase").Input(phrase));
    }

    [Fact]
    public async Task An_admin_adds_a_rule_and_it_is_listed_under_its_category()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (popovers, _) = RenderProviders();
        var page = await OpenAsync();

        FillIn(page, popovers, "承诺还款", "下个月还");
        await page.InvokeAsync(() => page.Find("[data-testid=add-rule]").Click());

        page.WaitForAssertion(() => Assert.Contains("下个月还", PhrasesOf(page, "promise_to_pay")), Wait);
    }

    [Fact]
    public async Task A_rule_that_exists_already_is_refused_next_to_the_phrase()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (popovers, _) = RenderProviders();
        var page = await OpenAsync();
        var before = PhrasesOf(page, "opt_out").Count;

        FillIn(page, popovers, "退订", "退订");
        await page.InvokeAsync(() => page.Find("[data-testid=add-rule]").Click());

        page.WaitForAssertion(() => Assert.Contains("已有这条规则", Input(page, "rule-phrase").Closest(".mud-input-control")!.TextContent), Wait);
        Assert.Equal(before, PhrasesOf(page, "opt_out").Count);
    }

    [Fact]
    public async Task A_rule_needs_a_category_and_a_phrase_of_at_most_40_characters()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsync();

        await page.InvokeAsync(() => Input(page, "rule-phrase").Input(new string('还', 41)));
        await page.InvokeAsync(() => page.Find("[data-testid=add-rule]").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("最多 40 个字符", Input(page, "rule-phrase").Closest(".mud-input-control")!.TextContent);
            Assert.Contains("请选择分类", page.Find(".mud-select:has([data-testid=rule-category])").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task Removing_a_rule_asks_first_and_then_takes_it_off_the_list()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (_, dialogs) = RenderProviders();
        var page = await OpenAsync();

        await page.InvokeAsync(() => page.Find("[data-testid=reply-rules][data-category=complaint] [data-rule='骚扰'] .mud-chip-close-button").Click());
        var question = Confirm(dialogs);

        Assert.Contains("骚扰", question);
        page.WaitForAssertion(() => Assert.DoesNotContain("骚扰", PhrasesOf(page, "complaint")), Wait);
        Assert.Contains("投诉", PhrasesOf(page, "complaint"));
    }

    [Fact]
    public async Task The_try_box_classifies_a_full_width_TD_as_an_opt_out()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsync();

        await page.InvokeAsync(() => Input(page, "reply-try-text").Input("ＴＤ"));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("opt_out", page.Find("[data-testid=reply-try-result] [data-testid=reply-category]").GetAttribute("data-category"));
            Assert.NotNull(page.Find("[data-testid=reply-try-opt-out]"));
        }, Wait);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
