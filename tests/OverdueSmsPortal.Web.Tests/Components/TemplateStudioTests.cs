using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.Tests.Shared;
using OverdueSmsPortal.Web.Components.Pages.Templates;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The studio page over real services and SQLite: what the author sees while typing, and what the approver can do.</summary>
public sealed class TemplateStudioTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A body without lint findings, in the demo lender's words.</summary>
    internal const string CleanBody =
        "【{{ lender.name }}】尊敬的{{ customer.name }}{{ customer.title }}，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" +
        "请通过 {{ lender.payment_link }} 还款，如有困难请致电{{ lender.hotline }}。如您已还款，请忽略本短信。谢谢！";

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today),
        StudioCustomers.Overdue("CC3", "林芳", 2, Today));

    public TemplateStudioTests()
    {
        Services.AddStudio(database, Now);
    }

    private IRenderedComponent<TemplateStudioPage> OpenStudio(long segmentId, string tone = "standard")
    {
        RenderAsLiveCircuit();
        return Render<TemplateStudioPage>(p => p.Add(s => s.SegmentId, segmentId).Add(s => s.ToneCode, tone));
    }

    private static void Type(IRenderedComponent<TemplateStudioPage> studio, string text) =>
        OnRenderer(studio, () => studio.Find("textarea").Input(text));

    [Fact]
    public async Task Typing_renders_the_preview_for_the_segments_customers_with_size_and_encoding()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard, Tone.Firm);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Type(studio, CleanBody);

        studio.WaitForAssertion(() =>
        {
            var texts = studio.FindAll("[data-testid=preview-text]").Select(e => e.TextContent).ToList();
            Assert.Contains(texts, t => t.StartsWith("【示例消费金融】尊敬的陈美玲女士，您好！您的欠款¥2,400.00已逾期9天", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Contains("欧阳娜娜女士"));
            Assert.DoesNotContain(texts, t => t.Contains("林芳"));
        }, Wait);
        Assert.All(studio.FindAll("[data-testid=preview-size]"), size => Assert.Contains("UCS-2", size.TextContent));
        Assert.NotNull(studio.Find("[data-testid=findings-clean]"));
    }

    [Fact]
    public async Task The_surname_and_the_pay_by_date_are_offered_and_previewed()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Assert.NotNull(studio.Find("[data-placeholder='customer.surname']"));
        Assert.NotNull(studio.Find("[data-placeholder='debt.pay_by']"));
        Type(studio, CleanBody.Replace("{{ customer.name }}", "{{ customer.surname }}") + "请于{{ debt.pay_by }}前还款。");

        studio.WaitForAssertion(() =>
        {
            var texts = studio.FindAll("[data-testid=preview-text]").Select(e => e.TextContent).ToList();
            Assert.Contains(texts, t => t.Contains("尊敬的欧阳女士", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Contains("尊敬的陈女士", StringComparison.Ordinal));
        }, Wait);
    }

    [Fact]
    public async Task A_reminder_without_a_number_to_call_names_what_is_missing_in_the_operators_words()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Type(studio, CleanBody.Replace("如有困难请致电{{ lender.hotline }}", "如有困难请登录官方APP"));

        // The empty text before the typing lacks everything; the typed one lacks only the number to call.
        studio.WaitForAssertion(() =>
        {
            Assert.Empty(studio.FindAll("[data-rule=missing_payment_method]"));
            var finding = studio.Find("[data-rule=missing_contact]");
            Assert.Equal("error", finding.GetAttribute("data-severity"));
            Assert.Contains("仅有链接不算联系方式", finding.TextContent);
        }, Wait);
    }

    [Fact]
    public async Task A_forbidden_word_shows_as_an_error_with_its_line_and_column()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Type(studio, CleanBody + "\n否则联系您的家 人");

        studio.WaitForAssertion(() =>
        {
            var finding = studio.Find("[data-rule=third_party]");
            Assert.Equal("error", finding.GetAttribute("data-severity"));
            Assert.Contains("家 人", finding.TextContent);
            Assert.Contains("第 2 行第 7 列", finding.TextContent);
        }, Wait);
        Assert.True(studio.Find("[data-testid=save-and-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_text_without_an_amount_names_the_fields_to_add_as_the_placeholder_list_does()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Type(studio, CleanBody.Replace("{{ debt.amount_due }}", "", StringComparison.Ordinal));

        studio.WaitForAssertion(() =>
        {
            var finding = studio.Find("[data-rule=missing_amount]").TextContent;
            Assert.Contains("应还金额 {{ debt.amount_due }}", finding);
            Assert.Contains("最低还款额 {{ debt.minimum_due }}", finding);
        }, Wait);
    }

    [Fact]
    public async Task An_invented_filter_is_named_in_chinese_and_marked_in_its_line_never_in_fluids_english()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Type(studio, CleanBody.Replace("{{ debt.amount_due }}", "{{ debt.amount_due | money }}", StringComparison.Ordinal));

        studio.WaitForAssertion(() =>
        {
            var finding = studio.Find("[data-rule=liquid_error]");
            Assert.Contains("没有名为“money”的过滤器", finding.TextContent);
            Assert.Equal("money", finding.QuerySelector("[data-testid=finding-excerpt] mark")!.TextContent);
        }, Wait);
        Assert.DoesNotContain("Undefined", studio.Find("[data-testid=findings]").TextContent);
    }

    [Fact]
    public async Task A_value_the_customer_lacks_is_named_by_the_label_the_placeholder_buttons_show()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Type(studio, CleanBody + "最低还款{{ debt.minimum_due }}。");

        studio.WaitForAssertion(() =>
            Assert.Contains("该客户缺少：最低还款额", studio.Find("[data-case=MissingOptionalFields] [data-testid=preview-missing]").TextContent), Wait);
        Assert.DoesNotContain("debt.minimum_due", studio.Find("[data-testid=preview]").TextContent);
    }

    [Fact]
    public async Task A_liquid_error_is_shown_at_its_line_and_the_preview_says_it_cannot_render()
    {
        using var _ = CultureScope.Use("en");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Type(studio, "【{{ lender.name }}】\n{{ debt.amount_due ");

        studio.WaitForAssertion(() =>
        {
            var finding = studio.Find("[data-rule=liquid_error]");
            Assert.Contains("line 2, column 1", finding.TextContent);
            Assert.Contains("The text has a syntax error", studio.Find("[data-testid=preview]").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task A_saved_draft_that_amplifies_itself_opens_with_its_error_in_place_and_the_author_fixes_and_saves_it()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<TemplateStudio>().SaveDraftAsync(segment.Id, Tone.Standard,
                TemplateAttacks.AppendDoubling, new Actor("id-other", "other") { Roles = [PortalRoles.Author] });
        }
        SignInAs("author", PortalRoles.Author);

        var studio = OpenStudio(segment.Id);

        studio.WaitForAssertion(() =>
        {
            Assert.Contains("模板过于复杂或输出过长", studio.Find("[data-rule=template_too_complex]").TextContent);
            Assert.All(studio.FindAll("[data-testid=preview-error]"), e => Assert.Contains("模板过于复杂或输出过长", e.TextContent));
            Assert.NotEmpty(studio.FindAll("[data-testid=preview-error]"));
            Assert.Equal(TemplateAttacks.AppendDoubling, studio.Find("textarea").GetAttribute("value"));
        }, Wait);
        Assert.True(studio.Find("[data-testid=submit-review]").HasAttribute("disabled"));
        Type(studio, CleanBody);
        studio.WaitForAssertion(() => Assert.False(studio.Find("[data-testid=save-draft]").HasAttribute("disabled")), Wait);
        await studio.InvokeAsync(() => studio.Find("[data-testid=save-draft]").ClickAsync(new()));

        studio.WaitForAssertion(() => Assert.NotNull(studio.Find("[data-testid=findings-clean]")), Wait);
        var workspace = await Services.CreateScope().ServiceProvider.GetRequiredService<TemplateStudio>().OpenAsync(segment.Id, Tone.Standard);
        Assert.Equal((2, CleanBody), (workspace!.Latest!.Number, workspace.Latest.Body));
    }

    [Fact]
    public async Task Saving_then_submitting_puts_the_version_in_review()
    {
        using var _ = CultureScope.Use("en");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);
        Type(studio, CleanBody);
        studio.WaitForAssertion(() => Assert.False(studio.Find("[data-testid=save-draft]").HasAttribute("disabled")), Wait);

        await studio.InvokeAsync(() => studio.Find("[data-testid=save-draft]").ClickAsync(new()));
        studio.WaitForAssertion(() => Assert.False(studio.Find("[data-testid=submit-review]").HasAttribute("disabled")), Wait);
        await studio.InvokeAsync(() => studio.Find("[data-testid=submit-review]").ClickAsync(new()));

        studio.WaitForAssertion(() =>
            Assert.Contains("In review", studio.Find(".studio-state [data-testid=version-status]").TextContent), Wait);
        var queue = await Services.CreateScope().ServiceProvider.GetRequiredService<TemplateStudio>().ReviewQueueAsync();
        Assert.Equal("author", Assert.Single(queue).SubmittedByName);
    }

    [Fact]
    public async Task An_author_saves_and_submits_a_finished_text_in_one_click_and_the_audit_shows_both()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);
        Type(studio, CleanBody);
        studio.WaitForAssertion(() => Assert.False(studio.Find("[data-testid=save-and-submit]").HasAttribute("disabled")), Wait);

        Assert.Contains("保存并提交审批", studio.Find("[data-testid=save-and-submit]").TextContent);
        await studio.InvokeAsync(() => studio.Find("[data-testid=save-and-submit]").ClickAsync(new()));

        studio.WaitForAssertion(() =>
            Assert.Contains("待审批", studio.Find(".studio-state [data-testid=version-status]").TextContent), Wait);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OverdueSmsPortal.Infrastructure.Persistence.PortalDbContext>();
        var actions = db.AuditEntries.Where(e => e.EntityType == Core.Audit.AuditNames.TemplateVersion).OrderBy(e => e.Id)
            .Select(e => e.Action).ToList();
        Assert.Equal([Core.Audit.AuditNames.Created, Core.Audit.AuditNames.Submitted], actions);
    }

    [Fact]
    public async Task A_text_with_errors_cannot_be_saved_and_submitted_but_can_still_be_saved_as_a_draft()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("author", PortalRoles.Author);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("textarea", Wait);

        Type(studio, "{{ customer.name }}，请还款");

        studio.WaitForAssertion(() => Assert.False(studio.Find("[data-testid=save-draft]").HasAttribute("disabled")), Wait);
        Assert.True(studio.Find("[data-testid=save-and-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_author_sees_no_review_actions_on_their_own_version()
    {
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        await SubmitAsync(segment.Id, new Actor("id-approver", "approver") { Roles = [PortalRoles.Approver, PortalRoles.Author] });
        SignInAs("approver", PortalRoles.Approver, PortalRoles.Author);

        var studio = OpenStudio(segment.Id);

        studio.WaitForElement("[data-testid=review-own]", Wait);
        Assert.Empty(studio.FindAll("[data-testid=review-approve]"));
    }

    [Fact]
    public async Task An_approver_must_tick_the_warnings_before_approving()
    {
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        await SubmitAsync(segment.Id, new Actor("id-author", "author") { Roles = [PortalRoles.Author] }, CleanBody.Replace("谢谢！", ""));
        SignInAs("approver", PortalRoles.Approver);
        var studio = OpenStudio(segment.Id);
        studio.WaitForElement("[data-testid=review-panel]", Wait);

        Assert.True(studio.Find("[data-testid=review-approve]").HasAttribute("disabled"));
        await studio.InvokeAsync(() => studio.Find("input[data-testid=review-warnings-read], [data-testid=review-warnings-read] input").Change(true));
        studio.WaitForAssertion(() => Assert.False(studio.Find("[data-testid=review-approve]").HasAttribute("disabled")), Wait);
        await studio.InvokeAsync(() => studio.Find("[data-testid=review-approve]").ClickAsync(new()));

        studio.WaitForAssertion(() => Assert.Empty(studio.FindAll("[data-testid=review-panel]")), Wait);
        var workspace = await Services.CreateScope().ServiceProvider.GetRequiredService<TemplateStudio>().OpenAsync(segment.Id, Tone.Standard);
        Assert.Equal((TemplateVersionStatus.Approved, "id-approver"), (workspace!.Latest!.Status, workspace.Latest.Review.ReviewerId));
    }

    [Fact]
    public async Task An_approver_who_is_not_an_author_reads_the_text_but_cannot_edit_it()
    {
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("approver", PortalRoles.Approver);

        var studio = OpenStudio(segment.Id);

        studio.WaitForElement("textarea", Wait);
        Assert.Empty(studio.FindAll("[data-testid=save-draft]"));
        Assert.True(studio.Find("textarea").HasAttribute("readonly"));
    }

    private async Task SubmitAsync(long segmentId, Actor author, string body = CleanBody)
    {
        using var scope = Services.CreateScope();
        var studio = scope.ServiceProvider.GetRequiredService<TemplateStudio>();
        var draft = await studio.SaveDraftAsync(segmentId, Tone.Standard, body, author);
        await studio.SubmitAsync(draft.Id, author);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
