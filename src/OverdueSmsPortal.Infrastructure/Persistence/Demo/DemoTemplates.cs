using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Infrastructure.Persistence.Demo;

/// <summary>
/// Starting texts for the default stage ladder, one per stage and tone, written for this portal:
/// each names the amount, the date, a way to pay and the signature, and stays factual as it firms up.
/// </summary>
public static class DemoTemplates
{
    private const string Greeting = "【{{ lender.name }}】{{ customer.name }}{{ customer.title }}";
    private const string Pay = "通过 {{ lender.payment_link }} 还款";
    private const string Penalty = "{{ debt.penalty_rate | default: \"合同约定标准\" }}";

    private static readonly Dictionary<(string Stage, Tone Tone), string> Texts = new()
    {
        [("pre_due_7", Tone.Gentle)] =
            Greeting + "您好，温馨提醒：您本期账单将于{{ debt.due_date }}到期，应还{{ debt.amount_due }}。可" + Pay +
            "；如有困难，欢迎致电{{ lender.hotline }}。祝您生活愉快！",
        [("pre_due_7", Tone.Standard)] =
            Greeting + "，您本期应还{{ debt.amount_due }}，最低还款{{ debt.minimum_due | default: debt.amount_due }}，到期日{{ debt.due_date }}。请按时" +
            Pay + "，如有疑问请致电{{ lender.hotline }}。谢谢！",
        [("due_day", Tone.Gentle)] =
            Greeting + "您好，今天（{{ debt.due_date }}）是您的还款日，应还{{ debt.amount_due }}。可" + Pay +
            "，如有困难请致电{{ lender.hotline }}，我们乐意帮助。感谢您的配合！",
        [("due_day", Tone.Standard)] =
            Greeting + "，今天是还款日（{{ debt.due_date }}），应还{{ debt.amount_due }}。请于今日内" + Pay +
            "，如有疑问请致电{{ lender.hotline }}。谢谢！",
        [("overdue_1_3", Tone.Gentle)] =
            Greeting + "您好，您的账单已逾期{{ debt.days_overdue }}天，应还{{ debt.amount_due }}。也许您只是忘了，请尽快" + Pay +
            "。如有困难，请致电{{ lender.hotline }}协商。谢谢！",
        [("overdue_1_3", Tone.Standard)] =
            Greeting + "，您的账单已逾期{{ debt.days_overdue }}天，应还{{ debt.amount_due }}，逾期按日" + Penalty + "计收罚息。请尽快" + Pay +
            "，如有困难请致电{{ lender.hotline }}。谢谢！",
        [("overdue_4_7", Tone.Gentle)] =
            Greeting + "您好，您的账单已逾期{{ debt.days_overdue }}天，应还{{ debt.amount_due }}。如果近期手头紧，可以致电{{ lender.hotline }}" +
            "协商分期；方便时请" + Pay + "。谢谢您的理解！",
        [("overdue_4_7", Tone.Standard)] =
            Greeting + "，您的账单已逾期{{ debt.days_overdue }}天，欠款{{ debt.amount_due }}，罚息按日" + Penalty + "计收。请尽快" + Pay +
            "；如有困难可致电{{ lender.hotline }}申请分期。谢谢！",
        [("overdue_4_7", Tone.Firm)] =
            Greeting + "，您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，罚息每日按" + Penalty + "累计。请于今日内" + Pay +
            "，或致电{{ lender.hotline }}说明情况，如有困难可协商分期。谢谢配合。",
        [("overdue_8_15", Tone.Standard)] =
            Greeting + "，您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天。请尽快" + Pay +
            "，如需协商还款计划请致电{{ lender.hotline }}。谢谢！",
        [("overdue_8_15", Tone.Firm)] =
            Greeting + "，您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，罚息每日按" + Penalty + "累计。请立即" + Pay +
            "，或致电{{ lender.hotline }}确认还款安排。谢谢配合。",
        [("overdue_16_plus", Tone.Firm)] =
            Greeting + "，您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，请立即" + Pay +
            "，或致电{{ lender.hotline }}确认还款安排。谢谢配合。",
        [("overdue_16_plus", Tone.LegalNotice)] =
            Greeting + "：您的借款已逾期{{ debt.days_overdue }}天，欠款{{ debt.amount_due }}。根据借款合同约定，逾期按日" + Penalty +
            "计收罚息，逾期记录将依法报送征信系统。请" + Pay + "或致电{{ lender.hotline }}协商。谢谢。",
    };

    /// <summary>The starting text for a stage of the default ladder and a tone, if there is one.</summary>
    public static string? For(string stageKey, Tone tone) => Texts.GetValueOrDefault((stageKey, tone));

    public static IEnumerable<(string Stage, Tone Tone, string Body)> All =>
        Texts.Select(pair => (pair.Key.Stage, pair.Key.Tone, pair.Value));
}
