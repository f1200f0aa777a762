using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Tests.Policy;

public sealed class SendPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);
    private static readonly PolicySettings Settings = PolicySettings.Default;
    private const string Text = "fingerprint-of-this-text";

    private static ContactState ACustomer() => new(
        OptedOut: false, Hold: CustomerHold.None, AmountDue: 1200m, PromisedToPayAt: null,
        SentWithinPeriod: [], LastSentAt: null, LastTextFingerprint: null, UnansweredInARow: 0, Escalated: false);

    private static SuppressionReason? Evaluate(ContactState state, PolicySettings? settings = null) =>
        SendPolicy.Evaluate(state, Text, Now, settings ?? Settings);

    [Fact]
    public void A_customer_with_no_history_may_be_sent_to() => Assert.Null(Evaluate(ACustomer()));

    [Fact]
    public void Opted_out_customers_are_never_sent_to() =>
        Assert.Equal(SuppressionReason.OptedOut, Evaluate(ACustomer() with { OptedOut = true }));

    [Theory]
    [InlineData(CustomerHold.Complaint, SuppressionReason.ComplaintHold)]
    [InlineData(CustomerHold.Legal, SuppressionReason.LegalHold)]
    public void Customers_on_hold_are_not_sent_to(CustomerHold hold, SuppressionReason reason) =>
        Assert.Equal(reason, Evaluate(ACustomer() with { Hold = hold }));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Customers_who_repaid_are_not_sent_to(decimal due) =>
        Assert.Equal(SuppressionReason.Repaid, Evaluate(ACustomer() with { AmountDue = due }));

    [Fact]
    public void Opt_out_is_reported_before_any_other_reason() =>
        Assert.Equal(SuppressionReason.OptedOut,
            Evaluate(ACustomer() with { OptedOut = true, Hold = CustomerHold.Legal, AmountDue = 0, LastTextFingerprint = Text }));

    [Fact]
    public void After_the_configured_number_of_unanswered_messages_the_customer_is_escalated()
    {
        Assert.Null(Evaluate(ACustomer() with { UnansweredInARow = Settings.EscalateAfterUnanswered - 1 }));
        Assert.Equal(SuppressionReason.Escalated, Evaluate(ACustomer() with { UnansweredInARow = Settings.EscalateAfterUnanswered }));
    }

    [Fact]
    public void A_customer_already_on_the_escalation_list_gets_no_sms() =>
        Assert.Equal(SuppressionReason.Escalated, Evaluate(ACustomer() with { Escalated = true }));

    [Fact]
    public void A_promise_to_pay_holds_messages_back_for_the_longer_interval()
    {
        var promised = Now.AddDays(-Settings.PromiseToPayIntervalDays).AddMinutes(1);
        Assert.Equal(SuppressionReason.PromiseToPay, Evaluate(ACustomer() with { PromisedToPayAt = promised }));
        Assert.Null(Evaluate(ACustomer() with { PromisedToPayAt = Now.AddDays(-Settings.PromiseToPayIntervalDays) }));
    }

    [Fact]
    public void Two_messages_are_at_least_the_minimum_interval_apart()
    {
        var tooRecent = Now.AddDays(-Settings.MinIntervalDays).AddSeconds(1);
        Assert.Equal(SuppressionReason.MinInterval,
            Evaluate(ACustomer() with { LastSentAt = tooRecent, SentWithinPeriod = [tooRecent] }));
        var longEnough = Now.AddDays(-Settings.MinIntervalDays);
        Assert.Null(Evaluate(ACustomer() with { LastSentAt = longEnough, SentWithinPeriod = [longEnough] }));
    }

    [Fact]
    public void At_most_the_capped_number_of_messages_leave_within_the_period()
    {
        DateTimeOffset[] three = [Now.AddDays(-8), Now.AddDays(-16), Now.AddDays(-29)];
        Assert.Equal(SuppressionReason.FrequencyCap,
            Evaluate(ACustomer() with { SentWithinPeriod = three, LastSentAt = three[0] }));
        // The oldest one falls out of the 30-day period: room for one more.
        DateTimeOffset[] oneOld = [Now.AddDays(-8), Now.AddDays(-16), Now.AddDays(-30)];
        Assert.Null(Evaluate(ACustomer() with { SentWithinPeriod = oneOld, LastSentAt = oneOld[0] }));
    }

    [Fact]
    public void The_same_text_is_never_sent_twice_in_a_row() =>
        Assert.Equal(SuppressionReason.SameText,
            Evaluate(ACustomer() with { LastTextFingerprint = Text, LastSentAt = Now.AddDays(-20), SentWithinPeriod = [Now.AddDays(-20)] }));

    [Fact]
    public void A_different_text_after_the_interval_may_leave() =>
        Assert.Null(Evaluate(ACustomer() with { LastTextFingerprint = "another", LastSentAt = Now.AddDays(-20), SentWithinPeriod = [Now.AddDays(-20)] }));

    [Fact]
    public void Stricter_settings_than_the_hard_limits_apply()
    {
        var strict = Settings with { MaxMessages = 1, MinIntervalDays = 10 };
        var nineDaysAgo = Now.AddDays(-9);
        Assert.Equal(SuppressionReason.MinInterval, Evaluate(ACustomer() with { LastSentAt = nineDaysAgo, SentWithinPeriod = [nineDaysAgo] }, strict));
        var twelveDaysAgo = Now.AddDays(-12);
        Assert.Equal(SuppressionReason.FrequencyCap, Evaluate(ACustomer() with { LastSentAt = twelveDaysAgo, SentWithinPeriod = [twelveDaysAgo] }, strict));
    }

    [Theory]
    [InlineData(4, 30, 7, 14, 3, "policy.max_messages")]
    [InlineData(3, 29, 7, 14, 3, "policy.period_days")]
    [InlineData(3, 30, 6, 14, 3, "policy.min_interval")]
    [InlineData(3, 30, 10, 8, 3, "policy.promise_interval")]
    [InlineData(3, 30, 7, 14, 0, "policy.escalate_after")]
    [InlineData(3, 30, 7, 14, 11, "policy.escalate_after")]
    public void Settings_looser_than_the_hard_limits_are_refused(int max, int period, int interval, int promise, int escalate, string code)
    {
        var result = new PolicySettingsValidator().Validate(new PolicySettings(max, period, interval, promise, escalate));
        Assert.Contains(result.Errors, e => e.ErrorCode == code);
    }

    [Fact]
    public void The_default_and_hard_settings_are_valid()
    {
        Assert.True(new PolicySettingsValidator().Validate(PolicySettings.Default).IsValid);
        Assert.True(new PolicySettingsValidator().Validate(PolicySettings.Hard with { PromiseToPayIntervalDays = 7 }).IsValid);
    }

    [Fact]
    public void Fingerprints_ignore_surrounding_space_and_tell_texts_apart()
    {
        Assert.Equal(TextFingerprint.Of("您好，请还款。"), TextFingerprint.Of("  您好，请还款。\n"));
        Assert.NotEqual(TextFingerprint.Of("您好，请还款。"), TextFingerprint.Of("您好，请尽快还款。"));
    }
}
