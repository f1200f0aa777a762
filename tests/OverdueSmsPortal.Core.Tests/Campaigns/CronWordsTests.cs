using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Core.Tests.Campaigns;

/// <summary>
/// Which phrases a cron expression becomes; the words of each language are the web project's resources, and
/// its CronSentencesTests say every form in both.
/// </summary>
public class CronWordsTests
{
    private static IEnumerable<string> Keys(object value) => value switch
    {
        CronPhrase phrase => phrase.Values.SelectMany(Keys).Prepend(phrase.Key),
        CronList list => list.Items.SelectMany(Keys),
        _ => [],
    };

    [Fact]
    public void Workday_times_are_a_day_range_and_a_list_of_clock_times()
    {
        Assert.True(CronWords.TryDescribe("0 30 9,18 ? * MON-FRI", out var phrase));

        Assert.Equal(CronKeys.DayAt, phrase.Key);
        var day = Assert.IsType<CronPhrase>(phrase.Values[0]);
        Assert.Equal([CronKeys.Weekdays, CronKeys.WeekdayRange, CronKeys.Weekday(2), CronKeys.Weekday(6)], Keys(day));
        var times = Assert.IsType<CronPhrase>(phrase.Values[1]);
        Assert.Equal(CronKeys.At, times.Key);
        Assert.Equal(["09:30", "18:30"], Assert.IsType<CronList>(times.Values[0]).Items);
    }

    [Fact]
    public void A_day_counted_from_the_end_of_the_month_is_an_ordinal()
    {
        Assert.True(CronWords.TryDescribe("0 0 10 L-2 * ?", out var phrase));

        var day = Assert.IsType<CronPhrase>(phrase.Values[0]);
        Assert.Equal(CronKeys.NthLastOfMonth, day.Key);
        Assert.Equal(new CronOrdinal(3), Assert.Single(day.Values));
    }

    [Fact]
    public void Months_wrap_the_whole_sentence()
    {
        Assert.True(CronWords.TryDescribe("0 0 9 1 MAR-MAY ?", out var phrase));

        Assert.Equal(CronKeys.InMonths, phrase.Key);
        Assert.Equal([CronKeys.MonthRange, CronKeys.Month(3), CronKeys.Month(5)], Keys(phrase.Values[1]));
    }

    [Fact]
    public void Every_key_it_names_is_one_of_the_keys_it_declares()
    {
        string[] expressions =
        [
            "0 0,30 9,12,15,18 ? * MON", "0 20/15 * * * ?", "0 */10 9,14 * * ?", "0 0 10 ? * FRI#3", "0 0 10 ? * 6L",
            "0 0 10 15W * ?", "0 0 10 LW * ?", "0 0 8-20/2 * * ?", "0 0-6 9 * * ?", "0 0 10 1,10-12,20 * ?",
        ];
        var declared = CronKeys.All().ToHashSet();

        foreach (var expression in expressions)
        {
            Assert.True(CronWords.TryDescribe(expression, out var phrase), expression);
            Assert.All(Keys(phrase), key => Assert.Contains(key, declared));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0 0")]
    [InlineData("0 0 9 * *")]
    [InlineData("0 0 9 * * ? * *")]
    [InlineData("a b c d e f")]
    [InlineData("0 0 9 ? * MON 2027")]
    [InlineData("0 0 9 ? * MON 2027-2030")]
    [InlineData("0 0 9 ? * 9")]
    [InlineData("0 0 9 ? * 0")]
    [InlineData("0 0 9 ? * FOO")]
    [InlineData("0 0 25 ? * *")]
    [InlineData("0 60 9 * * ?")]
    [InlineData("0 0 9 32 * ?")]
    [InlineData("0 0 9 0 * ?")]
    [InlineData("0 0 9 ? 13 *")]
    [InlineData("0 0 9 ? FOO *")]
    [InlineData("0 0 9 * * *")]
    [InlineData("0 0 9 1 * MON")]
    [InlineData("0 0 9 ? * ?")]
    [InlineData("* 0 9 * * ?")]
    [InlineData("*/5 0 9 * * ?")]
    [InlineData("0,30 0 9 * * ?")]
    [InlineData("60 0 9 * * ?")]
    [InlineData("0 0 9 20-10 * ?")]
    [InlineData("0 0 9 ? * FRI-MON")]
    [InlineData("0 0/0 9 * * ?")]
    [InlineData("0 0,*/5 9 * * ?")]
    [InlineData("0 0/5/10 9 * * ?")]
    [InlineData("0 0,,30 9 * * ?")]
    [InlineData("0 -5 9 * * ?")]
    [InlineData("0 0 9 1,L * ?")]
    [InlineData("0 0 9 L-31 * ?")]
    [InlineData("0 0 9 L-3W * ?")]
    [InlineData("0 0 9 32W * ?")]
    [InlineData("0 0 9 W * ?")]
    [InlineData("0 0 9 ? * L")]
    [InlineData("0 0 9 ? * 8L")]
    [InlineData("0 0 9 ? * 2#6")]
    [InlineData("0 0 9 ? * 2#0")]
    [InlineData("0 0 9 ? * 2#1,3#1")]
    [InlineData("30 */15 * * * ?")]
    [InlineData("30 0 * * * ?")]
    [InlineData("30 0,30 9-17 * * ?")]
    [InlineData("0 ０ 9 * * ?")]
    public void Returns_false_for_forms_it_does_not_know(string expression)
    {
        Assert.False(CronWords.TryDescribe(expression, out var description));
        Assert.Null(description);
    }

    [Fact]
    public void A_missing_expression_is_not_described() =>
        Assert.False(CronWords.TryDescribe(null!, out _));
}
