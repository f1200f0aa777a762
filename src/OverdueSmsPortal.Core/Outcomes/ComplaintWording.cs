namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>
/// What a complaint the customer wrote in a reply is about, read from its words, so that the complaint
/// list sorts it where a person would (DESIGN §2.13) instead of under "other". The categories are
/// tried from the most specific to the broadest: "发错人了，再发投诉" is about the wrong person first,
/// and only then about how often we wrote.
/// </summary>
public static class ComplaintWording
{
    private static readonly (ComplaintCategory Category, string[] Words)[] Rules =
    [
        (ComplaintCategory.WrongPerson, ["发错人", "发错了", "打错", "认错人", "不是本人", "不是我本人", "不认识", "不是我的号", "不是我的账"]),
        (ComplaintCategory.Privacy, ["隐私", "泄露", "泄漏", "家人", "家里人", "父母", "爸妈", "老婆", "老公", "亲戚", "朋友", "同事", "单位", "公司领导", "通讯录", "联系人"]),
        (ComplaintCategory.Tone, ["威胁", "恐吓", "吓唬", "辱骂", "骂人", "侮辱", "语气", "态度", "口气", "暴力催收"]),
        (ComplaintCategory.Frequency, ["再发", "还发", "别发", "别再发", "不要再发", "骚扰", "天天", "每天", "一天", "一直发", "老是发", "不停", "反复", "频繁", "好几条", "太多", "烦"]),
    ];

    /// <summary>The category the words of <paramref name="text"/> point to; <see cref="ComplaintCategory.Other"/> when none does.</summary>
    public static ComplaintCategory CategoryOf(string text)
    {
        foreach (var (category, words) in Rules)
        {
            if (words.Any(word => text.Contains(word, StringComparison.Ordinal)))
            {
                return category;
            }
        }
        return ComplaintCategory.Other;
    }
}
