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
    /// <summary>The version of the default rules: a portal seeded with an older one gets the rules added since.</summary>
    public const int Version = 2;

    // Each rule with the version of the defaults it arrived in: version 2 read time words with ways of paying,
    // someone else holding the number, fee disputes, payments on someone's behalf and everyday, dialect and
    // pinyin ways of saying stop, judged on labelled sets nobody tuned on.
    private static readonly IReadOnlyList<(ReplyRule Rule, int Since)> Versioned =
    [
        .. Regulator(ReplyMatch.Word, "12378", "12363", "12315", "315", "110", "police", "regulator", "sue you", "lawyer"),
        .. Since(2, Regulator(ReplyMatch.Word, "12345")),
        .. Regulator(ReplyMatch.Contains, "银保监", "金融监管", "监管", "人民银行", "报警", "公安", "派出所", "起诉你们", "我要起诉", "告你们", "律师", "法院告", "法庭"),
        .. Since(2, Regulator(ReplyMatch.Contains, "市长热线", "政府热线", "银监", "金融办", "打官司", "吃官司", "报案", "法院*起诉|告", "去法院", "金管会")),
        .. Rules(ReplyCategory.Complaint, ReplyMatch.Contains, "投诉", "举报", "消费者协会", "消协", "骚扰", "轰炸"),
        .. Since(2, Rules(ReplyCategory.Complaint, ReplyMatch.Contains, "曝光", "媒体", "记者", "骂人", "有录音", "威胁我", "检举")),
        .. Rules(ReplyCategory.Complaint, ReplyMatch.Word, "complain", "complaint", "harass", "harassment", "report you"),
        .. Since(2, Rules(ReplyCategory.Complaint, ReplyMatch.Word, "tousu", "ju bao")),

        .. Since(2, Rules(ReplyCategory.Dispute, ReplyMatch.Contains, "退订*会员|业务|套餐|保险")),
        .. Rules(ReplyCategory.OptOut, ReplyMatch.Contains, "退订", "退定", "取消订阅", "停止发送", "拒收", "不再接收", "不要再*发", "不要*给我发", "不要*发了", "不要*短信", "不要*信息",
            "不要*提醒", "不要*通知", "不要*收到", "别再*发", "别*给我发", "别*发了", "别*短信", "莫再*发", "莫*发了", "勿*发", "不要再*传", "别再*传", "不用*发", "不用*通知", "不用*提醒", "不需要*提醒",
            "不需要*短信", "不需要*通知", "不想*收到", "取消*提醒", "取消*短信", "取消*通知", "停止*短信", "唔好再", "名单*删", "号码*删", "删*号码"),
        .. Since(2, Rules(ReplyCategory.OptOut, ReplyMatch.Contains, "甭*发|短信|信息|提醒|通知", "停了吧", "停*短信|信息|提醒|通知", "关闭|关掉|关了*短信|信息|提醒|通知", "屏蔽",
            "唔好|唔使|咪*发|send|短信|信息", "不要|别|莫|勿*打扰", "不要|别|莫*联系我", "短信|信息|提醒|通知*关掉|关了|关闭|停掉|停了|取消", "别往|别向|勿向|不要往|不要向|莫往|勿往|再向|再往*发",
            "别|不要|唔好|唔使*send|sms|msg|text", "以后别|以后不要|以后勿|以后莫*发", "移除")),
        .. Rules(ReplyCategory.OptOut, ReplyMatch.Word, "unsubscribe", "stop", "opt out", "td", "stop texting", "stop sending", "dont text"),
        .. Since(2, Rules(ReplyCategory.OptOut, ReplyMatch.Word, "bie fa", "buyao fa", "no more messages", "dont send", "tuiding", "tui ding")),
        .. Rules(ReplyCategory.OptOut, ReplyMatch.Whole, "TD", "T", "N", "0000", "QX"),

        .. Rules(ReplyCategory.Dispute, ReplyMatch.Contains, "不是我借", "不是我欠", "不是我消费", "不是我申请", "不是我的债"),
        .. Since(2, Rules(ReplyCategory.Dispute, ReplyMatch.Contains, "不是*本人*办|借|申请|签|贷|刷|开|用")),
        .. Since(2, Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Contains, "帮他|替他|帮她|替她|帮我|替我*还了|还上了|还清|还过|转了|交了|缴了")),
        .. Since(2, Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "帮他|替他|帮她|替她|帮我|替我*还|转|交|缴|处理")),
        .. Rules(ReplyCategory.WrongNumber, ReplyMatch.Contains, "不是*本人", "本人不是", "打错", "发错人", "发错了", "找错人", "找错了", "要找的人", "找的人", "找谁", "不认识这个人",
            "不认识此人", "不认识他", "不认识她", "不认识你说", "人*不认识", "没*这个人", "查无此人", "不叫*这个名", "不是这个名", "没有姓", "号码换人", "换号", "换人了", "新号", "新办的", "刚办的", "二手", "机主",
            "不用这个号", "不用这个手机", "不是他的", "不是她的", "我在用", "唔系我"),
        .. Since(2, Rules(ReplyCategory.WrongNumber, ReplyMatch.Contains, "不系我", "不姓", "不叫", "不是*先生|女士|小姐|那个人|那位|这个人", "我是女的", "我是男的", "非本人", "非借款人",
            "非持卡人", "不是借款人", "不是持卡人", "不是*要找", "要找的*人", "名字不是我", "不是我的名字", "错号", "号码*错", "新买|刚买|新办|新入网*号|卡|手机", "号*新买|刚买|新办|新入网", "配的号", "公司的号",
            "单位的号", "工作号", "我是他", "我是她", "他的事", "她的事", "他|她*离职", "搵错", "冇认得", "唔识", "唔认识", "冇呢个人", "俺不是", "不认识这|不认识那|不认识你们说|不认得", "找的*不是",
            "换主人|换了主人|换机主|新机主", "唔系佢|我唔系", "不是你说|不是你们说", "不是他|不是她*电话|号码|手机|的号", "登记错|留错", "错人", "原来的主人|原主人|前主人|原机主", "紧急联系人", "转告",
            "我爸|我妈|我儿子|我女儿|我老公|我老婆|我爱人*的手机|的号|的电话")),
        .. Rules(ReplyCategory.WrongNumber, ReplyMatch.Word, "wrong number", "wrong person", "not me", "dont know him", "dont know her"),
        .. Since(2, Rules(ReplyCategory.WrongNumber, ReplyMatch.Word, "wrong no", "new number", "not this person", "bu shi ben ren", "bushibenren",
            "da cuo le", "fa cuo le", "bu shi wo")),
        .. Rules(ReplyCategory.WrongNumber, ReplyMatch.Whole, "不是我"),

        .. Rules(ReplyCategory.Dispute, ReplyMatch.Contains, "不是我", "不认识", "没借过", "没有借", "没借", "没有欠", "没欠", "金额不对", "金额有误", "账单有误", "数目不对", "不对",
            "搞错", "算错", "多扣", "扣错", "重复扣", "盗刷", "盗用", "冒用", "销户", "没*注册", "没*申请", "没*消费", "没*下过", "没有逾期", "没逾期", "不知情", "不应该", "哪来"),
        .. Since(2, Rules(ReplyCategory.Dispute, ReplyMatch.Contains, "不认", "不承认", "不合理", "乱收", "乱扣", "多收", "对不上", "不存在", "没用过", "一分没用", "没在*借",
            "从没借", "从来没借", "停息挂账了", "同意停息挂账", "协商好", "已协商", "协商过", "明明*还|交|缴|付|转", "系统*问题|出错|错了|有误", "说我逾期", "凭什么*收|扣",
            "年费|滞纳金|违约金|罚息|手续费|利息*太高|凭什么|乱", "啥时候|什么时候|几时*借过|欠过|借的|欠的", "冇借|冇欠|未借过|从未借", "咋变|怎么变|多出来|怎么多出", "明明是|明明只", "怎么会欠|哪会欠", "显示逾期", "被骗",
            "不该我|不应该我*还", "注销了|已注销|早注销")),
        .. Rules(ReplyCategory.Dispute, ReplyMatch.Word, "not mine", "dispute", "never borrowed", "isnt mine", "not my debt"),
        .. Since(2, Rules(ReplyCategory.Dispute, ReplyMatch.Word, "never took", "no loan", "not my loan")),

        .. Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "不是不还"),
        .. Since(2, Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "没说不还", "不会不还", "不会赖")),
        .. Rules(ReplyCategory.Question, ReplyMatch.Contains, "行不行", "可不可以", "能不能", "能否", "的话", "如果"),
        .. Since(2, Rules(ReplyCategory.Question, ReplyMatch.Contains, "算逾期", "算不算", "差多少", "几号之前|几号前|几号以前")),
        .. Rules(ReplyCategory.Other, ReplyMatch.Contains, "不会还", "不还", "还不了", "还不起", "还不上", "不打算还", "不想还", "不准备还", "没钱还", "没法还", "没办法还", "无法还",
            "无力偿还", "无力还", "不可能还", "拒绝还", "还什么", "还没还", "还没有还", "没还", "未还"),
        .. Since(2, Rules(ReplyCategory.Other, ReplyMatch.Contains, "转不了", "缴不了", "交不了", "付不了", "还不出", "拿不出", "凑不齐", "凑不够", "凑不到", "不一定", "拿啥还",
            "拿什么还", "爱咋咋")),
        .. Since(2, Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "前到账", "之前到账", "会到账", "就到账", "工资*到账", "到账就|到了就*还|转|缴|交|付")),
        .. Rules(ReplyCategory.Other, ReplyMatch.Word, "wont pay", "will not pay", "cant pay", "cannot pay", "unable to pay", "not paying",
            "not going to pay", "never pay"),

        .. Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Contains, "已还", "已经还", "还过了", "还了", "还清了", "还完了", "刚还", "已付", "已经付", "付过", "已缴", "交过了", "已转账",
            "已经转", "转了", "转过去了", "打过去了", "打了*过去", "截图", "到账", "已结清", "结清了", "已经处理", "已处理"),
        .. Since(2, Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Contains, "以还", "己还", "已还款", "已经还款", "已全额", "全额还", "还款成功", "缴了", "缴过", "交了", "付了",
            "还咗", "俾咗", "回执", "昨天|昨晚|昨日|昨儿|前天|刚刚|刚才*还了|还的|还上了|还过", "早就|上周|上礼拜|上星期|上个月*还了|还的|还上了|还过", "昨天|昨晚|昨日|昨儿|前天*转了|转的|转过|缴的|交的|付的|打了",
            "刚刚|刚才|早就|上周*转了|转的|转过|缴的|交的|付的|打了", "上礼拜|上星期|上个月*转了|转的|转过|缴的|交的|付的|打了", "早上|上午|中午|下午|晚上|柜台|网点*还了|还的|转的|缴的|交的|付的", "查收",
            "刚*还的|转的|缴的|交的|付的|扣了", "补上了", "扣款成功", "已扣款", "已经扣了", "pay了", "支付宝|微信|网银|手机银行*还款了|还的|还了|转的|转了", "已转", "已打款", "打到*账户|对公", "还款了", "显示成功",
            "点了还款", "扣走", "流水号", "还咯|还咧|还啦|还喽|还嘞|还哒", "早就还|早都还|早还了")),
        .. Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Word, "already paid", "have paid", "paid already", "i paid", "ive paid", "transferred"),
        .. Since(2, Rules(ReplyCategory.AlreadyPaid, ReplyMatch.Word, "yihuan", "yi huan", "settled", "yi jing huan", "yijinghuan")),

        .. Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "明天*还", "今天还", "今晚还", "今天晚上还", "后天还", "马上还", "稍后还", "晚点还", "下周*还", "下礼拜*还", "这周*还",
            "周末*还", "月底*还", "下个月*还", "号*还", "过几天*还", "过两天*还", "这几天还", "这两天还", "发工资*还", "发了工资", "尽快还", "尽量*还", "会还", "一定还", "保证还", "准备还", "先还", "去还",
            "就还", "还上", "给你转", "去转", "转过去", "马上处理", "尽快处理", "凑钱", "筹钱"),
        .. Since(2, Rules(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "凑齐", "凑够", "会缴", "会交", "会付", "会转", "会处理", "会结清", "还掉", "最迟", "最晚",
            "肯定|一定|保证|绝对*还|转|缴|交|处理", "明天|明早|明晚|明儿|明日|后天*还|转|缴|交|付|处理|搞定", "下周|下礼拜|下星期|这周*还|转|缴|交|付|处理|搞定", "这礼拜|这星期|周末|月底|月初*还|转|缴|交|付|处理|搞定",
            "年底|下个月|下月|之内|今天|今晚*还|转|缴|交|付|处理|搞定", "听日|等会|一会|回头|过几天|过两天*还|转|缴|交|付|处理|搞定", "过阵子|号前|号之前|号以前*还|转|缴|交|付|处理|搞定",
            "下个礼拜|下个星期|月中|中旬|下旬|天后|号以后*还|转|缴|交|付|处理", "到时候|一次性*还|转|缴|交", "周一|周二|周三|周四|周五|周六|周日|周天*还|转|缴|交|付", "礼拜|星期|以前|之前|下班*还|转|缴|交|付",
            "去银行|去柜台|去网点|第一时间", "mt|mingtian*还|转|huan", "年终奖|奖金|工资|发薪|回款*下来|到了|发了|就还", "让他|让她|叫他|叫她*还|转|处理")),
        .. Rules(ReplyCategory.PromiseToPay, ReplyMatch.Word, "will pay", "pay tomorrow", "pay today", "pay soon", "promise", "i ll pay"),
        .. Since(2, Rules(ReplyCategory.PromiseToPay, ReplyMatch.Word, "mt huan", "mingtian huan", "will transfer", "i ll settle", "i will settle",
            "i ll transfer")),

        .. Rules(ReplyCategory.Question, ReplyMatch.Contains, "?", "？", "怎么", "为什么", "多少", "如何", "可以吗", "哪", "什么", "几号", "减免", "吗"),
        .. Since(2, Rules(ReplyCategory.Question, ReplyMatch.Contains, "有没有", "咋", "啥", "请问", "是否", "发我", "发给我", "告诉我", "几多", "可以不", "行不", "成不", "好多",
            "多久")),
        .. Rules(ReplyCategory.Question, ReplyMatch.Word, "how", "why", "what", "when", "where"),
        .. Since(2, Rules(ReplyCategory.Question, ReplyMatch.Word, "zen me", "zenme", "duoshao")),
    ];

    public static IReadOnlyList<ReplyRule> All { get; } = Numbered(Versioned.Select(v => v.Rule).ToList());

    /// <summary>The rules each version after the first added to the defaults (category, phrase, match), by version.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<(ReplyCategory Category, string Phrase, ReplyMatch Match)>> Added { get; } =
        Versioned.Where(v => v.Since > 1).GroupBy(v => v.Since).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<(ReplyCategory, string, ReplyMatch)>)g.Select(v => (v.Rule.Category, v.Rule.Phrase, v.Rule.Match)).ToList());

    private static IEnumerable<(ReplyRule, int)> Regulator(ReplyMatch match, params string[] phrases) =>
        phrases.Select(p => (new ReplyRule(ReplyCategory.Complaint, p, match, regulatorThreat: true), 1));

    private static IEnumerable<(ReplyRule, int)> Rules(ReplyCategory category, ReplyMatch match, params string[] phrases) =>
        phrases.Select(p => (new ReplyRule(category, p, match), 1));

    private static IEnumerable<(ReplyRule, int)> Since(int version, IEnumerable<(ReplyRule Rule, int)> rules) =>
        rules.Select(r => (r.Rule, version));

    /// <summary>Positions 1, 2, 3… in list order: 0 is what rules stored before rules had an order carry.</summary>
    private static IReadOnlyList<ReplyRule> Numbered(IReadOnlyList<ReplyRule> rules) =>
        rules.Select((r, i) => new ReplyRule(r.Category, r.Phrase, r.Match, i + 1, r.RegulatorThreat)).ToList();
}
