using OverdueSmsPortal.Core.Outcomes;

namespace OverdueSmsPortal.Core.Tests.Outcomes;

public class AttributionTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static Credit Pay(decimal amount, DateTimeOffset at, params DeliveredMessage[] delivered) =>
        Attribution.Attribute(new RepaymentFact("P1", amount, at), delivered, Attribution.DefaultWindow);

    [Fact]
    public void A_payment_within_the_window_is_credited_to_the_message_with_its_amount()
    {
        var credit = Pay(500m, Monday.AddDays(2), new DeliveredMessage(10, Monday));

        Assert.Equal(new Credit("P1", 10, 500m), credit);
    }

    [Fact]
    public void Exactly_seven_days_after_delivery_is_still_inside_the_window()
    {
        Assert.Equal(10, Pay(1m, Monday.AddDays(7), new DeliveredMessage(10, Monday)).MessageId);
    }

    [Fact]
    public void A_moment_past_seven_days_credits_nothing()
    {
        Assert.Null(Pay(1m, Monday.AddDays(7).AddSeconds(1), new DeliveredMessage(10, Monday)).MessageId);
    }

    [Fact]
    public void A_payment_before_any_message_credits_nothing()
    {
        Assert.Null(Pay(1m, Monday.AddHours(-1), new DeliveredMessage(10, Monday)).MessageId);
        Assert.Null(Pay(1m, Monday).MessageId);
    }

    [Fact]
    public void After_two_messages_one_payment_goes_to_the_last_delivered_before_it()
    {
        var credit = Pay(800m, Monday.AddDays(9), new DeliveredMessage(10, Monday), new DeliveredMessage(11, Monday.AddDays(8)));

        Assert.Equal(11, credit.MessageId);
    }

    [Fact]
    public void A_message_delivered_after_the_payment_is_not_credited_with_it()
    {
        var credit = Pay(800m, Monday.AddDays(1), new DeliveredMessage(10, Monday), new DeliveredMessage(11, Monday.AddDays(2)));

        Assert.Equal(10, credit.MessageId);
    }

    [Fact]
    public void Partial_payments_each_credit_their_own_amount()
    {
        var message = new DeliveredMessage(10, Monday);

        var credits = new[] { (200m, 1), (300m, 3) }
            .Select(p => Attribution.Attribute(new RepaymentFact($"P{p.Item2}", p.Item1, Monday.AddDays(p.Item2)), [message],
                Attribution.DefaultWindow))
            .ToList();

        Assert.All(credits, c => Assert.Equal(10, c.MessageId));
        Assert.Equal(500m, credits.Sum(c => c.Amount));
    }

    [Fact]
    public void An_admin_window_of_another_length_is_used()
    {
        var credit = Attribution.Attribute(new RepaymentFact("P1", 1m, Monday.AddDays(3)), [new DeliveredMessage(10, Monday)],
            TimeSpan.FromDays(2));

        Assert.Null(credit.MessageId);
    }

    [Fact]
    public void A_window_must_have_a_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Attribution.Attribute(new RepaymentFact("P1", 1m, Monday), [], TimeSpan.Zero));
    }
}
