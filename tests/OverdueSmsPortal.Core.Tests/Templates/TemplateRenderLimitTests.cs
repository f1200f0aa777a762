using System.Diagnostics;
using System.Globalization;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.Core.Tests.Templates;

/// <summary>
/// The render limits that keep a template text from taking the machine: every attack of
/// <see cref="TemplateAttacks"/> ends as a limit error at once, whatever it tries to grow.
/// </summary>
public class TemplateRenderLimitTests
{
    /// <summary>
    /// Before the limits the attacks ran 9.5 to 71 s and then failed for want of memory; a limited render
    /// ends in milliseconds. The bound leaves room for a two-core machine that other builds keep busy.
    /// </summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    private static readonly TemplateRenderer Renderer = new();
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly LenderProfile Lender = new("示例银行", "95555", "https://pay.example.cn/r");
    private static readonly TemplateCustomer Customer = new(
        "张伟", CustomerTitle.Mr, 12345.6m, 1234.56m, new DateOnly(2026, 11, 15), 9, 0.0005m);

    /// <summary>Ten characters written as many times as fill the output cap.</summary>
    private static readonly string FullMessage = $"{{% for i in (1..{RenderLimits.MaxOutputLength / 10}) %}}请尽快还款，谢谢您！{{% endfor %}}";

    private static (TemplateRenderResult Result, TimeSpan Took) Timed(string body)
    {
        var clock = Stopwatch.StartNew();
        var result = Renderer.Render(body, Customer, Lender, Chinese);
        return (result, clock.Elapsed);
    }

    private static void AssertOverLimit(TemplateRenderResult result)
    {
        Assert.Null(result.Text);
        var error = Assert.IsType<TemplateError>(result.Error);
        Assert.True(error.IsOverLimit, $"not a limit error: {error.Message}");
    }

    [Theory]
    [MemberData(nameof(TemplateAttacks.All), MemberType = typeof(TemplateAttacks))]
    public void An_attacker_s_template_ends_as_a_limit_error_at_once(string attack)
    {
        var (result, took) = Timed(TemplateAttacks.Bodies[attack]);

        AssertOverLimit(result);
        Assert.True(took < Quickly, $"{attack} took {took}");
    }

    [Fact]
    public void The_doubling_attack_of_the_outside_test_stops_at_the_limit_of_one_text()
    {
        var (result, _) = Timed(TemplateAttacks.AppendDoubling);

        AssertOverLimit(result);
        Assert.Contains($"{RenderLimits.MaxValueLength}", result.Error!.Message);
    }

    [Fact]
    public void A_text_of_exactly_the_output_cap_renders()
    {
        var result = Renderer.Render(FullMessage, Customer, Lender, Chinese);

        Assert.Null(result.Error);
        Assert.Equal(RenderLimits.MaxOutputLength, result.Text!.Length);
    }

    [Fact]
    public void One_character_over_the_output_cap_is_a_limit_error()
    {
        var result = Renderer.Render(FullMessage + "。", Customer, Lender, Chinese);

        AssertOverLimit(result);
    }

    [Fact]
    public void A_loop_that_writes_past_the_cap_stops_when_it_passes_it_not_after_the_loop()
    {
        // 999 × 999 × 20 characters would be 20 million characters; the writer stops at 2,001.
        var (result, took) = Timed(TemplateAttacks.Bodies["a loop writing a long text"]);

        AssertOverLimit(result);
        Assert.True(took < TimeSpan.FromMilliseconds(500), $"took {took}");
    }

    [Fact]
    public void A_text_the_template_builds_may_reach_the_limit_of_one_value()
    {
        var body = "{% assign s = \"" + new string('x', RenderLimits.MaxValueLength / 2) + "\" %}{% assign t = s | append: s %}{{ t | size }}";

        var result = Renderer.Render(body, Customer, Lender, Chinese);

        Assert.Equal($"{RenderLimits.MaxValueLength}", result.Text);
    }

    [Fact]
    public void A_text_the_template_builds_may_not_pass_the_limit_of_one_value()
    {
        var body = "{% assign s = \"" + new string('x', RenderLimits.MaxValueLength / 2) + "\" %}{% assign t = s | append: s | append: \"x\" %}{{ t | size }}";

        AssertOverLimit(Renderer.Render(body, Customer, Lender, Chinese));
    }

    [Fact]
    public void A_body_longer_than_the_body_rules_allow_is_not_rendered()
    {
        var body = new string('好', TemplateBodyRules.MaxLength + 1);

        AssertOverLimit(Renderer.Render(body, Customer, Lender, Chinese));
    }

    [Fact]
    public void A_template_that_stays_within_sizes_and_steps_but_computes_for_long_is_stopped_after_its_time_budget_twice()
    {
        // Each step sorts, reverses and joins a thousand-item list a dozen times: no value and no step
        // count passes its limit, only the time does.
        const string work = "| sort | reverse | join: \"\" | split: \"\" ";
        var body = "{% assign s = \"" + new string('x', 1000) + "\" | split: \"\" %}"
                   + "{% for i in (1..999) %}{% for j in (1..4) %}{% assign t = s " + string.Concat(Enumerable.Repeat(work, 12)) + "%}{% endfor %}{% endfor %}";
        Assert.True(body.Length <= TemplateBodyRules.MaxLength, $"{body.Length} characters");

        var (result, took) = Timed(body);

        // Out of time once could be the machine's load, so it is tried again: slow twice is over the limit.
        AssertOverLimit(result);
        Assert.InRange(took, RenderLimits.TimeBudget * 1.8, RenderLimits.TimeBudget * 2 + Quickly);
    }

    [Fact]
    public void A_normal_reminder_renders_as_before()
    {
        const string body = "【{{ lender.name }}】尊敬的{{ customer.surname }}{{ customer.title }}，您好！您的账单{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，"
                            + "请于{{ debt.pay_by }}前通过{{ lender.payment_link }}还款。{% if debt.days_overdue > 7 %}如有困难请致电{{ lender.hotline }}。{% endif %}"
                            + "{% for i in (1..3) %}{% endfor %}{% capture tail %}{{ \"谢谢\" | append: \"！\" }}{% endcapture %}{{ tail }}";

        var (result, took) = Timed(body);

        Assert.Null(result.Error);
        Assert.Equal("【示例银行】尊敬的张先生，您好！您的账单¥12,345.60已逾期9天，请于2026年11月27日前通过https://pay.example.cn/r还款。如有困难请致电95555。谢谢！",
            result.Text);
        Assert.True(took < Quickly);
    }

    [Fact]
    public void The_limit_error_is_a_lint_error_of_its_own_rule()
    {
        var inspection = new TemplateInspector(Renderer).Inspect(TemplateAttacks.AppendDoubling, Tone.Standard, new TemplateStage("overdue_4_7", 4, 7),
            [new PreviewSubject(PreviewCase.Member, "", Customer)], Lender, LintVocabulary.Default, Chinese);

        var finding = Assert.Single(inspection.Findings, f => f.Rule == LintRules.TemplateTooComplex);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.DoesNotContain(inspection.Findings, f => f.Rule == LintRules.LiquidError);
    }
}
