namespace OverdueSmsPortal.Core.Templates.Lint;

/// <summary>
/// One change to the default word lists after the first release: what a portal seeded with an older
/// version gains and loses when it is upgraded, so that an Admin's own terms stay untouched.
/// </summary>
/// <param name="Version">The version the lists have once this revision is applied.</param>
/// <param name="Added">Default terms new in this version.</param>
/// <param name="Removed">Default terms of an earlier version that this version drops or moves.</param>
public sealed record LintTermRevision(int Version, IReadOnlyList<LintTerm> Added, IReadOnlyList<LintTerm> Removed);

/// <summary>
/// The word lists a new portal starts with, in Chinese and English, written for collection reminders.
/// Admins extend and prune them in Settings; these are only the seed. The lists are the first release's
/// lists with every <see cref="Revisions">revision</see> applied, so an existing portal can be brought
/// to the same lists by applying the revisions it has not seen.
/// </summary>
public static class DefaultLintTerms
{
    /// <summary>The lists as the first release seeded them: the starting point of <see cref="Revisions"/>.</summary>
    private static readonly Dictionary<LintTermCategory, string[]> FirstRelease = new()
    {
        [LintTermCategory.Threat] =
        [
            "上门催收", "上门拜访", "后果自负", "走着瞧", "让你好看", "吃不了兜着走", "坐牢", "抓你", "弄死", "找人收拾",
            "不客气", "别怪我们", "跑不掉", "kill", "hurt you", "we will find you", "visit your home", "you will regret", "or else",
        ],
        [LintTermCategory.Insult] =
        [
            "老赖", "骗子", "无耻", "不要脸", "废物", "垃圾", "人渣", "赖皮", "丢人现眼", "没良心",
            "deadbeat", "loser", "idiot", "stupid", "liar", "scum", "shameless", "worthless",
        ],
        [LintTermCategory.Shaming] =
        [
            "曝光", "公开你", "公之于众", "通讯录", "群发", "告诉所有人", "让所有人知道", "朋友圈", "黑名单公示", "贴大字报",
            "shame", "expose", "make public", "tell everyone", "your contacts",
        ],
        [LintTermCategory.ThirdParty] =
        [
            "家人", "家属", "父母", "爸妈", "亲属", "亲戚", "配偶", "老婆", "老公", "子女", "孩子", "单位", "领导", "同事",
            "您公司", "你公司", "朋友", "紧急联系人", "邻居", "学校",
            "family", "relatives", "parents", "spouse", "wife", "husband", "children", "employer", "boss", "colleague",
            "coworker", "friends", "neighbour", "neighbor", "emergency contact",
        ],
        [LintTermCategory.LegalConsequence] =
        [
            "起诉", "诉讼", "法院", "仲裁", "律师函", "强制执行", "征信", "失信", "立案", "法律责任", "传票", "司法",
            "lawsuit", "court", "legal action", "sue", "credit bureau", "credit record",
        ],
        [LintTermCategory.PoliteClosing] =
        [
            "谢谢", "感谢", "祝您", "顺祝", "此致", "敬请谅解", "thank you", "thanks", "regards", "best wishes",
        ],
        [LintTermCategory.Empathy] =
        [
            "如有困难", "如遇困难", "困难", "协商", "分期", "帮助", "帮您", "乐意", "理解", "如有疑问", "温馨提醒",
            "help", "difficult", "difficulty", "assist", "support", "questions",
        ],
    };

    /// <summary>Every change since the first release, oldest first.</summary>
    public static IReadOnlyList<LintTermRevision> Revisions { get; } =
    [
        // Issue 16: the lint knows collection wording. Legal wording covers agencies and visits; a credit-record
        // notice is its own rule (allowed once overdue); bare 单位, 朋友 and 不客气 raised false alarms in
        // "金额单位：元", "亲爱的朋友" and polite text, so they match only in the phrases that mean a third
        // party or a threat; and the new required elements and warnings get their lists.
        new(2,
            Added:
            [
                .. Terms(LintTermCategory.Threat,
                    "对你不客气", "对您不客气", "就不客气了", "不会客气", "别怪我们不客气", "有你好看", "等着瞧"),
                .. Terms(LintTermCategory.ThirdParty,
                    "您单位", "你单位", "您的单位", "你的单位", "贵单位", "工作单位", "所在单位", "单位领导", "单位同事", "用人单位",
                    "您的朋友", "你的朋友", "您朋友", "你朋友", "亲友", "家里人", "your friends", "your family"),
                .. Terms(LintTermCategory.LegalConsequence,
                    "法律手段", "法律途径", "法律程序", "法律行动", "追究法律责任", "依法追究", "律师", "委托第三方", "第三方机构",
                    "催收机构", "催收公司", "外访", "上门", "户籍地", "实地走访", "走访", "判决", "拘留",
                    "lawyer", "attorney", "collection agency", "debt collector", "home visit", "field visit", "enforcement"),
                .. Terms(LintTermCategory.CreditNotice,
                    "征信", "信用记录", "信用报告", "个人信用", "credit record", "credit report", "credit bureau", "credit history"),
                .. Terms(LintTermCategory.Harmless,
                    "金额单位", "计量单位", "货币单位", "亲爱的朋友", "朋友您好"),
                .. Terms(LintTermCategory.Greeting,
                    "尊敬的", "您好", "你好", "亲爱的", "dear", "hello", "hi"),
                .. Terms(LintTermCategory.PaidNotice,
                    "已还款请忽略", "如已还款", "如您已还款", "若已还款", "已结清请忽略", "已还清请忽略", "还款请忽略",
                    "please ignore", "if you have paid", "if you have already paid"),
                .. Terms(LintTermCategory.PaymentChannel,
                    "官方APP", "手机银行", "网上银行", "还款账户", "自动扣款", "微信公众号", "营业网点", "柜台",
                    "official app", "mobile banking", "online banking", "auto debit", "direct debit"),
            ],
            Removed:
            [
                .. Terms(LintTermCategory.Threat, "不客气"),
                .. Terms(LintTermCategory.ThirdParty, "单位", "朋友"),
                .. Terms(LintTermCategory.LegalConsequence, "征信", "credit bureau", "credit record"),
            ]),
    ];

    /// <summary>The version of the lists <see cref="All"/> holds.</summary>
    public static int Version => Revisions[^1].Version;

    public static IReadOnlyList<LintTerm> All { get; } = Current();

    /// <summary>Domains links may point to until an Admin sets the lender's own.</summary>
    public static IReadOnlyList<string> AllowedLinkDomains { get; } = ["example.cn"];

    private static List<LintTerm> Current()
    {
        var terms = FirstRelease.SelectMany(list => list.Value.Select(term => new LintTerm(list.Key, term))).ToList();
        foreach (var revision in Revisions)
        {
            terms.RemoveAll(revision.Removed.Contains);
            terms.AddRange(revision.Added.Where(term => !terms.Contains(term)));
        }
        return terms;
    }

    private static IEnumerable<LintTerm> Terms(LintTermCategory category, params string[] terms) =>
        terms.Select(term => new LintTerm(category, term));
}
