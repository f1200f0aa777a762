using OverdueSmsPortal.Core.Templates.Lint;

namespace OverdueSmsPortal.Core.Tests.Templates;

public class TemplateLinterTests
{
    /// <summary>A text that passes every rule once overdue.</summary>
    private const string Clean =
        "【{{ lender.name }}】尊敬的{{ customer.surname }}{{ customer.title }}，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" +
        "请通过 {{ lender.payment_link }} 还款，如有困难请致电{{ lender.hotline }}。如您已还款，请忽略本短信。谢谢！";

    /// <summary>A text that passes every rule before the due date.</summary>
    private const string CleanBeforeDue =
        "【{{ lender.name }}】尊敬的{{ customer.surname }}{{ customer.title }}，您好！您本期账单{{ debt.amount_due }}将于{{ debt.due_date }}到期，" +
        "请通过 {{ lender.payment_link }} 还款，如有困难请致电{{ lender.hotline }}。如您已还款，请忽略本短信。谢谢！";

    private static readonly LintContext PreDue = new(-7, -1);
    private static readonly LintContext DueDay = new(0, 0);
    private static readonly LintContext Middle = new(8, 15);
    private static readonly LintContext Early = new(1, 3);
    private static readonly LintContext Late = new(16, null);
    private static readonly LintVocabulary Vocabulary = new(DefaultLintTerms.All, ["example.cn", "bank.com"]);

    private static IReadOnlyList<LintFinding> Lint(string body, LintContext? context = null) =>
        TemplateLinter.Lint(body, context ?? Middle, Vocabulary);

    private static LintFinding Single(string body, string rule, LintContext? context = null) =>
        Assert.Single(Lint(body, context), f => f.Rule == rule);

    private static void None(string body, string rule, LintContext? context = null) =>
        Assert.DoesNotContain(Lint(body, context), f => f.Rule == rule);

    [Fact]
    public void A_complete_respectful_text_has_no_findings() => Assert.Empty(Lint(Clean, Early));

    [Fact]
    public void A_complete_reminder_before_the_due_date_has_no_findings()
    {
        Assert.Empty(Lint(CleanBeforeDue, PreDue));
        Assert.Empty(Lint(CleanBeforeDue, DueDay));
    }

    [Theory]
    [InlineData("{{ debt.amount_due }}", "{{ debt.minimum_due }}")]
    public void The_amount_is_required_either_in_full_or_the_minimum(string placeholder, string alternative)
    {
        var finding = Single(Clean.Replace(placeholder, ""), LintRules.MissingAmount);
        Assert.Equal((LintSeverity.Error, 0, 0), (finding.Severity, finding.Start, finding.End));
        None(Clean.Replace(placeholder, alternative), LintRules.MissingAmount);
    }

    [Theory]
    [InlineData("{{ customer.surname }}")]
    [InlineData("{{ customer.name }}")]
    [InlineData("{{ customer.title }}")]
    public void The_customer_is_addressed_by_name_surname_or_title(string address)
    {
        var nameless = Clean.Replace("{{ customer.surname }}{{ customer.title }}", "客户");
        Assert.Equal(LintSeverity.Error, Single(nameless, LintRules.MissingName).Severity);
        None(Clean.Replace("{{ customer.surname }}{{ customer.title }}", address), LintRules.MissingName);
    }

    [Theory]
    [InlineData("{{ debt.days_overdue }}")]
    [InlineData("{{ debt.due_date }}")]
    [InlineData("{{ debt.pay_by }}")]
    public void Once_overdue_a_due_date_a_pay_by_date_or_the_days_overdue_will_do(string date)
    {
        var undated = Clean.Replace("已逾期{{ debt.days_overdue }}天", "已逾期");
        Single(undated, LintRules.MissingDueDate, Early);
        None(undated + "请于" + date + "前还款", LintRules.MissingDueDate, Early);
    }

