using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Core.Tests.Customers;

public class CollectionStagesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    [InlineData(-30, CollectionStage.NotYetDue)]
    [InlineData(-8, CollectionStage.NotYetDue)]
    [InlineData(-7, CollectionStage.PreDue)]
    [InlineData(-1, CollectionStage.PreDue)]
    [InlineData(0, CollectionStage.DueDay)]
    [InlineData(1, CollectionStage.Overdue1To3)]
    [InlineData(3, CollectionStage.Overdue1To3)]
    [InlineData(4, CollectionStage.Overdue4To7)]
    [InlineData(7, CollectionStage.Overdue4To7)]
    [InlineData(8, CollectionStage.Overdue8To15)]
    [InlineData(15, CollectionStage.Overdue8To15)]
    [InlineData(16, CollectionStage.Overdue16Plus)]
    [InlineData(400, CollectionStage.Overdue16Plus)]
    public void Days_overdue_fall_on_the_default_stage_ladder(int daysOverdue, CollectionStage expected) =>
        Assert.Equal(expected, CollectionStages.ForDaysOverdue(daysOverdue));

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
    public void A_stage_due_date_range_holds_exactly_the_due_dates_of_that_stage(CollectionStage stage)
    {
        var (from, to) = CollectionStages.DueDateRange(stage, Today);
        for (var offset = -60; offset <= 60; offset++)
        {
            var dueDate = Today.AddDays(offset);
            var inRange = (from is null || dueDate >= from) && (to is null || dueDate <= to);
            var inStage = CollectionStages.ForDaysOverdue(CollectionStages.DaysOverdue(dueDate, Today)) == stage;
            Assert.True(inRange == inStage, $"{stage}: due {dueDate:yyyy-MM-dd} in range {inRange}, in stage {inStage}");
        }
    }

    public static TheoryData<CollectionStage> AllStages() => new(Enum.GetValues<CollectionStage>());
}
