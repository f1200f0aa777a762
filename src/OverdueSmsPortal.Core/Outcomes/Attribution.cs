namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>A message that reached the customer's phone, as attribution sees it.</summary>
public sealed record DeliveredMessage(long MessageId, DateTimeOffset DeliveredAt);

/// <summary>One payment the lender reports, identified by its own payment id.</summary>
public sealed record RepaymentFact(string PaymentId, decimal Amount, DateTimeOffset PaidAt);

/// <summary>Which message a payment is credited to, and how much of it; no message when none was delivered in the window.</summary>
public sealed record Credit(string PaymentId, long? MessageId, decimal Amount);

/// <summary>
/// Credits repayments to messages (DESIGN §2.12): a payment goes to the last message delivered to the
/// customer at or before it was made, when it was delivered at most the attribution window earlier
/// (7 days unless an Admin sets another). A payment before any message, or after the window, is the
/// customer's own and credits nothing. Partial payments each credit their own amount, so a message's
/// recovered amount is the sum of what was paid after it.
/// </summary>
public static class Attribution
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    public static Credit Attribute(RepaymentFact payment, IEnumerable<DeliveredMessage> deliveredToCustomer, TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The attribution window is a positive length of time.");
        }
        var credited = deliveredToCustomer
            .Where(m => m.DeliveredAt <= payment.PaidAt && payment.PaidAt - m.DeliveredAt <= window)
            .OrderByDescending(m => m.DeliveredAt).ThenByDescending(m => m.MessageId)
            .FirstOrDefault();
        return new Credit(payment.PaymentId, credited?.MessageId, payment.Amount);
    }
}
