namespace OverdueSmsPortal.Core.Replies;

/// <summary>
/// The classification rules a new portal starts with, in Chinese and English (an Admin edits them in
/// Settings). Short codes (T, N, TD, 0) count only as the whole reply: "T" inside a sentence is not an opt-out.
/// </summary>
public static class DefaultReplyRules
{
    public static IReadOnlyList<ReplyRule> All { get; } =
    [
        .. Contains(ReplyCategory.OptOut, "退订", "退定", "取消订阅", "不要再发", "别再发", "停止发送", "拒收", "unsubscribe", "stop", "opt out"),
        .. Whole(ReplyCategory.OptOut, "TD", "T", "N", "0000", "QX"),
        .. Contains(ReplyCategory.Complaint, "投诉", "举报", "12378", "银保监", "金融监管", "消费者协会", "315", "报警", "骚扰", "complain",
            "complaint", "harass", "harassment", "report you"),
        .. Contains(ReplyCategory.Dispute, "不是我", "不是本人", "打错了", "发错了", "不认识", "没借过", "没有借", "没有欠", "金额不对", "金额有误",
            "账单有误", "搞错", "wrong number", "wrong person", "not mine", "not me", "dispute"),
        .. Contains(ReplyCategory.AlreadyPaid, "已还", "已经还", "还过了", "还了", "已付", "已经付", "已缴", "已转账", "已结清", "already paid",
            "have paid", "paid already"),
        .. Contains(ReplyCategory.PromiseToPay, "明天还", "今天还", "马上还", "稍后还", "晚点还", "下周还", "周末还", "月底还", "过几天还", "发工资还",
            "尽快还", "会还", "一定还", "马上处理", "尽快处理", "will pay", "pay tomorrow", "pay today", "pay soon", "promise"),
        .. Contains(ReplyCategory.Question, "?", "？", "怎么", "为什么", "多少", "如何", "能不能", "可以吗", "哪里", "什么", "how", "why", "what",
            "when", "where"),
    ];

    private static IEnumerable<ReplyRule> Contains(ReplyCategory category, params string[] phrases) =>
        phrases.Select(p => new ReplyRule(category, p, ReplyMatch.Contains));

    private static IEnumerable<ReplyRule> Whole(ReplyCategory category, params string[] phrases) =>
        phrases.Select(p => new ReplyRule(category, p, ReplyMatch.Whole));
}
