using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Tests.Segments;

public class SegmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<StageDefinition> Ladder = StageLadder.Default();
    private static StageDefinition Stage(string key) => Ladder.Single(s => s.Key == key);

    private static SegmentRules Rules(string stage = "overdue_8_15", params Tone[] tones) => new()
    {
        Name = " 逾期客户 ", StageKey = stage, Tones = tones.Length == 0 ? [Tone.Standard] : tones,
        Regions = ["广东", " 广东 ", ""], CustomerTypes = [CustomerType.Young, CustomerType.Young],
    };

    [Fact]
    public void A_segment_keeps_its_rules_tidied()
    {
        var segment = new Segment(Rules(), Stage("overdue_8_15"), Now);

        Assert.Equal(("逾期客户", "overdue_8_15"), (segment.Name, segment.StageKey));
        Assert.Equal(["广东"], segment.Regions);
        Assert.Equal([CustomerType.Young], segment.CustomerTypes);
    }

    [Fact]
    public void The_legal_notice_is_refused_on_a_stage_before_16_days()
    {
        Assert.Throws<InvalidOperationException>(() => new Segment(Rules("overdue_8_15", Tone.LegalNotice), Stage("overdue_8_15"), Now));
        var late = new Segment(Rules("overdue_16_plus", Tone.LegalNotice), Stage("overdue_16_plus"), Now);
        Assert.Equal([Tone.LegalNotice], late.Tones);
    }

    [Fact]
    public void The_validator_says_which_rule_is_wrong()
    {
        var rules = Rules("overdue_1_3", Tone.Gentle, Tone.LegalNotice);
        rules.Name = "";
        rules.AmountMin = 500;
        rules.AmountMax = 100;

        var codes = new SegmentRulesValidator(Ladder).Validate(rules).Errors.Select(e => e.ErrorCode).ToList();

        Assert.Equal(["segment.name.required", "segment.amount.range", "segment.tones.legalNoticeEarly"], codes);
    }

    [Fact]
    public void A_segment_needs_a_stage_of_the_ladder_and_a_tone()
    {
        var rules = Rules("overdue_99");
        rules.Tones = [];

        var codes = new SegmentRulesValidator(Ladder).Validate(rules).Errors.Select(e => e.ErrorCode).ToList();

        Assert.Contains("segment.stage.required", codes);
        Assert.Contains("segment.tones.required", codes);
    }
}
