using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Tests.Segments;

public class StageLadderTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly IReadOnlyList<StageDefinition> Ladder = StageLadder.Default();

    [Theory]
    [InlineData(-30, null)]
    [InlineData(-8, null)]
    [InlineData(-7, "pre_due_7")]
    [InlineData(-1, "pre_due_7")]
    [InlineData(0, "due_day")]
    [InlineData(1, "overdue_1_3")]
    [InlineData(3, "overdue_1_3")]
    [InlineData(4, "overdue_4_7")]
    [InlineData(7, "overdue_4_7")]
    [InlineData(8, "overdue_8_15")]
    [InlineData(15, "overdue_8_15")]
    [InlineData(16, "overdue_16_plus")]
    [InlineData(400, "overdue_16_plus")]
    public void Days_overdue_fall_on_the_default_stage_ladder(int daysOverdue, string? expected) =>
        Assert.Equal(expected, Ladder.StageOf(daysOverdue)?.Key);

    [Fact]
    public void Days_overdue_count_from_the_due_date_to_today()
    {
        Assert.Equal(9, CollectionStages.DaysOverdue(new DateOnly(2026, 11, 15), Today));
        Assert.Equal(-3, CollectionStages.DaysOverdue(new DateOnly(2026, 11, 27), Today));
        Assert.Equal(0, CollectionStages.DaysOverdue(Today, Today));
    }

    [Fact]
    public void Days_overdue_cross_month_and_year_ends()
    {
        Assert.Equal(2, CollectionStages.DaysOverdue(new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 2)));
        Assert.Equal(1, CollectionStages.DaysOverdue(new DateOnly(2028, 2, 28), new DateOnly(2028, 2, 29)));
    }

    [Theory]
    [MemberData(nameof(AllStages))]
    public void A_stage_due_date_range_holds_exactly_the_due_dates_of_that_stage(string key)
    {
        var stage = Ladder.Single(s => s.Key == key);
        var (from, to) = stage.DueDateRange(Today);
        for (var offset = -60; offset <= 60; offset++)
        {
            var dueDate = Today.AddDays(offset);
            var inRange = (from is null || dueDate >= from) && (to is null || dueDate <= to);
            var inStage = Ladder.StageOf(CollectionStages.DaysOverdue(dueDate, Today))?.Key == key;
            Assert.True(inRange == inStage, $"{key}: due {dueDate:yyyy-MM-dd} in range {inRange}, in stage {inStage}");
        }
    }

    public static TheoryData<string> AllStages() => new(Ladder.Select(s => s.Key));

    [Fact]
    public void Only_the_16_plus_stage_allows_the_legal_notice() =>
        Assert.Equal(["overdue_16_plus"], Ladder.Where(s => s.AllowsLegalNotice).Select(s => s.Key));

    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    [InlineData(30, true)]
    public void The_legal_notice_tone_needs_every_day_of_the_stage_at_16_or_more(int from, bool allowed)
    {
        Assert.Equal(allowed, Tone.LegalNotice.IsAllowedFor(from));
        Assert.True(Tone.Firm.IsAllowedFor(from));
    }

    [Fact]
    public void The_default_ladder_is_valid()
    {
        var result = new StageLadderValidator().Validate(Ladder.Select(StageInput.From).ToList());
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.ErrorCode)));
    }

    [Fact]
    public void Overlapping_stages_are_invalid()
    {
        var ladder = Ladder.Select(StageInput.From).ToList();
        ladder[3].FromDaysOverdue = 3;

        Assert.Contains(new StageLadderValidator().Validate(ladder).Errors, e => e.ErrorCode == "stage.overlap");
    }

    [Fact]
    public void A_gap_between_stages_is_allowed_and_days_in_it_have_no_stage()
    {
        var ladder = Ladder.Select(StageInput.From).ToList();
        ladder[4].FromDaysOverdue = 10;

        Assert.True(new StageLadderValidator().Validate(ladder).IsValid);
    }

    [Theory]
    [InlineData(5, 4, "stage.to.beforeFrom")]
    [InlineData(-100, -90, "stage.from.range")]
    public void Bounds_must_make_sense(int from, int to, string code)
    {
        var ladder = Ladder.Select(StageInput.From).ToList();
        ladder[2].FromDaysOverdue = from;
        ladder[2].ToDaysOverdue = to;

        Assert.Contains(new StageLadderValidator().Validate(ladder).Errors, e => e.ErrorCode == code);
    }

    [Fact]
    public void A_stage_needs_both_names()
    {
        var ladder = Ladder.Select(StageInput.From).ToList();
        ladder[0].NameEn = " ";

        Assert.Contains(new StageLadderValidator().Validate(ladder).Errors, e => e.ErrorCode == "stage.nameEn.required");
    }
}
