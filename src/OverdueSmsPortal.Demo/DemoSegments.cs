using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Demo;

/// <summary>The segments a demo portal starts with: one per default stage, and two that show narrower rules.</summary>
public static class DemoSegments
{
    public static IReadOnlyList<SegmentRules> All { get; } =
    [
        Stage("到期前7天内客户", "pre_due_7", Tone.Gentle, Tone.Standard),
        Stage("到期当天客户", "due_day", Tone.Gentle, Tone.Standard),
        Stage("逾期1–3天客户", "overdue_1_3", Tone.Gentle, Tone.Standard),
        Stage("逾期4–7天客户", "overdue_4_7", Tone.Standard, Tone.Firm),
        new SegmentRules
        {
            Name = "逾期4–7天 · 年轻客户", StageKey = "overdue_4_7",
            CustomerTypes = [CustomerType.Young], Tones = [Tone.Gentle, Tone.Standard],
        },
        Stage("逾期8–15天客户", "overdue_8_15", Tone.Standard, Tone.Firm),
        Stage("逾期16天以上客户", "overdue_16_plus", Tone.Firm, Tone.LegalNotice),
        new SegmentRules
        {
            Name = "逾期16天以上 · 大额", StageKey = "overdue_16_plus",
            AmountMin = 20000m, Tones = [Tone.Firm, Tone.LegalNotice],
        },
    ];

    private static SegmentRules Stage(string name, string stageKey, params Tone[] tones) =>
        new() { Name = name, StageKey = stageKey, Tones = tones };
}
