using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Demo;

/// <summary>
/// Starting texts for the default stage ladder, one per stage and tone, written the way a bank card
/// centre writes its reminders: each greets the customer, names the amount and a date that fits the
/// stage, offers a way to pay and a number to call, tells a customer who has paid to ignore it, and
/// stays factual as it firms up. Legal consequences appear only at 16+ days, and only as what the
/// contract provides.
/// </summary>
public static class DemoTemplates
{
    private const string Sign = "【{{ lender.name }}】";

    /// <summary>尊敬的王先生 — or 尊敬的客户 when the lender's file gave no title, never a bare surname.</summary>
    private const string Dear = "尊敬的{% if customer.title %}{{ customer.surname }}{{ customer.title }}{% else %}客户{% endif %}";

    /// <summary>
    /// A link is never alone: beside the official app it reads as the lender's, not as a phishing text. The
    /// space after it ends the link for phones that would otherwise take the next Chinese characters into it.
    /// </summary>
    private const string AppOrLink = "官方APP或{{ lender.payment_link }} ";

    private const string Penalty = "{% if debt.penalty_rate %}逾期将按日{{ debt.penalty_rate }}计收罚息，{% endif %}";
    private const string IgnoreIfPaid = "如您已还款，请忽略本短信。";

    private static readonly Dictionary<(string Stage, Tone Tone), string> Texts = new()
    {
        [("pre_due_7", Tone.Gentle)] =
            Sign + Dear + "，您好！温馨提醒：您本期账单{{ debt.amount_due }}将于{{ debt.due_date }}到期，可通过" + AppOrLink +
            "还款。如有困难，欢迎致电{{ lender.hotline }}。" + IgnoreIfPaid + "祝您生活愉快！",
        [("pre_due_7", Tone.Standard)] =
            Sign + Dear + "，您好！您本期应还{{ debt.amount_due }}，到期日{{ debt.due_date }}，请在到期日前存足款项，可通过" + AppOrLink +
            "还款，如有疑问请致电{{ lender.hotline }}。" + IgnoreIfPaid + "谢谢！",
        [("due_day", Tone.Gentle)] =
            Sign + Dear + "，您好！今天（{{ debt.due_date }}）是您的还款日，本期应还{{ debt.amount_due }}，可通过" + AppOrLink +
            "还款。如有困难，请致电{{ lender.hotline }}。" + IgnoreIfPaid + "感谢您的配合！",
        [("due_day", Tone.Standard)] =
            Sign + Dear + "，您好！您本期账单{{ debt.amount_due }}今日（{{ debt.due_date }}）到期，请于今日24点前通过" + AppOrLink +
            "还款，如有疑问请致电{{ lender.hotline }}。" + IgnoreIfPaid + "谢谢！",
        [("overdue_1_3", Tone.Gentle)] =
            Sign + Dear + "，您好！您的账单已逾期{{ debt.days_overdue }}天，应还{{ debt.amount_due }}，请于{{ debt.pay_by }}前通过" + AppOrLink +
            "还款。如遇困难，可致电{{ lender.hotline }}与我们协商。" + IgnoreIfPaid + "谢谢！",
        [("overdue_1_3", Tone.Standard)] =
            Sign + Dear + "，您好！您的账单已逾期{{ debt.days_overdue }}天，应还{{ debt.amount_due }}。逾期会影响您的信用记录" +
            "{% if debt.penalty_rate %}，并按日{{ debt.penalty_rate }}计收罚息{% endif %}，请尽快通过" + AppOrLink + "还款，如有困难请致电{{ lender.hotline }}。" + IgnoreIfPaid + "谢谢！",
        [("overdue_4_7", Tone.Gentle)] =
            Sign + Dear + "，您好！您的账单已逾期{{ debt.days_overdue }}天，应还{{ debt.amount_due }}。如近期资金周转困难，可致电{{ lender.hotline }}" +
            "申请分期；方便时请通过" + AppOrLink + "还款。" + IgnoreIfPaid + "感谢您的理解！",
        [("overdue_4_7", Tone.Standard)] =
            Sign + Dear + "，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" + Penalty + "请于{{ debt.pay_by }}前通过" +
            AppOrLink + "还款；如有困难，可致电{{ lender.hotline }}协商还款计划。" + IgnoreIfPaid + "谢谢！",
        [("overdue_4_7", Tone.Firm)] =
            Sign + Dear + "，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，" + Penalty + "请务必于{{ debt.pay_by }}前通过" +
            AppOrLink + "还清；如有困难，请致电{{ lender.hotline }}说明情况。" + IgnoreIfPaid + "谢谢配合。",
        [("overdue_8_15", Tone.Standard)] =
            Sign + Dear + "，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，逾期时间越长，对您的信用记录影响越大。请尽快通过" +
            AppOrLink + "还款，如需协商请致电{{ lender.hotline }}。" + IgnoreIfPaid + "谢谢！",
        [("overdue_8_15", Tone.Firm)] =
            Sign + Dear + "，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，逾期时间越长，对您的信用记录影响越大。" + Penalty +
            "请于{{ debt.pay_by }}前通过" + AppOrLink + "还清，详询{{ lender.hotline }}。" + IgnoreIfPaid + "谢谢配合。",
        [("overdue_16_plus", Tone.Firm)] =
            Sign + Dear + "，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，逾期记录将按规定报送征信系统。请于{{ debt.pay_by }}前通过" +
            AppOrLink + "还清，或致电{{ lender.hotline }}确认还款安排。" + IgnoreIfPaid + "谢谢配合。",
        [("overdue_16_plus", Tone.LegalNotice)] =
            Sign + Dear + "，您好！您的借款已逾期{{ debt.days_overdue }}天，欠款{{ debt.amount_due }}。根据借款合同约定，" + Penalty +
            "我司有权通过法律途径追偿。请于{{ debt.pay_by }}前通过" + AppOrLink + "还清，详询{{ lender.hotline }}。" + IgnoreIfPaid + "谢谢。",
    };

    /// <summary>The starting text for a stage of the default ladder and a tone, if there is one.</summary>
    public static string? For(string stageKey, Tone tone) => Texts.GetValueOrDefault((stageKey, tone));

    public static IEnumerable<(string Stage, Tone Tone, string Body)> All =>
        Texts.Select(pair => (pair.Key.Stage, pair.Key.Tone, pair.Value));
}