    [Fact]
    public void Before_the_due_date_a_count_of_days_overdue_is_no_date()
    {
        var body = CleanBeforeDue.Replace("将于{{ debt.due_date }}到期", "已逾期{{ debt.days_overdue }}天");

        Assert.Equal(LintSeverity.Error, Single(body, LintRules.MissingDueDate, PreDue).Severity);
        Single(body, LintRules.MissingDueDate, DueDay);
    }

    [Fact]
    public void Printing_the_days_overdue_on_a_stage_that_ends_by_the_due_date_is_an_error_at_its_place()
    {
        var body = CleanBeforeDue + "（逾期{{ debt.days_overdue }}天）";

        var finding = Single(body, LintRules.DaysOverdueBeforeDue, PreDue);
        Assert.Equal("debt.days_overdue", body[finding.Start..finding.End]);
        Single(body, LintRules.DaysOverdueBeforeDue, DueDay);
        None(body, LintRules.DaysOverdueBeforeDue, Early);
    }

    [Fact]
    public void Testing_the_days_overdue_before_the_due_date_is_not_printing_them() =>
        None(CleanBeforeDue + "{% if debt.days_overdue > 0 %}请尽快{% endif %}", LintRules.DaysOverdueBeforeDue, PreDue);

    [Theory]
    [InlineData("{{ debt.due_date }}")]
    [InlineData("{{ debt.pay_by }}")]
    public void Before_the_due_date_the_due_date_or_the_pay_by_date_will_do(string date) =>
        None(CleanBeforeDue.Replace("{{ debt.due_date }}", date), LintRules.MissingDueDate, PreDue);

    [Theory]
    [InlineData("请通过{{ lender.payment_link }}还款")]
    [InlineData("请通过 https://pay.example.cn/r 还款")]
    [InlineData("请登录官方APP还款")]
    [InlineData("请通过手机银行还款")]
    [InlineData("请向还款账户存入足额款项")]
    [InlineData("我行将于到期日自动扣款")]
    [InlineData("please repay in the official app")]
    public void A_way_to_pay_is_a_payment_link_an_allowed_link_or_a_payment_channel(string payment)
    {
        var body = Clean.Replace("请通过 {{ lender.payment_link }} 还款", payment);
        None(body, LintRules.MissingPaymentMethod);
    }

    [Theory]
    [InlineData("")]
    [InlineData("请尽快还款")]
    [InlineData("请通过 https://evil.cc/pay 还款")]
    public void A_hotline_alone_is_no_way_to_pay(string payment)
    {
        var body = Clean.Replace("请通过 {{ lender.payment_link }} 还款", payment);
        Assert.Equal(LintSeverity.Error, Single(body, LintRules.MissingPaymentMethod).Severity);
    }

    [Theory]
    [InlineData("请致电{{ lender.hotline }}")]
    [InlineData("客服电话95555")]
    [InlineData("请致电400-800-1234")]
    [InlineData("请致电021-12345678")]
    public void A_way_to_reach_the_lender_is_the_hotline_or_a_written_number(string contact) =>
        None(Clean.Replace("请致电{{ lender.hotline }}", contact), LintRules.MissingContact);

    [Theory]
    [InlineData("")]
    [InlineData("详见 https://pay.example.cn/help")]
    [InlineData("详询官方APP")]
    public void A_link_or_an_app_alone_is_no_way_to_reach_the_lender(string contact)
    {
        var body = Clean.Replace("请致电{{ lender.hotline }}", contact);
        Assert.Equal(LintSeverity.Error, Single(body, LintRules.MissingContact).Severity);
    }

    [Theory]
    [InlineData("【{{ lender.name }}】")]
    [InlineData("【{{lender.name}}】")]
    [InlineData("【示例银行】")]
    public void The_signature_is_the_lender_placeholder_or_a_literal_name_in_square_brackets(string signature) =>
        None(Clean.Replace("【{{ lender.name }}】", signature), LintRules.MissingSignature);

    [Theory]
    [InlineData("")]
    [InlineData("【】")]
    [InlineData("[示例银行]")]
    [InlineData("{{ lender.name }}")]
    public void Without_a_bracketed_signature_the_text_is_refused(string signature) =>
        Single(Clean.Replace("【{{ lender.name }}】", signature), LintRules.MissingSignature);

