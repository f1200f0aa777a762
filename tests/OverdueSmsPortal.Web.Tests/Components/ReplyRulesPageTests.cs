using AngleSharp.Dom;
using Bunit;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Web.Components.Pages.Settings;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The Admin's reply rules over real SQLite: adding, refusing, removing, and trying a reply against them.</summary>
public sealed class ReplyRulesPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    // The page lists some 170 rules with their buttons, and each render of it is slow to take apart in bUnit,
    // slower still beside PostgreSQL's reads in a loaded CI run (one wait of 15 s ran out there).
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    private readonly CustomerDatabase database = new(Now);

    public ReplyRulesPageTests()
    {
        Services.AddCampaigns(database, Now);
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
        page.FindAll($"[data-testid=reply-rules] tr[data-category={category}]").Select(c => c.GetAttribute("data-rule")).ToList();

    private static IElement Row(IRenderedComponent<ReplyRulesPage> page, string phrase) =>
        page.Find($"[data-testid=reply-rules] tr[data-rule='{phrase}']");

    /// <summary>Types into the table's phrase search, as an Admin looking for a rule among hundreds does, and waits for the rows.</summary>
    private static void Search(IRenderedComponent<ReplyRulesPage> page, string phrase)
    {
        OnRenderer(page, () => Input(page, "rule-filter-phrase").Input(phrase));
        page.WaitForAssertion(() => Assert.All(page.FindAll("[data-testid=reply-rules] tbody tr[data-rule]"),
            r => Assert.Contains(phrase, r.GetAttribute("data-rule"), StringComparison.Ordinal)), Wait);
    }

    private static int PositionOf(IRenderedComponent<ReplyRulesPage> page, string phrase) =>
        int.Parse(Row(page, phrase).GetAttribute("data-position")!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Chooses the category in the select (its items open in the popover provider) and types the phrase.</summary>
    private static void FillIn(IRenderedComponent<ReplyRulesPage> page, IRenderedComponent<MudBlazor.MudPopoverProvider> popovers, string category,
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

        await page.InvokeAsync(() => Row(page, "骚扰").QuerySelector("[data-testid=remove-rule]")!.Click());
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

    [Fact]
    public async Task Rules_are_listed_in_the_order_they_are_tried()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsync();

        var positions = page.FindAll("[data-testid=reply-rules] tbody tr").Select(r => int.Parse(r.GetAttribute("data-position")!,
            System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(positions.Order(), positions);
        Assert.Equal(ReplyRuleTable.PageSize, positions.Count);
        Assert.Equal("complaint", page.Find("[data-testid=reply-rules] tbody tr").GetAttribute("data-category"));
        Search(page, "会还");
        Assert.True(PositionOf(page, "不会还") < PositionOf(page, "会还"));
    }

    [Fact]
    public async Task Moving_a_rule_up_swaps_it_with_the_rule_before_it()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsync();
        var before = PositionOf(page, "骚扰");
        var above = page.FindAll("[data-testid=reply-rules] tbody tr").Single(r => r.GetAttribute("data-position") ==
            (before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).GetAttribute("data-rule")!;

        await page.InvokeAsync(() => Row(page, "骚扰").QuerySelector("[data-testid=move-up]")!.Click());

        page.WaitForAssertion(() => Assert.Equal((before - 1, before), (PositionOf(page, "骚扰"), PositionOf(page, above))), Wait);
    }

    [Fact]
    public async Task The_first_rule_cannot_move_up()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsync();

        Assert.True(page.Find("[data-testid=reply-rules] tbody tr [data-testid=move-up]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_admin_adds_a_word_rule_that_names_a_regulator()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (popovers, _) = RenderProviders();
        var page = await OpenAsync();

        FillIn(page, popovers, "投诉", "网信办");
        var word = page.Find("[data-testid=rule-match-Word]");
        await page.InvokeAsync(() => (word.TagName == "INPUT" ? word : word.QuerySelector("input")!).Click());
        page.WaitForAssertion(() => Assert.Contains("金额", page.Find("[data-testid=rule-match-help]").TextContent), Wait);
        var flag = page.Find("[data-testid=rule-regulator-flag]");
        await page.InvokeAsync(() => (flag.TagName == "INPUT" ? flag : flag.QuerySelector("input")!).Change(true));
        await page.InvokeAsync(() => page.Find("[data-testid=add-rule]").Click());

        page.WaitForAssertion(() =>
        {
            var row = Row(page, "网信办");
            Assert.Equal(("complaint", "Word"), (row.GetAttribute("data-category"), row.GetAttribute("data-match")));
            Assert.NotNull(row.QuerySelector("[data-testid=rule-regulator]"));
        }, Wait);
    }

    [Fact]
    public async Task The_try_box_says_which_rule_decided()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsync();

        Search(page, "已还");
        await page.InvokeAsync(() => Input(page, "reply-try-text").Input("已还315元"));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("already_paid", page.Find("[data-testid=reply-try-result] [data-testid=reply-category]").GetAttribute("data-category"));
            Assert.Contains($"第 {PositionOf(page, "已还")} 条规则「已还」", page.Find("[data-testid=reply-try-rule]").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task The_try_box_flags_a_regulator_threat()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsync();

        await page.InvokeAsync(() => Input(page, "reply-try-text").Input("再打电话我就报警"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=reply-try-regulator]")), Wait);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }

    [Fact]
    public async Task The_rules_of_one_category_are_found_with_the_filter_and_a_search_that_finds_nothing_says_so()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = await OpenAsync();
        var popovers = Render<MudBlazor.MudPopoverProvider>();

        OnRenderer(page, () => page.Find(".mud-select:has([data-testid=rule-filter-category]) .mud-input-control").MouseDown());
        popovers.WaitForElements(".mud-list-item", Wait);
        OnRenderer(popovers, () => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("非本人号码")).Click());

        page.WaitForAssertion(() =>
        {
            var categories = page.FindAll("[data-testid=reply-rules] tbody tr[data-rule]").Select(r => r.GetAttribute("data-category")).Distinct();
            Assert.Equal(["wrong_number"], categories);
            Assert.Contains("显示", page.Find("[data-testid=rule-count]").TextContent);
        }, Wait);

        Search(page, "没有这样的关键词");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=rules-none]")), Wait);
    }
}
