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

/// <summary>What kind of message a collection text is, by the customer's days overdue on the day it was written for.</summary>
public enum MessageKind
{
    /// <summary>Before the due date (pre_due_7 on the default ladder).</summary>
    PreDueReminder = 1,
    /// <summary>On the due date.</summary>
    DueDayReminder = 2,
    /// <summary>One day overdue or more: the collection ladder proper.</summary>
    Overdue = 3,
}

/// <summary>A collection message that left (or may have left) to a customer, as the policy remembers it.</summary>
/// <param name="At">When it left.</param>
/// <param name="RenderedFor">The business day its text was written for.</param>
/// <param name="DaysOverdue">The customer's days overdue on that day: negative before the due date.</param>
/// <param name="Fingerprint">The fingerprint of its text.</param>
public sealed record SentMessage(DateTimeOffset At, DateOnly RenderedFor, int DaysOverdue, string Fingerprint)
{
    public MessageKind Kind => SendPolicy.KindOf(DaysOverdue);

    /// <summary>The due date the message was about: one bill cycle.</summary>
    public DateOnly DueDate => RenderedFor.AddDays(-DaysOverdue);
}

/// <summary>The message the policy is asked about: its text, and the customer's days overdue on the day it speaks of.</summary>
public sealed record CandidateMessage(string Fingerprint, DateOnly RenderedFor, int DaysOverdue)
{
    public MessageKind Kind => SendPolicy.KindOf(DaysOverdue);

    public DateOnly DueDate => RenderedFor.AddDays(-DaysOverdue);
}

