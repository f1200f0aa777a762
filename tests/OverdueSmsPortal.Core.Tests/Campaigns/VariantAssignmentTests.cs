using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Core.Tests.Campaigns;

public sealed class VariantAssignmentTests
{
    [Fact]
    public void A_customer_always_lands_on_the_same_side()
    {
        for (var customer = 1L; customer <= 1000; customer++)
        {
            Assert.Equal(VariantAssignment.For(7, 3, customer, 30), VariantAssignment.For(7, 3, customer, 30));
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(50)]
    [InlineData(75)]
    public void The_shares_are_close_to_the_split(int percentB)
    {
        const int customers = 20_000;
        var b = Enumerable.Range(1, customers).Count(c => VariantAssignment.For(42, 5, c, percentB) == Variant.B);
        // Three standard deviations of a binomial share at 20,000 customers is under 1.1 points.
        Assert.InRange(b * 100.0 / customers, percentB - 1.1, percentB + 1.1);
    }

    [Fact]
    public void Another_campaign_mixes_the_customers_differently()
    {
        var first = Enumerable.Range(1, 2000).Select(c => VariantAssignment.For(1, 1, c, 50)).ToList();
        var second = Enumerable.Range(1, 2000).Select(c => VariantAssignment.For(2, 1, c, 50)).ToList();
        var same = first.Zip(second).Count(pair => pair.First == pair.Second);
        Assert.InRange(same, 850, 1150);
    }

    [Fact]
    public void Without_a_split_everyone_gets_variant_a()
    {
        Assert.All(Enumerable.Range(1, 500), c => Assert.Equal(Variant.A, VariantAssignment.For(1, 1, c, 0)));
        Assert.All(Enumerable.Range(1, 500), c => Assert.Equal(Variant.B, VariantAssignment.For(1, 1, c, 100)));
    }
}