    [Theory]
    [InlineData("后果自负", LintRules.ThreateningWording)]
    [InlineData("我们将上门催收", LintRules.ThreateningWording)]
    [InlineData("老赖", LintRules.InsultingWording)]
    [InlineData("将曝光您的欠款", LintRules.ShamingWording)]
    [InlineData("已通知您的家人", LintRules.ThirdParty)]
    [InlineData("联系您的单位", LintRules.ThirdParty)]
    [InlineData("we will tell your employer", LintRules.ThirdParty)]
    [InlineData("you deadbeat", LintRules.InsultingWording)]
    public void Forbidden_wording_is_an_error_at_its_place(string phrase, string rule)
    {
        var body = Clean + phrase;
        var finding = Assert.Single(Lint(body), f => f.Rule == rule);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains(body[finding.Start..finding.End], phrase);
        Assert.Equal(finding.Subject, body[finding.Start..finding.End]);
    }

    [Theory]
    [InlineData("家　人")]           // ideographic space
    [InlineData("家 人")]
    [InlineData("家.人")]
    [InlineData("家·人")]
    [InlineData("家\u200B人")]       // zero-width space
    [InlineData("傢人")]             // traditional
    [InlineData("家屬")]             // traditional 属
    [InlineData("親 屬")]            // traditional, spaced
    public void Third_party_wording_is_found_however_it_is_spelled(string spelling)
    {
        var body = Clean + "已告知您的" + spelling;
        var finding = Single(body, LintRules.ThirdParty);
        Assert.Equal(spelling, body[finding.Start..finding.End]);
    }

    [Theory]
    [InlineData("老　赖")]
    [InlineData("老-赖")]
    [InlineData("騙子")]
    [InlineData("無恥")]
    [InlineData("ＤＥＡＤＢＥＡＴ")]     // full-width Latin
    [InlineData("D e a d b e a t")]
    [InlineData("d.e.a.d.b.e.a.t")]
    public void Insults_are_found_through_full_width_spacing_punctuation_and_traditional_forms(string spelling) =>
        Single(Clean + spelling, LintRules.InsultingWording);

    [Theory]
    [InlineData("skill")]
    [InlineData("a courteous reminder")]
    [InlineData("please issue payment")]
    public void English_terms_match_whole_words_only(string text)
    {
        Assert.DoesNotContain(Lint(Clean + text), f => f.Severity == LintSeverity.Error);
    }

    [Fact]
    public void A_spaced_out_english_threat_is_still_found() =>
        Single(Clean + " we will k i l l", LintRules.ThreateningWording);

    [Fact]
    public void A_liquid_tag_between_two_characters_does_not_glue_them_into_a_term() =>
        None(Clean + "家{{ customer.name }}人", LintRules.ThirdParty);

    [Fact]
    public void Words_inside_liquid_tags_are_code_not_wording() =>
        None(Clean + "{% assign family = 1 %}", LintRules.ThirdParty);

    [Theory]
    [InlineData("起诉")]
    [InlineData("律师")]
    [InlineData("法 院")]
    [InlineData("court")]
    public void Legal_consequence_wording_is_refused_before_16_days_and_allowed_from_16(string wording)
    {
        Single(Clean + wording, LintRules.LegalWordingEarly, Middle);
        Single(Clean + wording, LintRules.LegalWordingEarly, Early);
        None(Clean + wording, LintRules.LegalWordingEarly, Late);
    }

    [Fact]
    public void A_link_outside_the_allow_list_is_refused_with_its_span()
    {
        var body = Clean + "点击 http://bank.com.evil.cn/pay 还款";
        var finding = Single(body, LintRules.LinkNotAllowed);
        Assert.Equal("http://bank.com.evil.cn/pay", body[finding.Start..finding.End]);
        Assert.Equal("bank.com.evil.cn", finding.Subject);
    }

