using FluentValidation;

namespace OverdueSmsPortal.Core.Policy;

/// <summary>
/// The frequency rules an Admin sets (DESIGN §2.9). They may be stricter than the hard limits in
/// <see cref="PolicySettings.Hard"/>, never looser: the validator refuses a looser value.
/// </summary>
/// <param name="MaxMessages">At most this many collection messages per customer…</param>
/// <param name="PeriodDays">…within this many days.</param>
/// <param name="MinIntervalDays">At least this many days between two messages to one customer.</param>
/// <param name="PromiseToPayIntervalDays">After a promise to pay, no message for this many days.</param>
/// <param name="EscalateAfterUnanswered">After this many overdue messages without a reply, payment or promise, the customer goes on the phone follow-up list.</param>
/// <param name="RemindersShareCap">
/// Whether the reminders before and on the due date count toward <see cref="MaxMessages"/>. By default they do
/// not: each has a quota of one per bill cycle, so the overdue ladder keeps its messages; they always count
/// toward the spacing.
/// </param>
/// <param name="PauseSmsWhileEscalated">
/// Whether a customer on the phone follow-up list gets no SMS until the entry is resolved. By default the list
/// adds a channel and the ladder's texts go on under the same caps.
/// </param>
public sealed record PolicySettings(
    int MaxMessages,
    int PeriodDays,
    int MinIntervalDays,
    int PromiseToPayIntervalDays,
    int EscalateAfterUnanswered,
    bool RemindersShareCap = false,
    bool PauseSmsWhileEscalated = false)
{
    /// <summary>
    /// The limits no setting may loosen: 3 messages per 30 days, 7 days apart. They are the lender's recommended
    /// limits (not statute); an Admin may only tighten them.
    /// </summary>
    public static readonly PolicySettings Hard = new(3, 30, 7, 7, 10);

    /// <summary>What a new installation starts with.</summary>
    public static readonly PolicySettings Default = new(3, 30, 7, 14, 3);
}

public sealed class PolicySettingsValidator : AbstractValidator<PolicySettings>
{
    public PolicySettingsValidator()
    {
        RuleFor(s => s.MaxMessages).InclusiveBetween(1, PolicySettings.Hard.MaxMessages).WithErrorCode("policy.max_messages");
        RuleFor(s => s.PeriodDays).InclusiveBetween(PolicySettings.Hard.PeriodDays, 365).WithErrorCode("policy.period_days");
        RuleFor(s => s.MinIntervalDays).InclusiveBetween(PolicySettings.Hard.MinIntervalDays, 90).WithErrorCode("policy.min_interval");
        RuleFor(s => s.PromiseToPayIntervalDays).Must((s, days) => days >= s.MinIntervalDays && days <= 90)
            .WithErrorCode("policy.promise_interval");
        RuleFor(s => s.EscalateAfterUnanswered).InclusiveBetween(1, PolicySettings.Hard.EscalateAfterUnanswered)
            .WithErrorCode("policy.escalate_after");
    }
}
