namespace OverdueSmsPortal.Core.Templates.Lint;

/// <summary>
/// The word lists a new portal starts with, in Chinese and English, written for collection reminders.
/// Admins extend and prune them in Settings; these are only the seed.
/// </summary>
public static class DefaultLintTerms
{
    private static readonly Dictionary<LintTermCategory, string[]> Lists = new()
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

    public static IReadOnlyList<LintTerm> All { get; } =
        Lists.SelectMany(list => list.Value.Select(term => new LintTerm(list.Key, term))).ToList();

    /// <summary>Domains links may point to until an Admin sets the lender's own.</summary>
    public static IReadOnlyList<string> AllowedLinkDomains { get; } = ["example.cn"];
}