    [Theory]
    [InlineData("https://bank.com/pay")]
    [InlineData("https://m.bank.com/pay?id=1")]
    [InlineData("pay.example.cn/r")]
    [InlineData("www.bank.com")]
    public void Links_to_allowed_domains_and_their_subdomains_pass(string link) =>
        None(Clean + link, LintRules.LinkNotAllowed);

    [Theory]
    [InlineData("t.cn/abc")]
    [InlineData("www.notbank.com")]
    [InlineData("https://evilbank.com")]
    [InlineData("HTTPS://BANK.COM.EVIL.CN")]
    public void Links_to_other_domains_fail(string link) =>
        Single(Clean + link, LintRules.LinkNotAllowed);

    [Fact]
    public void A_version_number_or_an_amount_is_not_a_link() =>
        None(Clean + "版本2.0，金额1,234.50元", LintRules.LinkNotAllowed);

    [Fact]
    public void Unknown_placeholders_are_errors_at_their_place()
    {
        var body = Clean + "{{ customer.phone }}{{ debt.amount }}{{ custmer.name }}";
        var findings = Lint(body).Where(f => f.Rule == LintRules.UnknownPlaceholder).ToList();
        Assert.Equal(["customer.phone", "debt.amount", "custmer.name"], findings.Select(f => f.Subject));
        Assert.All(findings, f => Assert.Equal(f.Subject, body[f.Start..f.End]));
    }

    [Theory]
    [InlineData("{{ debt.minimum_due | default: debt.amount_due }}")]
    [InlineData("{{ debt.due_date | date: \"%m月%d日\" }}")]
    [InlineData("{% if debt.days_overdue > 7 %}请尽快{% endif %}")]
    [InlineData("{% assign total = debt.amount_due %}{{ total }}")]
    [InlineData("{{ 'customer.phone' | upcase }}")]
    public void Filters_keywords_literals_and_assigned_names_are_not_unknown_placeholders(string body) =>
        None(Clean + body, LintRules.UnknownPlaceholder);

    [Fact]
    public void More_than_three_parts_is_a_warning()
    {
        Assert.Equal(LintSeverity.Warning, Single(Clean, LintRules.TooManyParts, Middle with { MaxParts = 4 }).Severity);
        None(Clean, LintRules.TooManyParts, Middle with { MaxParts = 3 });
    }

    [Fact]
    public void A_text_without_a_polite_closing_draws_a_warning()
    {
        Assert.Equal(LintSeverity.Warning, Single(Clean.Replace("谢谢！", ""), LintRules.NoPoliteClosing).Severity);
        None(Clean.Replace("谢谢！", "感谢您的配合。"), LintRules.NoPoliteClosing);
        None(Clean.Replace("谢谢！", "Thank you."), LintRules.NoPoliteClosing);
    }

    [Fact]
    public void Early_stages_without_an_offer_of_help_draw_a_warning_later_stages_do_not()
    {
        var cold = Clean.Replace("，如有困难请致电{{ lender.hotline }}", "");
        Assert.Equal(LintSeverity.Warning, Single(cold, LintRules.NoEmpathyLine, Early).Severity);
        Single(cold, LintRules.NoEmpathyLine, new LintContext(-7, -1));
        Single(cold, LintRules.NoEmpathyLine, new LintContext(4, 7));
        None(cold, LintRules.NoEmpathyLine, Middle);
        None(cold, LintRules.NoEmpathyLine, Late);
    }

    [Fact]
    public void Terms_an_admin_adds_are_used()
    {
        var vocabulary = new LintVocabulary([.. DefaultLintTerms.All, new LintTerm(LintTermCategory.Insult, "穷鬼")], []);
        Assert.Single(TemplateLinter.Lint(Clean + "窮 鬼", Middle, vocabulary), f => f.Rule == LintRules.InsultingWording);
    }

    [Fact]
    public void A_broken_tag_does_not_stop_the_lint()
    {
        var findings = Lint("【示例】{{ debt.amount_due ");
        Assert.Contains(findings, f => f.Rule == LintRules.MissingDueDate);
        Assert.DoesNotContain(findings, f => f.Rule == LintRules.MissingAmount);
    }
}
