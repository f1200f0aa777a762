using OverdueSmsPortal.Core.Outcomes;

namespace OverdueSmsPortal.Core.Tests.Outcomes;

/// <summary>Known values computed independently (pooled two-proportion z-test, Wilson interval at 95 %).</summary>
public class TwoProportionTestTests
{
    [Theory]
    [InlineData(200, 1000, 250, 1000, 2.677398, 0.0074196493)]
    [InlineData(30, 100, 40, 100, 1.482499, 0.1382076670)]
    [InlineData(12, 5000, 20, 5000, 1.416482, 0.1566345040)]
    public void The_z_statistic_and_p_value_match_known_values(int xa, int na, int xb, int nb, double z, double p)
    {
        var result = TwoProportionTest.Compare(new Proportion(xa, na), new Proportion(xb, nb), higherIsBetter: true);

        Assert.Equal(z, result.Z!.Value, 5);
        Assert.Equal(p, result.PValue!.Value, 6);
    }

    [Fact]
    public void A_higher_repayment_rate_of_b_at_p_below_five_percent_makes_b_better()
    {
        var result = TwoProportionTest.Compare(new Proportion(200, 1000), new Proportion(250, 1000), higherIsBetter: true);

        Assert.Equal(AbVerdict.BBetter, result.Verdict);
        Assert.Equal(0.05, result.Difference!.Value, 10);
    }

    [Fact]
    public void For_complaints_the_lower_rate_is_the_better_one()
    {
        var result = TwoProportionTest.Compare(new Proportion(200, 1000), new Proportion(250, 1000), higherIsBetter: false);

        Assert.Equal(AbVerdict.ABetter, result.Verdict);
    }

    [Fact]
    public void A_difference_that_could_be_chance_is_no_difference()
    {
        Assert.Equal(AbVerdict.NoDifference,
            TwoProportionTest.Compare(new Proportion(30, 100), new Proportion(40, 100), higherIsBetter: true).Verdict);
    }

    [Theory]
    [InlineData(5, 20, 9, 20)]
    [InlineData(1, 1000, 3, 1000)]
    [InlineData(0, 0, 0, 0)]
    public void Small_samples_or_rare_events_are_not_enough_data_yet(int xa, int na, int xb, int nb)
    {
        var result = TwoProportionTest.Compare(new Proportion(xa, na), new Proportion(xb, nb), higherIsBetter: true);

        Assert.Equal(AbVerdict.NotEnoughData, result.Verdict);
        Assert.Null(result.PValue);
    }

    [Fact]
    public void The_wilson_interval_matches_known_values_and_stays_inside_zero_and_one()
    {
        var interval = new Proportion(200, 1000).Interval()!.Value;
        var none = new Proportion(0, 50).Interval()!.Value;
        var all = new Proportion(50, 50).Interval()!.Value;

        Assert.Equal((0.176377, 0.225919), (Math.Round(interval.Low, 6), Math.Round(interval.High, 6)));
        Assert.Equal((0.0, 0.071348), (Math.Round(none.Low, 6), Math.Round(none.High, 6)));
        Assert.Equal((0.928652, 1.0), (Math.Round(all.Low, 6), Math.Round(all.High, 6)));
    }

    [Fact]
    public void A_rate_over_nothing_is_none_not_zero()
    {
        Assert.Null(new Proportion(0, 0).Rate);
        Assert.Null(new Proportion(0, 0).Interval());
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959964, 0.975)]
    [InlineData(-1.644854, 0.05)]
    [InlineData(3.0, 0.998650)]
    public void The_normal_distribution_matches_its_table(double x, double p)
    {
        Assert.Equal(p, Normal.Cdf(x), 6);
        Assert.Equal(x, Normal.Quantile(p), 4);
    }
}
