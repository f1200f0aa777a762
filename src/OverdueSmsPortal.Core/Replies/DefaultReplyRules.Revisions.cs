namespace OverdueSmsPortal.Core.Replies;

public static partial class DefaultReplyRules
{
    /// <summary>The version of the default rules: a portal seeded with an older one gets the rules added since.</summary>
    public const int Version = 2;

    /// <summary>
    /// The rules each version added to the defaults, by version (category, phrase, match): version 2 read
    /// time words with ways of paying, someone else holding the number, fee disputes, payments on someone's
    /// behalf and everyday, dialect and pinyin ways of saying stop, judged on labelled sets nobody tuned on.
    /// </summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<(ReplyCategory Category, string Phrase, ReplyMatch Match)>> Added { get; } =
        new Dictionary<int, IReadOnlyList<(ReplyCategory, string, ReplyMatch)>>
        {
            [2] =
            [
                .. Keys(ReplyCategory.Complaint, ReplyMatch.Word, "12345"),
                .. Keys(ReplyCategory.Complaint, ReplyMatch.Contains, "市长热线", "政府热线", "银监", "金融办", "打官司", "吃官司", "报案", "法院*起诉|告", "去法院", "金管会", "曝光", "媒体", "记者", "骂人", "有录音", "威胁我", "检举"),
                .. Keys(ReplyCategory.Complaint, ReplyMatch.Word, "tousu", "ju bao"),
                .. Keys(ReplyCategory.Dispute, ReplyMatch.Contains, "退订*会员|业务|套餐|保险"),
                .. Keys(ReplyCategory.OptOut, ReplyMatch.Contains, "甭*发|短信|信息|提醒|通知", "停了吧", "停*短信|信息|提醒|通知", "关闭|关掉|关了*短信|信息|提醒|通知", "屏蔽", "唔好|唔使|咪*发|send|短信|信息", "不要|别|莫|勿*打扰", "不要|别|莫*联系我", "短信|信息|提醒|通知*关掉|关了|关闭|停掉|停了|取消", "别往|别向|勿向|不要往|不要向|莫往|勿往|再向|再往*发", "别|不要|唔好|唔使*send|sms|msg|text", "以后别|以后不要|以后勿|以后莫*发", "移除"),
                .. Keys(ReplyCategory.OptOut, ReplyMatch.Word, "bie fa", "buyao fa", "no more messages", "dont send", "tuiding", "tui ding"),
                .. Keys(ReplyCategory.Dispute, ReplyMatch.Contains, "不是*本人*办|借|申请|签|贷|刷|开|用"),
                .. Keys(ReplyCategory.AlreadyPaid, ReplyMatch.Contains, "帮他|替他|帮她|替她|帮我|替我*还了|还上了|还清|还过|转了|交了|缴了"),
                .. Keys(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "帮他|替他|帮她|替她|帮我|替我*还|转|交|缴|处理"),
                .. Keys(ReplyCategory.WrongNumber, ReplyMatch.Contains, "不系我", "不姓", "不叫", "不是*先生|女士|小姐|那个人|那位|这个人", "我是女的", "我是男的", "非本人", "非借款人", "非持卡人", "不是借款人", "不是持卡人", "不是*要找", "要找的*人", "名字不是我", "不是我的名字", "错号", "号码*错", "新买|刚买|新办|新入网*号|卡|手机", "号*新买|刚买|新办|新入网", "配的号", "公司的号", "单位的号", "工作号", "我是他", "我是她", "他的事", "她的事", "他|她*离职", "搵错", "冇认得", "唔识", "唔认识", "冇呢个人", "俺不是", "不认识这|不认识那|不认识你们说|不认得", "找的*不是", "换主人|换了主人|换机主|新机主", "唔系佢|我唔系", "不是你说|不是你们说", "不是他|不是她*电话|号码|手机|的号", "登记错|留错", "错人", "原来的主人|原主人|前主人|原机主", "紧急联系人", "转告", "我爸|我妈|我儿子|我女儿|我老公|我老婆|我爱人*的手机|的号|的电话"),
                .. Keys(ReplyCategory.WrongNumber, ReplyMatch.Word, "wrong no", "new number", "not this person", "bu shi ben ren", "bushibenren", "da cuo le", "fa cuo le", "bu shi wo"),
                .. Keys(ReplyCategory.Dispute, ReplyMatch.Contains, "不认", "不承认", "不合理", "乱收", "乱扣", "多收", "对不上", "不存在", "没用过", "一分没用", "没在*借", "从没借", "从来没借", "停息挂账了", "同意停息挂账", "协商好", "已协商", "协商过", "明明*还|交|缴|付|转", "系统*问题|出错|错了|有误", "说我逾期", "凭什么*收|扣", "年费|滞纳金|违约金|罚息|手续费|利息*太高|凭什么|乱", "啥时候|什么时候|几时*借过|欠过|借的|欠的", "冇借|冇欠|未借过|从未借", "咋变|怎么变|多出来|怎么多出", "明明是|明明只", "怎么会欠|哪会欠", "显示逾期", "被骗", "不该我|不应该我*还", "注销了|已注销|早注销"),
                .. Keys(ReplyCategory.Dispute, ReplyMatch.Word, "never took", "no loan", "not my loan"),
                .. Keys(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "没说不还", "不会不还", "不会赖"),
                .. Keys(ReplyCategory.Question, ReplyMatch.Contains, "算逾期", "算不算", "差多少", "几号之前|几号前|几号以前"),
                .. Keys(ReplyCategory.Other, ReplyMatch.Contains, "转不了", "缴不了", "交不了", "付不了", "还不出", "拿不出", "凑不齐", "凑不够", "凑不到", "不一定", "拿啥还", "拿什么还", "爱咋咋"),
                .. Keys(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "前到账", "之前到账", "会到账", "就到账", "工资*到账", "到账就|到了就*还|转|缴|交|付"),
                .. Keys(ReplyCategory.AlreadyPaid, ReplyMatch.Contains, "以还", "己还", "已还款", "已经还款", "已全额", "全额还", "还款成功", "缴了", "缴过", "交了", "付了", "还咗", "俾咗", "回执", "昨天|昨晚|昨日|昨儿|前天|刚刚|刚才*还了|还的|还上了|还过", "早就|上周|上礼拜|上星期|上个月*还了|还的|还上了|还过", "昨天|昨晚|昨日|昨儿|前天*转了|转的|转过|缴的|交的|付的|打了", "刚刚|刚才|早就|上周*转了|转的|转过|缴的|交的|付的|打了", "上礼拜|上星期|上个月*转了|转的|转过|缴的|交的|付的|打了", "早上|上午|中午|下午|晚上|柜台|网点*还了|还的|转的|缴的|交的|付的", "查收", "刚*还的|转的|缴的|交的|付的|扣了", "补上了", "扣款成功", "已扣款", "已经扣了", "pay了", "支付宝|微信|网银|手机银行*还款了|还的|还了|转的|转了", "已转", "已打款", "打到*账户|对公", "还款了", "显示成功", "点了还款", "扣走", "流水号", "还咯|还咧|还啦|还喽|还嘞|还哒", "早就还|早都还|早还了"),
                .. Keys(ReplyCategory.AlreadyPaid, ReplyMatch.Word, "yihuan", "yi huan", "settled", "yi jing huan", "yijinghuan"),
                .. Keys(ReplyCategory.PromiseToPay, ReplyMatch.Contains, "凑齐", "凑够", "会缴", "会交", "会付", "会转", "会处理", "会结清", "还掉", "最迟", "最晚", "肯定|一定|保证|绝对*还|转|缴|交|处理", "明天|明早|明晚|明儿|明日|后天*还|转|缴|交|付|处理|搞定", "下周|下礼拜|下星期|这周*还|转|缴|交|付|处理|搞定", "这礼拜|这星期|周末|月底|月初*还|转|缴|交|付|处理|搞定", "年底|下个月|下月|之内|今天|今晚*还|转|缴|交|付|处理|搞定", "听日|等会|一会|回头|过几天|过两天*还|转|缴|交|付|处理|搞定", "过阵子|号前|号之前|号以前*还|转|缴|交|付|处理|搞定", "下个礼拜|下个星期|月中|中旬|下旬|天后|号以后*还|转|缴|交|付|处理", "到时候|一次性*还|转|缴|交", "周一|周二|周三|周四|周五|周六|周日|周天*还|转|缴|交|付", "礼拜|星期|以前|之前|下班*还|转|缴|交|付", "去银行|去柜台|去网点|第一时间", "mt|mingtian*还|转|huan", "年终奖|奖金|工资|发薪|回款*下来|到了|发了|就还", "让他|让她|叫他|叫她*还|转|处理"),
                .. Keys(ReplyCategory.PromiseToPay, ReplyMatch.Word, "mt huan", "mingtian huan", "will transfer", "i ll settle", "i will settle", "i ll transfer"),
                .. Keys(ReplyCategory.Question, ReplyMatch.Contains, "有没有", "咋", "啥", "请问", "是否", "发我", "发给我", "告诉我", "几多", "可以不", "行不", "成不", "好多", "多久"),
                .. Keys(ReplyCategory.Question, ReplyMatch.Word, "zen me", "zenme", "duoshao"),
            ],
        };

    private static IEnumerable<(ReplyCategory, string, ReplyMatch)> Keys(ReplyCategory category, ReplyMatch match, params string[] phrases) =>
        phrases.Select(p => (category, p, match));
}
