using System.Security.Cryptography;
using System.Text;

namespace OverdueSmsPortal.Core.Policy;

/// <summary>Why a customer must not be contacted at all for now, set by complaints and legal (DESIGN §2.13).</summary>
public enum CustomerHold
{
    None = 0,
    Complaint = 1,
    Legal = 2,
}

/// <summary>
/// What the send policy needs to know about one customer, gathered at the moment of the decision:
/// their consent and holds, their debt, and the collection messages that already left to them.
/// </summary>
/// <param name="OptedOut">The customer asked for no more messages.</param>
/// <param name="Hold">A complaint or legal hold standing now.</param>
/// <param name="AmountDue">What the customer still owes; nothing left means repaid.</param>
/// <param name="PromisedToPayAt">When they last promised to pay.</param>
/// <param name="SentWithinPeriod">When messages left to this customer within the settings' period.</param>
/// <param name="LastSentAt">When the last message left to them.</param>
/// <param name="LastTextFingerprint">The fingerprint of the last text that left, for "never the same text twice in a row".</param>
/// <param name="UnansweredInARow">Messages that left since the customer's last reply (all of them if they never replied).</param>
/// <param name="Escalated">Whether the customer is on the phone follow-up list already.</param>
public sealed record ContactState(
    bool OptedOut,
    CustomerHold Hold,
    decimal AmountDue,
    DateTimeOffset? PromisedToPayAt,
    IReadOnlyList<DateTimeOffset> SentWithinPeriod,
    DateTimeOffset? LastSentAt,
    string? LastTextFingerprint,
    int UnansweredInARow,
    bool Escalated);

/// <summary>
/// The send policy's rules that depend on the customer and their history (DESIGN §2.9). They are
/// evaluated when a run plans a message and again right before it leaves; the time of day is
/// <see cref="ContactHours"/>' business. Checks go from the most fundamental (consent) to the most
/// specific (the same text), and the first that fails is the recorded reason.
/// </summary>
public static class SendPolicy
{
    public static SuppressionReason? Evaluate(ContactState state, string textFingerprint, DateTimeOffset now, PolicySettings settings)
    {
        if (state.OptedOut)
        {
            return SuppressionReason.OptedOut;
        }
        switch (state.Hold)
        {
            case CustomerHold.Legal:
                return SuppressionReason.LegalHold;
            case CustomerHold.Complaint:
                return SuppressionReason.ComplaintHold;
        }
        if (state.AmountDue <= 0)
        {
            return SuppressionReason.Repaid;
        }
        if (state.Escalated || state.UnansweredInARow >= settings.EscalateAfterUnanswered)
        {
            return SuppressionReason.Escalated;
        }
        if (state.PromisedToPayAt is { } promised && now < promised.AddDays(settings.PromiseToPayIntervalDays))
        {
            return SuppressionReason.PromiseToPay;
        }
        if (state.LastSentAt is { } last && now < last.AddDays(settings.MinIntervalDays))
        {
            return SuppressionReason.MinInterval;
        }
        var periodStart = now.AddDays(-settings.PeriodDays);
        if (state.SentWithinPeriod.Count(at => at > periodStart && at <= now) >= settings.MaxMessages)
        {
            return SuppressionReason.FrequencyCap;
        }
        if (state.LastTextFingerprint is not null && state.LastTextFingerprint == textFingerprint)
        {
            return SuppressionReason.SameText;
        }
        return null;
    }
}

/// <summary>A short, stable fingerprint of a message text, stored so that texts can be compared without reading them.</summary>
public static class TextFingerprint
{
    public static string Of(string text)
    {
        // Normalize refuses half a surrogate pair (and U+FFFE); such a text is fingerprinted as it is.
        var trimmed = text.Trim();
        var normalized = Unicode.CanNormalize(trimmed) ? trimmed.Normalize(NormalizationForm.FormC) : trimmed;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)).AsSpan(0, 16));
    }
}
