namespace OverdueSmsPortal.Core.Replies;

/// <summary>
/// The classification rules a new portal starts with, in Chinese and English (an Admin edits them in
/// Settings), in the order they are tried: complaints (regulator words first), opt-outs, wrong numbers,
/// disputes, then refusals ("不会还", "还不了", "won't pay": the customer's answer, but neither a promise
/// nor a payment, so they read as <see cref="ReplyCategory.Other"/> before the promise rules can), already
/// paid, promises, questions. A few rules sit ahead of their category's block where order decides:
/// "不是我借" is a dispute before "不是我" alone reads as a wrong number, "不是不还" a promise before "不还"
/// reads as a refusal, and a conditional ("的话", "行不行") a question before a promise phrase inside it.
/// A * in a phrase stands for a few characters (<see cref="ReplyClassifier.MaxGap"/>): "不要*短信". Short codes (T, N, TD, 0) count only as the whole reply; Latin words and
/// numbers match as words, so "315" in "已还315元" is no complaint.
/// </summary>
public static class DefaultReplyRules
{
    public static IReadOnlyList<ReplyRule> All { get; } = Numbered(
    [
        .. Regulator(ReplyMatch.Word, "12378", "12363", "12315", "315", "110", "police", "regulator", "sue you", "lawyer"),
        .. Regulator(ReplyMatch.Contains, "银保监", "金融监管", "监管", "人民银行", "报警", "公安", "派出所", "起诉你们", "我要起诉", "告你们", "律师", "法院告",
            "法庭"),
        .. Rules(ReplyCategory.Complaint, ReplyMatch.Contains, "投诉", "举报", "消费者协会", "消协", "骚扰", "轰炸"),
        .. Rules(ReplyCategory.Complaint, ReplyMatch.Word, "complain", "complaint", "harass", "harassment", "report you"),

        .. Rules(ReplyCategory.OptOut, ReplyMatch.Contains, "退订", "退定", "取消订阅", "停止发送", "拒收", "不再接收", "不要再*发", "不要*给我发",
            "不要*发了", "不要*短信", "不要*信息", "不要*提醒", "不要*通知", "不要*收到", "别再*发", "别*给我发", "别*发了", "别*短信", "莫再*发",
            "莫*发了", "勿*发", "不要再*传", "别再*传", "不用*发", "不用*通知", "不用*提醒", "不需要*提醒", "不需要*短信", "不需要*通知", "不想*收到",
            "取消*提醒", "取消*短信", "取消*通知", "停止*短信", "唔好再", "名单*删", "号码*删", "删*号码"),
        .. Rules(ReplyCategory.OptOut, ReplyMatch.Word, "unsubscribe", "stop", "opt out", "td", "stop texting", "stop sending", "dont text"),
        .. Rules(ReplyCategory.OptOut, ReplyMatch.Whole, "TD", "T", "N", "0000", "QX"),

        .. Rules(ReplyCategory.Dispute, ReplyMatch.Contains, "不是我借", "不是我欠", "不是我消费", "不是我申请", "不是我的债"),
        .. Rules(ReplyCategory.WrongNumber, ReplyMatch.Contains, "不是*本人", "本人不是", "打错", "发错人", "发错了", "找错人", "找错了", "要找的人",
            "找的人", "找谁", "不认识这个人", "不认识此人", "不认识他", "不认识她", "不认识你说", "人*不认识", "没*这个人", "查无此人", "不叫*这个名",
            "不是这个名", "没有姓", "号码换人", "换号", "换人了", "新号", "新办的", "刚办的", "二手", "机主", "不用这个号", "不用这个手机",
            "不是他的", "不是她的", "我在用", "唔系我"),
        .. Rules(ReplyCategory.WrongNumber, ReplyMatch.Word, "wrong number", "wrong person", "not me", "dont know him", "dont know her"),
        .. Rules(ReplyCategory.WrongNumber, ReplyMatch.Whole, "不是我"),

        .. Rules(ReplyCategory.Dispute, ReplyMatch.Contains, "不是我", "不认识", "没借过", "没有借", "没借", "没有欠", "没欠", "金额不对", "金额有误",
            "账单有误", "数目不对", "不对", "搞错", "算错", "多扣", "扣错", "重复扣", "盗刷", "盗用", "冒用", "销户", "没*注册", "没*申请", "没*消费",
            "没*下过", "没有逾期", "没逾期", "不知情", "不应该", "哪来"),
        .. Rules(ReplyCategory.Dispute, ReplyMatch.Word, "not mine", "dispute", "never borrowed", "isnt mine", "not my debt"),

        .. Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "不是不还"),
        .. Rules(ReplyCategory.Question, ReplyMatch.Contains, "行不行", "可不可以", "能不能", "能否", "的话", "如果"),
        .. Rules(ReplyCategory.Other, ReplyMatch.Contains, "不会还", "不还", "还不了", "还不起", "还不上", "不打算还", "不想还", "不准备还", "没钱还",
            "没法还", "没办法还", "无法还", "无力偿还", "无力还", "不可能还", "拒绝还", "还什么", "还没还", "还没有还", "没还", "未还"),
        .. Rules(ReplyCategory.Other, ReplyMatch.Word, "wont pay", "will not pay", "cant pay", "cannot pay", "unable to pay", "not paying",
            "not going to pay", "never pay"),

        .. Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Contains, "已还", "已经还", "还过了", "还了", "还清了", "还完了", "刚还", "已付", "已经付", "付过",
            "已缴", "交过了", "已转账", "已经转", "转了", "转过去了", "打过去了", "打了*过去", "截图", "到账", "已结清", "结清了", "已经处理", "已处理"),
        .. Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Word, "already paid", "have paid", "paid already", "i paid", "ive paid", "transferred"),

        .. Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "明天*还", "今天还", "今晚还", "今天晚上还", "后天还", "马上还", "稍后还", "晚点还",
            "下周*还", "下礼拜*还", "这周*还", "周末*还", "月底*还", "下个月*还", "号*还", "过几天*还", "过两天*还", "这几天还", "这两天还", "发工资*还",
            "发了工资", "尽快还", "尽量*还", "会还", "一定还", "保证还", "准备还", "先还", "去还", "就还", "还上", "给你转", "去转", "转过去", "马上处理",
            "尽快处理", "凑钱", "筹钱"),
        .. Rules(ReplyCategory.PromiseToPay, ReplyMatch.Word, "will pay", "pay tomorrow", "pay today", "pay soon", "promise", "i ll pay"),

        .. Rules(ReplyCategory.Question, ReplyMatch.Contains, "?", "？", "怎么", "为什么", "多少", "如何", "可以吗", "哪", "什么", "几号", "减免", "吗"),
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