/// <summary>
/// What the send policy needs to know about one customer, gathered at the moment of the decision:
/// their consent and holds, their debt, their answers and payments, and the collection messages that
/// already left to them. The counts the rules use are derived here, in one place, for real sends and
/// for the timeline an Admin previews alike.
/// </summary>
/// <param name="OptedOut">The customer asked for no more messages.</param>
/// <param name="Hold">A complaint or legal hold standing now.</param>
/// <param name="WrongNumber">Someone at the customer's number said it is not theirs, and nobody has corrected or confirmed it since.</param>
/// <param name="AmountDue">What the customer still owes; nothing left means repaid.</param>
/// <param name="PromisedToPayAt">When they last promised to pay.</param>
/// <param name="LastRepaidAt">When a payment (full or partial) was last recorded.</param>
/// <param name="LastRepliedAt">When they last answered (a reply saying the number is not theirs is no answer).</param>
/// <param name="Sent">The messages that left to them in the look-back period, oldest first.</param>
/// <param name="Escalated">Whether the customer is on the phone follow-up list now.</param>
/// <param name="EscalationResolvedAt">When their last phone follow-up entry was resolved: a call is an answer of sorts.</param>
/// <param name="Zone">The customer's time zone: days between messages are counted on their calendar.</param>
public sealed record ContactState(
    bool OptedOut,
    CustomerHold Hold,
    bool WrongNumber,
    decimal AmountDue,
    DateTimeOffset? PromisedToPayAt,
    DateTimeOffset? LastRepaidAt,
    DateTimeOffset? LastRepliedAt,
    IReadOnlyList<SentMessage> Sent,
    bool Escalated,
    DateTimeOffset? EscalationResolvedAt,
    TimeZoneInfo Zone)
{
    public SentMessage? Last => Sent.Count == 0 ? null : Sent[^1];

    /// <summary>The latest sign of life: a reply, a promise, a payment or a resolved phone follow-up.</summary>
    public DateTimeOffset? AnsweredAt => Latest(Latest(LastRepliedAt, PromisedToPayAt), Latest(LastRepaidAt, EscalationResolvedAt));

    /// <summary>
    /// Overdue messages that left since the last sign of life. Reminders before and on the due date do not
    /// count: a customer who pays on time needs no answer to them.
    /// </summary>
    public int UnansweredOverdue => Sent.Count(m => m.Kind == MessageKind.Overdue && (AnsweredAt is not { } answered || m.At > answered));

    /// <summary>When the policy waits longer: after a promise to pay, or a payment that left something owing.</summary>
    public DateTimeOffset? EasedAt => Latest(PromisedToPayAt, LastRepaidAt);

    /// <summary>Whether the customer may be contacted at all (whatever the frequency rules say).</summary>
    public bool IsContactable => !OptedOut && Hold == CustomerHold.None && !WrongNumber && AmountDue > 0;

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>
/// What the policy decided for one message: the reason it must not leave (null: it may), and whether the
/// customer should go on the phone follow-up list now. Escalation adds a channel; it takes SMS away only
/// when an Admin chose so (<see cref="PolicySettings.PauseSmsWhileEscalated"/>).
/// </summary>
public sealed record PolicyDecision(SuppressionReason? Reason, bool Escalate)
{
    public bool Allowed => Reason is null;
}

/// <summary>
/// The send policy's rules that depend on the customer and their history (DESIGN §2.9). They are
/// evaluated when a run plans a message and again right before it leaves; the time of day is
/// <see cref="ContactHours"/>' business. Checks go from the most fundamental (consent) to the most
/// specific (the same text), and the first that fails is the recorded reason. Days between messages
/// are calendar days in the customer's zone: a daily campaign at 19:00 reaches a customer again seven
/// days later at 19:00, whatever seconds the last hand-over took.
/// </summary>
public static class SendPolicy
{
    public static MessageKind KindOf(int daysOverdue) => daysOverdue switch
    {
        < 0 => MessageKind.PreDueReminder,
        0 => MessageKind.DueDayReminder,
        _ => MessageKind.Overdue,
    };

    public static PolicyDecision Decide(ContactState state, CandidateMessage message, DateTimeOffset now, PolicySettings settings)
    {
        var unanswered = state.UnansweredOverdue;
        var escalate = state.IsContactable && !state.Escalated && unanswered >= settings.EscalateAfterUnanswered;
        return new PolicyDecision(Reason(state, message, now, settings, unanswered), escalate);
    }

    private static SuppressionReason? Reason(ContactState state, CandidateMessage message, DateTimeOffset now, PolicySettings settings,
        int unanswered)
    {
        if (state.OptedOut)
        {
            return SuppressionReason.OptedOut;
        }
        if (state.WrongNumber)
        {
            return SuppressionReason.WrongNumber;
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
        if (settings.PauseSmsWhileEscalated && (state.Escalated || unanswered >= settings.EscalateAfterUnanswered))
        {
            return SuppressionReason.Escalated;
        }
        var today = state.LocalDate(now);
        if (state.EasedAt is { } eased && DaysBetween(state.LocalDate(eased), today) < settings.PromiseToPayIntervalDays)
        {
            return SuppressionReason.PromiseToPay;
        }
        if (state.Last is { } last && DaysBetween(state.LocalDate(last.At), today) < settings.MinIntervalDays)
        {
            return SuppressionReason.MinInterval;
        }
        if (ExceedsFrequency(state, message, today, settings))
        {
            return SuppressionReason.FrequencyCap;
        }
        if (state.Last?.Fingerprint is { } lastText && lastText == message.Fingerprint)
        {
            return SuppressionReason.SameText;
        }
        return null;
    }

    /// <summary>
    /// The 30-day cap counts overdue messages; reminders before and on the due date have a quota of one
    /// each per bill cycle and, unless an Admin chose that they share the cap, leave the ladder its 3.
    /// </summary>
    private static bool ExceedsFrequency(ContactState state, CandidateMessage message, DateOnly today, PolicySettings settings)
    {
        if (message.Kind != MessageKind.Overdue
            && state.Sent.Any(m => m.Kind == message.Kind && m.DueDate == message.DueDate))
        {
            return true;
        }
        if (message.Kind != MessageKind.Overdue && !settings.RemindersShareCap)
        {
            return false;
        }
        var counted = state.Sent.Count(m => (settings.RemindersShareCap || m.Kind == MessageKind.Overdue)
                                            && DaysBetween(state.LocalDate(m.At), today) is >= 0 and var days
                                            && days < settings.PeriodDays);
        return counted >= settings.MaxMessages;
    }

    private static int DaysBetween(DateOnly earlier, DateOnly later) => later.DayNumber - earlier.DayNumber;
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
