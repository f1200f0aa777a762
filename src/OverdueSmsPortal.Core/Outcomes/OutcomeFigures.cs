namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>
/// The counts behind the dashboard's figures for one slice (a period, campaign, segment, tone,
/// variant…), and the rates made from them (DESIGN §2.14). A rate over nothing is null, shown as "—",
/// never 0 %.
/// </summary>
public sealed record OutcomeFigures
{
    /// <summary>Messages that left the portal for the gateway (delivered, failed or awaiting a report).</summary>
    public long Sent { get; init; }
    public long Delivered { get; init; }
    public long Failed { get; init; }
    public long Suppressed { get; init; }

    /// <summary>Distinct customers who got at least one message that left.</summary>
    public long CustomersMessaged { get; init; }

    /// <summary>Distinct customers who replied to a message that reached them.</summary>
    public long CustomersReplied { get; init; }

    /// <summary>Distinct customers with at least one payment credited to a message.</summary>
    public long CustomersRepaid { get; init; }

    /// <summary>The sum of the payments credited to messages, partial payments included.</summary>
    public decimal AmountRecovered { get; init; }

    public long Complaints { get; init; }
    public long OptOuts { get; init; }

    public double? DeliveryRate => Ratio(Delivered, Sent);

    /// <summary>Customers who replied / customers messaged.</summary>
    public double? ReplyRate => Ratio(CustomersReplied, CustomersMessaged);

    /// <summary>Customers who repaid after a message / customers messaged.</summary>
    public double? RepaymentRate => Ratio(CustomersRepaid, CustomersMessaged);

    /// <summary>Complaints per 1,000 messages sent.</summary>
    public double? ComplaintsPerThousand => Sent == 0 ? null : Complaints * 1000.0 / Sent;

    /// <summary>Customers who opted out / customers messaged.</summary>
    public double? OptOutRate => Ratio(OptOuts, CustomersMessaged);

    public Proportion Repayment => new(CustomersRepaid, CustomersMessaged);

    public Proportion Complaint => new(Complaints, Sent);

    private static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
