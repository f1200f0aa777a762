using OverdueSmsPortal.Core.Templates.Lint;

namespace OverdueSmsPortal.Core.Tests.Templates;

/// <summary>
/// What the lint says about the words of a collection text (issue 16): legal wording only at 16+ days,
/// the credit-record notice once overdue, third parties and threats in context, and the lines every
/// reminder should carry. The phrases are the ones operations staff write, and the ones a careless author slips in.
/// </summary>
public class CollectionWordingLintTests
{
    private const string Reminder =
        "【{{ lender.name }}】尊敬的{{ customer.surname }}{{ customer.title }}，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" +
        "请通过 {{ lender.payment_link }} 还款，如有困难请致电{{ lender.hotline }}。如您已还款，请忽略本短信。谢谢！";

    private static readonly LintContext PreDue = new(-7, -1);
    private static readonly LintContext DueDay = new(0, 0);
    private static readonly LintContext FirstDays = new(1, 3);
    private static readonly LintContext SecondWeek = new(8, 15);
    private static readonly LintContext Late = new(16, null);
    private static readonly LintVocabulary Vocabulary = new(DefaultLintTerms.All, ["example.cn"]);

    private static IReadOnlyList<LintFinding> Lint(string body, LintContext context, LintVocabulary? vocabulary = null) =>
        TemplateLinter.Lint(body, context, vocabulary ?? Vocabulary);

    private static IReadOnlyList<string> Rules(string body, LintContext context, LintVocabulary? vocabulary = null) =>
        Lint(body, context, vocabulary).Select(f => f.Rule).ToList();

