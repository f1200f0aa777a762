namespace OverdueSmsPortal.Core.Policy;

/// <summary>
/// Why a planned message did not leave (DESIGN §2.9). The codes are a contract: the forecast API
/// reports counts by them and the message table stores them.
/// </summary>
public enum SuppressionReason
{
    OptedOut = 1,
    LegalHold = 2,
    ComplaintHold = 3,
    Repaid = 4,
    Escalated = 5,
    PromiseToPay = 6,
    MinInterval = 7,
    FrequencyCap = 8,
    SameText = 9,
    /// <summary>The campaign was cancelled before the message left.</summary>
    Cancelled = 10,
    /// <summary>The template could not be rendered for this customer.</summary>
    RenderFailed = 11,
    /// <summary>The person at the customer's number said it is not theirs: nothing goes to it until it is corrected or confirmed.</summary>
    WrongNumber = 12,
}

public static class SuppressionReasons
{
    public static string Code(this SuppressionReason reason) => reason switch
    {
        SuppressionReason.OptedOut => "opted_out",
        SuppressionReason.LegalHold => "legal_hold",
        SuppressionReason.ComplaintHold => "complaint_hold",
        SuppressionReason.Repaid => "repaid",
        SuppressionReason.Escalated => "escalated",
        SuppressionReason.PromiseToPay => "promise_to_pay",
        SuppressionReason.MinInterval => "min_interval",
        SuppressionReason.FrequencyCap => "frequency_cap",
        SuppressionReason.SameText => "same_text",
        SuppressionReason.Cancelled => "cancelled",
        SuppressionReason.RenderFailed => "render_failed",
        SuppressionReason.WrongNumber => "wrong_number",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
