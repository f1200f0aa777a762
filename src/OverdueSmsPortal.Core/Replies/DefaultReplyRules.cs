namespace OverdueSmsPortal.Core.Replies;

/// <summary>
/// The classification rules a new portal starts with, in Chinese and English (an Admin edits them in
/// Settings), in the order they are tried: complaints (regulator words first), opt-outs, wrong numbers,
/// disputes, then refusals ("不会还", "还不了", "won't pay": the customer's answer, but neither a promise
/// nor a payment, so they read as <see cref="ReplyCategory.Other"/> before the promise rules can), already
/// paid, promises, questions. Short codes (T, N, TD, 0) count only as the whole reply; Latin words and
/// numbers match as words, so "315" in "已还315元" is no complaint.
/// </summary>
public static class DefaultReplyRules
{
    public static IReadOnlyList<ReplyRule> All { get; } = Numbered(
    [
        .. Regulator(ReplyMatch.Word, "12378", "12363", "12315", "315", "110", "police", "regulator", "sue you", "lawyer"),
        .. Regulator(ReplyMatch.Contains, "银保监", "金融监管", "监管局", "人民银行", "报警", "公安", "派出所", "起诉你们", "告你们", "律师告", "法院告"),
        .. Rules(ReplyCategory.Complaint, ReplyMatch.Contains, "投诉", "举报", "消费者协会", "消协", "骚扰"),
        .. Rules(ReplyCategory.Complaint, ReplyMatch.Word, "complain", "complaint", "harass", "harassment", "report you"),

        .. Rules(ReplyCategory.OptOut, ReplyMatch.Contains, "退订", "退定", "取消订阅", "不要再发", "别再发", "不要发了", "别发了", "停止发送", "拒收"),
        .. Rules(ReplyCategory.OptOut, ReplyMatch.Word, "unsubscribe", "stop", "opt out"),
        .. Rules(ReplyCategory.OptOut, ReplyMatch.Whole, "TD", "T", "N", "0000", "QX"),

        .. Rules(ReplyCategory.WrongNumber, ReplyMatch.Contains, "不是本人", "不是我本人", "本人不是", "打错了", "打错电话", "发错人", "发错了",
            "找错人", "不认识这个人", "不认识此人", "不认识他", "不认识她", "没有这个人", "查无此人", "号码换人", "换号了", "新号码", "不是他的号码",
            "不是她的号码", "不是他的手机", "不是她的手机"),
        .. Rules(ReplyCategory.WrongNumber, ReplyMatch.Word, "wrong number", "wrong person", "not me", "dont know him", "dont know her"),

        .. Rules(ReplyCategory.Dispute, ReplyMatch.Contains, "不是我", "不认识", "没借过", "没有借", "没借", "没有欠", "没欠", "金额不对", "金额有误",
            "账单有误", "数目不对", "搞错"),
        .. Rules(ReplyCategory.Dispute, ReplyMatch.Word, "not mine", "dispute"),

        .. Rules(ReplyCategory.Other, ReplyMatch.Contains, "不会还", "不还", "还不了", "还不起", "还不上", "不打算还", "不想还", "不准备还", "没钱还",
            "没法还", "没办法还", "无法还", "无力偿还", "无力还", "不可能还", "拒绝还", "还没还", "还没有还", "没还", "未还"),
        .. Rules(ReplyCategory.Other, ReplyMatch.Word, "wont pay", "will not pay", "cant pay", "cannot pay", "unable to pay", "not paying",
            "not going to pay", "never pay"),

        .. Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Contains, "已还", "已经还", "还过了", "还了", "还清", "已付", "已经付", "已缴", "已转账",
            "已结清", "结清了", "已经处理", "已处理"),
        .. Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Word, "already paid", "have paid", "paid already", "i paid", "ive paid"),

        .. Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "明天还", "今天还", "今晚还", "马上还", "稍后还", "晚点还", "下周还", "周末还",
            "月底还", "下个月还", "过几天还", "这几天还", "这两天还", "发工资还", "发工资就还", "发了工资", "尽快还", "会还", "一定还", "保证还",
            "准备还", "去还", "就还", "马上处理", "尽快处理", "凑钱", "筹钱"),
        .. Rules(ReplyCategory.PromiseToPay, ReplyMatch.Word, "will pay", "pay tomorrow", "pay today", "pay soon", "promise", "i ll pay"),

        .. Rules(ReplyCategory.Question, ReplyMatch.Contains, "?", "？", "怎么", "为什么", "多少", "如何", "能不能", "可以吗", "哪里", "什么", "吗"),
        .. Rules(ReplyCategory.Question, ReplyMatch.Word, "how", "why", "what", "when", "where"),
    ]);

    private static IEnumerable<ReplyRule> Regulator(ReplyMatch match, params string[] phrases) =>
        phrases.Select(p => new ReplyRule(ReplyCategory.Complaint, p, match, regulatorThreat: true));

    private static IEnumerable<ReplyRule> Rules(ReplyCategory category, ReplyMatch match, params string[] phrases) =>
        phrases.Select(p => new ReplyRule(category, p, match));

    /// <summary>Positions 1, 2, 3… in list order: 0 is what rules stored before rules had an order carry.</summary>
    private static IReadOnlyList<ReplyRule> Numbered(IReadOnlyList<ReplyRule> rules) =>
        rules.Select((r, i) => new ReplyRule(r.Category, r.Phrase, r.Match, i + 1, r.RegulatorThreat)).ToList();
}