    [Theory]
    [InlineData("如仍未还款，我们将采取法律手段。")]
    [InlineData("我司将通过法律途径解决。")]
    [InlineData("我司将委托第三方机构上门。")]
    [InlineData("外访人员将前往您的户籍地。")]
    [InlineData("我司将追究您的法律责任。")]
    [InlineData("您的案件将进入法律程序。")]
    [InlineData("我司已将您的欠款移交催收机构。")]
    [InlineData("近期将安排实地走访。")]
    [InlineData("我司律师将与您联系。")]
    [InlineData("法院将强制执行。")]
    [InlineData("本案已转司法处理。")]
    [InlineData("你將被列為失信人")]
    [InlineData("律 師函")]
    [InlineData("our lawyer will contact you")]
    [InlineData("passed to a collection agency")]
    public void Legal_wording_is_an_error_in_the_first_days_overdue(string sentence)
    {
        var findings = Lint(Reminder + sentence, FirstDays).Where(f => f.Rule == LintRules.LegalWordingEarly).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(LintSeverity.Error, f.Severity));
        Assert.Contains(LintRules.LegalWordingEarly, Rules(Reminder + sentence, SecondWeek));
    }

    [Theory]
    [InlineData("根据借款合同约定，我司有权通过法律途径追偿。")]
    [InlineData("逾期记录将依法报送征信系统。")]
    public void A_factual_legal_notice_passes_from_16_days_overdue(string sentence) =>
        Assert.Empty(Lint(Reminder + sentence, Late));

    [Theory]
    [InlineData("后果自负")]
    [InlineData("别怪我们不客气")]
    [InlineData("我们就对你不客气了")]
    [InlineData("我们会派人上门催收")]
    public void Threats_are_errors_at_every_stage_even_where_legal_notice_is_allowed(string threat)
    {
        Assert.Contains(LintRules.ThreateningWording, Rules(Reminder + threat, FirstDays));
        Assert.Contains(LintRules.ThreateningWording, Rules(Reminder + threat, Late));
    }

    [Theory]
    [InlineData("逾期会影响您的信用记录。")]
    [InlineData("以免影响征信。")]
    [InlineData("逾期将记入个人征信。")]
    [InlineData("以免影響徵信")]
    [InlineData("it may affect your credit record")]
    public void A_credit_record_notice_is_an_error_before_the_due_date_and_allowed_once_overdue(string notice)
    {
        var body = Reminder.Replace("已逾期{{ debt.days_overdue }}天", "将于{{ debt.due_date }}到期") + notice;

        Assert.Equal(LintSeverity.Error, Assert.Single(Lint(body, PreDue), f => f.Rule == LintRules.CreditNoticeEarly).Severity);
        Assert.Contains(LintRules.CreditNoticeEarly, Rules(body, DueDay));
        Assert.Empty(Lint(body, FirstDays));
        Assert.Empty(Lint(body, SecondWeek));
    }

    [Fact]
    public void The_credit_record_notice_the_8_to_15_day_texts_carry_passes() =>
        Assert.Empty(Lint(Reminder + "逾期时间越长，对您的信用记录影响越大。", SecondWeek));

    [Fact]
    public void A_credit_blacklist_stays_legal_wording() =>
        Assert.Contains(LintRules.LegalWordingEarly, Rules(Reminder + "您将被列入失信名单", SecondWeek));

    [Theory]
    [InlineData("金额单位：元")]
    [InlineData("（金额单位：人民币元）")]
    [InlineData("亲爱的朋友，")]
    [InlineData("有任何疑问请随时来电，不客气。")]
    [InlineData("请您不要客气，随时来电咨询。")]
    public void Words_that_only_look_like_a_third_party_or_a_threat_raise_no_error(string phrase) =>
        Assert.Empty(Lint(Reminder + phrase, FirstDays));

    [Theory]
    [InlineData("我们将联系您的朋友")]
    [InlineData("已告知您的亲友")]
    [InlineData("我们将通知您的家人")]
    [InlineData("我们将致电您单位")]
    [InlineData("请告知工作单位")]
    [InlineData("将联系单位领导")]
    [InlineData("将联系您的单位")]
    public void A_third_party_named_in_context_is_an_error(string phrase) =>
        Assert.Contains(LintRules.ThirdParty, Rules(Reminder + phrase, FirstDays));

    [Fact]
    public void A_harmless_phrase_masks_only_the_words_inside_it()
    {
        var strict = new LintVocabulary([.. DefaultLintTerms.All, new LintTerm(LintTermCategory.ThirdParty, "单位")], ["example.cn"]);
        var body = Reminder + "金额单位：元。我们将联系单位。";

        var finding = Assert.Single(Lint(body, FirstDays, strict), f => f.Rule == LintRules.ThirdParty);

        Assert.Equal(body.LastIndexOf("单位", StringComparison.Ordinal), finding.Start);
    }

    [Theory]
    [InlineData("金 额 单 位：元")]
    [InlineData("金額單位：元")]
    public void A_harmless_phrase_is_found_however_it_is_spelled(string phrase)
    {
        var strict = new LintVocabulary([.. DefaultLintTerms.All, new LintTerm(LintTermCategory.ThirdParty, "单位")], ["example.cn"]);
        Assert.DoesNotContain(LintRules.ThirdParty, Rules(Reminder + phrase, FirstDays, strict));
    }

    [Fact]
    public void A_harmless_phrase_an_admin_adds_is_used()
    {
        var vocabulary = new LintVocabulary([.. DefaultLintTerms.All, new LintTerm(LintTermCategory.Harmless, "好友热线")], ["example.cn"]);
        var strict = new LintVocabulary([.. DefaultLintTerms.All, new LintTerm(LintTermCategory.ThirdParty, "好友")], ["example.cn"]);
        var both = new LintVocabulary([.. vocabulary.Terms.Select(t => t.Term), new LintTerm(LintTermCategory.ThirdParty, "好友")], ["example.cn"]);

        Assert.Contains(LintRules.ThirdParty, Rules(Reminder + "好友热线", FirstDays, strict));
        Assert.DoesNotContain(LintRules.ThirdParty, Rules(Reminder + "好友热线", FirstDays, both));
    }

    [Theory]
    [InlineData("尊敬的{{ customer.surname }}{{ customer.title }}，您好！", "{{ customer.surname }}{{ customer.title }}您好，")]
    [InlineData("尊敬的{{ customer.surname }}{{ customer.title }}，您好！", "{{ customer.name }}您好，")]
    [InlineData("尊敬的{{ customer.surname }}{{ customer.title }}，您好！", "Dear {{ customer.name }}, ")]
    public void A_text_without_a_greeting_draws_a_warning(string greeting, string replacement)
    {
        var cold = Reminder.Replace(greeting, "{{ customer.name }}，");
        Assert.Equal(LintSeverity.Warning, Assert.Single(Lint(cold, FirstDays), f => f.Rule == LintRules.NoGreeting).Severity);
        Assert.DoesNotContain(LintRules.NoGreeting, Rules(Reminder.Replace(greeting, replacement), FirstDays));
    }

    [Theory]
    [InlineData("如已还款请忽略。")]
    [InlineData("若您已结清，请忽略本短信。")]
    [InlineData("如您已还款，请忽略本短信。")]
    [InlineData("If you have paid, please ignore this message.")]
    public void A_line_for_customers_who_have_paid_is_expected(string line)
    {
        var without = Reminder.Replace("如您已还款，请忽略本短信。", "");
        Assert.Equal(LintSeverity.Warning, Assert.Single(Lint(without, FirstDays), f => f.Rule == LintRules.NoPaidNotice).Severity);
        Assert.DoesNotContain(LintRules.NoPaidNotice, Rules(without + line, FirstDays));
    }
}
