namespace OverdueSmsPortal.Core.Campaigns;

/// <summary>Which side of an A/B split a message took.</summary>
public enum Variant
{
    A = 1,
    B = 2,
}

/// <summary>
/// Assigns customers to the variants of an A/B split. The assignment depends only on the campaign,
/// the segment and the customer, so a customer stays on one side in every run of the campaign, and
/// a well-mixed hash makes the shares close to the split.
/// </summary>
public static class VariantAssignment
{
    public static Variant For(long campaignId, long segmentId, long customerId, int splitBPercent)
    {
        if (splitBPercent <= 0)
        {
            return Variant.A;
        }
        if (splitBPercent >= 100)
        {
            return Variant.B;
        }
        var bucket = (int)(Mix(Mix(Mix((ulong)campaignId) ^ (ulong)segmentId) ^ (ulong)customerId) % 100);
        return bucket < splitBPercent ? Variant.B : Variant.A;
    }

    // SplitMix64's finalizer: every input bit affects every output bit.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
