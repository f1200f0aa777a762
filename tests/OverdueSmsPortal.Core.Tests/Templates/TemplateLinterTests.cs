using OverdueSmsPortal.Core.Templates.Lint;

namespace OverdueSmsPortal.Core.Tests.Templates;

public class TemplateLinterTests
{
    /// <summary>A text that passes every rule at 8–15 days overdue.</summary>
    private const string Clean =
        "【{{ lender.name }}】{{ customer.name }}{{ customer.title }}，您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" +
        "请通过 {{ lender.payment_link }} 还款，如有困难请致电{{ lender.hotline }}。谢谢！";

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

    [Theory]
    [InlineData(LintRules.MissingAmount, "{{ debt.amount_due }}", "{{ debt.minimum_due }}")]
    [InlineData(LintRules.MissingDueDate, "{{ debt.days_overdue }}", "{{ debt.due_date }}")]
    public void A_required_element_is_present_with_either_placeholder(string rule, string placeholder, string alternative)
    {
        var without = Clean.Replace(placeholder, "");
        Assert.Equal((LintSeverity.Error, 0, 0), (Single(without, rule).Severity, Single(without, rule).Start, Single(without, rule).End));
        None(Clean.Replace(placeholder, alternative), rule);
    }

    [Fact]
    public void A_way_to_pay_or_contact_is_required()
    {
        var without = Clean.Replace("{{ lender.payment_link }}", "").Replace("{{ lender.hotline }}", "");
        Single(without, LintRules.MissingContact);
        None(Clean.Replace("{{ lender.payment_link }}", ""), LintRules.MissingContact);
        None(without + "客服电话95555", LintRules.MissingContact);
        None(without + "请致电400-800-1234", LintRules.MissingContact);
        None(without + "https://pay.example.cn/x", LintRules.MissingContact);
        Single(without + "https://evil.cc/x", LintRules.MissingContact);
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
    [InlineData("报送征信")]
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
