using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Tests.Policy;

public sealed class SendPolicyTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>19:00 in Shanghai on 2026-11-24: the evening firing of a daily campaign.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly PolicySettings Settings = PolicySettings.Default;
    private const string Text = "fingerprint-of-this-text";

    private static ContactState ACustomer(params SentMessage[] sent) => new(
        OptedOut: false, Hold: CustomerHold.None, WrongNumber: false, AmountDue: 1200m, PromisedToPayAt: null, LastRepaidAt: null,
        LastRepliedAt: null, Sent: sent, Escalated: false, EscalationResolvedAt: null, Zone: Shanghai);

    /// <summary>An overdue message that left <paramref name="daysAgo"/> days ago at the same hour, for a bill due 40 days before today.</summary>
    private static SentMessage Overdue(int daysAgo, string fingerprint = "an earlier text") =>
        new(Now.AddDays(-daysAgo), Today.AddDays(-daysAgo), 40 - daysAgo, fingerprint);

    private static SentMessage Reminder(int daysAgo, int daysOverdue, DateOnly? today = null) =>
        new(Now.AddDays(-daysAgo), (today ?? Today).AddDays(-daysAgo), daysOverdue, $"reminder {daysAgo}");

    private static SuppressionReason? Evaluate(ContactState state, PolicySettings? settings = null, int daysOverdue = 20) =>
        Decide(state, settings, daysOverdue).Reason;

    private static PolicyDecision Decide(ContactState state, PolicySettings? settings = null, int daysOverdue = 20) =>
        SendPolicy.Decide(state, new CandidateMessage(Text, Today, daysOverdue), Now, settings ?? Settings);

    [Fact]
    public void A_customer_with_no_history_may_be_sent_to() => Assert.Null(Evaluate(ACustomer()));

    [Fact]
    public void Opted_out_customers_are_never_sent_to() =>
        Assert.Equal(SuppressionReason.OptedOut, Evaluate(ACustomer() with { OptedOut = true }));

    [Fact]
    public void A_number_someone_said_is_not_the_customers_gets_nothing() =>
        Assert.Equal(SuppressionReason.WrongNumber, Evaluate(ACustomer() with { WrongNumber = true }));

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
            Evaluate(ACustomer(Overdue(20, Text)) with { OptedOut = true, WrongNumber = true, Hold = CustomerHold.Legal, AmountDue = 0 }));

    [Fact]
    public void After_the_configured_number_of_unanswered_overdue_messages_the_customer_goes_on_the_phone_list_and_keeps_getting_texts()
    {
        var two = ACustomer(Overdue(21), Overdue(14));
        Assert.Equal(new PolicyDecision(null, false), Decide(two with { Sent = [Overdue(28), Overdue(21)] }));
        var three = ACustomer(Overdue(35), Overdue(28), Overdue(21));
        var decision = Decide(three);
        Assert.True(decision.Escalate);
        Assert.Null(decision.Reason);
    }

    [Fact]
    public void Reminders_before_and_on_the_due_date_are_not_unanswered_messages()
    {
        var state = ACustomer(Reminder(40, -7), Reminder(33, 0), Overdue(26), Overdue(19));
        Assert.Equal(2, state.UnansweredOverdue);
        Assert.False(Decide(state).Escalate);
    }

    [Fact]
    public void A_repayment_ends_the_run_of_unanswered_messages()
    {
        var state = ACustomer(Overdue(35), Overdue(28), Overdue(21)) with { LastRepaidAt = Now.AddDays(-30) };
        Assert.Equal(2, state.UnansweredOverdue);
        Assert.Equal(0, (state with { LastRepaidAt = Now.AddDays(-14) }).UnansweredOverdue);
    }

    [Fact]
    public void A_reply_or_a_resolved_phone_follow_up_ends_the_run_of_unanswered_messages()
    {
        var state = ACustomer(Overdue(35), Overdue(28), Overdue(21));
        Assert.Equal(0, (state with { LastRepliedAt = Now.AddDays(-21).AddMinutes(5) }).UnansweredOverdue);
        Assert.Equal(0, (state with { EscalationResolvedAt = Now.AddDays(-10) }).UnansweredOverdue);
    }

    [Fact]
    public void A_customer_already_on_the_phone_list_keeps_getting_texts_and_is_not_listed_twice()
    {
        var decision = Decide(ACustomer(Overdue(35), Overdue(28), Overdue(21)) with { Escalated = true });
        Assert.Equal(new PolicyDecision(null, false), decision);
    }

    [Fact]
    public void An_admin_may_pause_sms_while_a_customer_is_on_the_phone_list()
    {
        var pausing = Settings with { PauseSmsWhileEscalated = true };
        Assert.Equal(SuppressionReason.Escalated, Evaluate(ACustomer() with { Escalated = true }, pausing));
        var decision = Decide(ACustomer(Overdue(35), Overdue(28), Overdue(21)), pausing);
        Assert.Equal(new PolicyDecision(SuppressionReason.Escalated, true), decision);
    }

    [Fact]
    public void Nobody_who_may_not_be_contacted_is_put_on_the_phone_list()
    {
        var silent = ACustomer(Overdue(35), Overdue(28), Overdue(21));
        Assert.False(Decide(silent with { OptedOut = true }).Escalate);
        Assert.False(Decide(silent with { WrongNumber = true }).Escalate);
        Assert.False(Decide(silent with { Hold = CustomerHold.Complaint }).Escalate);
        Assert.False(Decide(silent with { AmountDue = 0 }).Escalate);
    }

    [Fact]
    public void A_promise_to_pay_holds_messages_back_for_the_longer_interval_counted_in_calendar_days()
    {
        var promised = Now.AddDays(-(Settings.PromiseToPayIntervalDays - 1));
        Assert.Equal(SuppressionReason.PromiseToPay, Evaluate(ACustomer() with { PromisedToPayAt = promised }));
        // Promised in the morning 14 days ago: the evening firing on the 14th day may send.
        Assert.Null(Evaluate(ACustomer() with { PromisedToPayAt = Now.AddDays(-Settings.PromiseToPayIntervalDays).AddHours(-9) }));
    }

    [Fact]
    public void A_partial_repayment_lengthens_the_interval_like_a_promise()
    {
        Assert.Equal(SuppressionReason.PromiseToPay, Evaluate(ACustomer() with { LastRepaidAt = Now.AddDays(-3) }));
        Assert.Null(Evaluate(ACustomer() with { LastRepaidAt = Now.AddDays(-Settings.PromiseToPayIntervalDays) }));
    }

    [Fact]
    public void Two_messages_are_at_least_the_minimum_interval_apart_in_the_customers_calendar_days()
    {
        Assert.Equal(SuppressionReason.MinInterval, Evaluate(ACustomer(Overdue(Settings.MinIntervalDays - 1))));
        // The last one left a few seconds after 19:00 seven days ago: today's 19:00 firing may still send.
        var sevenDaysAgoLate = Overdue(Settings.MinIntervalDays) with { At = Now.AddDays(-Settings.MinIntervalDays).AddSeconds(40) };
        Assert.Null(Evaluate(ACustomer(sevenDaysAgoLate)));
    }

    [Fact]
    public void At_most_the_capped_number_of_overdue_messages_leave_within_the_period()
    {
        Assert.Equal(SuppressionReason.FrequencyCap, Evaluate(ACustomer(Overdue(29), Overdue(16), Overdue(8))));
        // The oldest one falls out of the 30-day period: room for one more.
        Assert.Null(Evaluate(ACustomer(Overdue(30), Overdue(16), Overdue(8))));
    }

    [Fact]
    public void Reminders_before_and_on_the_due_date_leave_the_overdue_ladder_its_count_by_default()
    {
        var afterReminders = ACustomer(Reminder(28, -7), Reminder(21, 0), Overdue(14), Overdue(7));
        Assert.Null(Evaluate(afterReminders));
        Assert.Equal(SuppressionReason.FrequencyCap, Evaluate(afterReminders, Settings with { RemindersShareCap = true }));
    }

    [Fact]
    public void Each_reminder_leaves_once_per_bill_cycle()
    {
        // Pre-due reminders 3 and 10 days before the same due date; the due-day reminder once per due date.
        var preDue = ACustomer(new SentMessage(Now.AddDays(-7), Today.AddDays(-7), -10, "pre-due"));
        Assert.Equal(SuppressionReason.FrequencyCap, Evaluate(preDue, daysOverdue: -3));
        Assert.Null(Evaluate(preDue, daysOverdue: 0));
        var lastCycle = ACustomer(new SentMessage(Now.AddDays(-30), Today.AddDays(-30), -3, "last month"));
        Assert.Null(Evaluate(lastCycle, daysOverdue: -3));
    }

    [Fact]
    public void Reminders_still_keep_the_spacing()
    {
        var preDue = ACustomer(new SentMessage(Now.AddDays(-3), Today.AddDays(-3), -3, "pre-due"));
        Assert.Equal(SuppressionReason.MinInterval, Evaluate(preDue, daysOverdue: 0));
    }

    [Fact]
    public void The_same_text_is_never_sent_twice_in_a_row() =>
        Assert.Equal(SuppressionReason.SameText, Evaluate(ACustomer(Overdue(20, Text))));

    [Fact]
    public void A_different_text_after_the_interval_may_leave() =>
        Assert.Null(Evaluate(ACustomer(Overdue(20, "another"))));

    [Fact]
    public void Stricter_settings_than_the_hard_limits_apply()
    {
        var strict = Settings with { MaxMessages = 1, MinIntervalDays = 10 };
        Assert.Equal(SuppressionReason.MinInterval, Evaluate(ACustomer(Overdue(9)), strict));
        Assert.Equal(SuppressionReason.FrequencyCap, Evaluate(ACustomer(Overdue(12)), strict));
    }

    [Fact]
    public void Settings_saved_before_the_cadence_switches_existed_read_with_both_off()
    {
        var saved = System.Text.Json.JsonSerializer.Deserialize<PolicySettings>(
            """{"MaxMessages":3,"PeriodDays":30,"MinIntervalDays":7,"PromiseToPayIntervalDays":14,"EscalateAfterUnanswered":3}""")!;
        Assert.Equal(PolicySettings.Default, saved);
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
