namespace OverdueSmsPortal.Core.Outcomes;

/// <summary><paramref name="Successes"/> out of <paramref name="Trials"/>: customers who repaid of those messaged, complaints of messages sent.</summary>
public readonly record struct Proportion(long Successes, long Trials)
{
    /// <summary>The share, or null when nothing was tried (a rate of nothing is not 0 %).</summary>
    public double? Rate => Trials == 0 ? null : (double)Successes / Trials;

    /// <summary>
    /// The Wilson score interval at <paramref name="confidence"/> (95 % by default): unlike the normal
    /// approximation it stays inside 0–1 and is honest for small samples and rates near 0, which
    /// complaint rates are.
    /// </summary>
    public (double Low, double High)? Interval(double confidence = 0.95)
    {
        if (Trials == 0)
        {
            return null;
        }
        var z = Normal.Quantile(1 - (1 - confidence) / 2);
        var n = (double)Trials;
        var p = Successes / n;
        var denominator = 1 + z * z / n;
        var centre = p + z * z / (2 * n);
        var half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return (Math.Max(0, (centre - half) / denominator), Math.Min(1, (centre + half) / denominator));
    }
}

/// <summary>What an A/B comparison may say.</summary>
public enum AbVerdict
{
    /// <summary>Too few customers (or too few events) for the test to mean anything yet.</summary>
    NotEnoughData = 0,
    /// <summary>Enough data, and no difference at the chosen confidence.</summary>
    NoDifference = 1,
    ABetter = 2,
    BBetter = 3,
}

/// <summary>The test's result: B's rate minus A's, the z statistic, the two-sided p-value and the verdict.</summary>
public sealed record AbComparison(double? Difference, double? Z, double? PValue, AbVerdict Verdict);

/// <summary>
/// The two-proportion z-test (pooled) that compares A/B variants (DESIGN §2.14): for repayment rates
/// higher is better, for complaint rates lower is. The normal approximation needs each side to have
/// at least <see cref="MinimumTrials"/> trials and at least <see cref="MinimumEvents"/> successes and
/// failures expected under the pooled rate; short of that the verdict is "not enough data yet".
/// </summary>
public static class TwoProportionTest
{
    public const int MinimumTrials = 30;
    public const double MinimumEvents = 5;

    public static AbComparison Compare(Proportion a, Proportion b, bool higherIsBetter, double confidence = 0.95)
    {
        if (a.Trials < MinimumTrials || b.Trials < MinimumTrials)
        {
            return new AbComparison(b.Rate - a.Rate, null, null, AbVerdict.NotEnoughData);
        }
        var pooled = (double)(a.Successes + b.Successes) / (a.Trials + b.Trials);
        var expectedTooSmall = new[] { a.Trials, b.Trials }
            .Any(n => n * pooled < MinimumEvents || n * (1 - pooled) < MinimumEvents);
        var difference = b.Rate!.Value - a.Rate!.Value;
        if (expectedTooSmall)
        {
            return new AbComparison(difference, null, null, AbVerdict.NotEnoughData);
        }
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / a.Trials + 1.0 / b.Trials));
        var z = difference / standardError;
        var p = 2 * (1 - Normal.Cdf(Math.Abs(z)));
        var verdict = p >= 1 - confidence
            ? AbVerdict.NoDifference
            : (difference > 0) == higherIsBetter ? AbVerdict.BBetter : AbVerdict.ABetter;
        return new AbComparison(difference, z, p, verdict);
    }
}

/// <summary>The standard normal distribution, to the precision a dashboard needs (about 1e-7).</summary>
public static class Normal
{
    /// <summary>P(Z ≤ x).</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>The x with P(Z ≤ x) = <paramref name="p"/>, found by bisection on <see cref="Cdf"/>.</summary>
    public static double Quantile(double p)
    {
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs a probability strictly between 0 and 1.");
        }
        double low = -10, high = 10;
        for (var i = 0; i < 100; i++)
        {
            var middle = (low + high) / 2;
            if (Cdf(middle) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /// <summary>The complementary error function (Chebyshev fit, fractional error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
