using OverdueSmsPortal.Core.Outcomes;

namespace OverdueSmsPortal.Core.Tests.Outcomes;

public class ComplaintTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static Complaint AHotlineComplaint(ComplaintSeverity severity = ComplaintSeverity.Medium) =>
        Complaint.Record(7, 42, ComplaintSource.Hotline, ComplaintCategory.Frequency, severity, "  一天打了三次电话  ", holdsCustomer: true,
            "operator", Now, complaintRef: " HL-1 ", receivedAt: Now.AddHours(-1));

    [Fact]
    public void A_recorded_complaint_is_open_with_what_was_said_trimmed()
    {
        var complaint = AHotlineComplaint();

        Assert.Equal((ComplaintStatus.Open, 7L, 42L, true), (complaint.Status, complaint.CustomerId!.Value, complaint.MessageId!.Value, complaint.HoldsCustomer));
        Assert.Equal(("一天打了三次电话", "HL-1", "operator"), (complaint.Summary, complaint.ComplaintRef, complaint.OpenedBy));
        Assert.Equal((Now.AddHours(-1), Now), (complaint.ReceivedAt, complaint.OpenedAt));
        Assert.Null(complaint.ReplyId);
    }

    [Fact]
    public void A_reply_threatening_the_regulator_over_repeated_texts_is_a_high_severity_frequency_complaint()
    {
        var complaint = Complaint.FromReply(7, 42, 9, "再发我就投诉到银保监", Now, regulatorThreat: true);

        Assert.Equal((ComplaintCategory.Frequency, ComplaintSeverity.High), (complaint.Category, complaint.Severity));
    }

    [Theory]
    [InlineData("天天发短信骚扰我，我要投诉", ComplaintCategory.Frequency)]
    [InlineData("一天发好几条，烦不烦，投诉你们", ComplaintCategory.Frequency)]
    [InlineData("你们短信语气威胁人，态度太差，投诉", ComplaintCategory.Tone)]
    [InlineData("我不是张伟，你们发错人了，再发投诉", ComplaintCategory.WrongPerson)]
    [InlineData("谁让你们把我欠款的事告诉我家人的，泄露隐私，投诉", ComplaintCategory.Privacy)]
    [InlineData("我要投诉", ComplaintCategory.Other)]
    public void A_reply_complaint_takes_its_category_from_what_the_customer_wrote(string text, ComplaintCategory category)
    {
        var complaint = Complaint.FromReply(7, 42, 9, text, Now);

        Assert.Equal((category, ComplaintSeverity.Medium), (complaint.Category, complaint.Severity));
    }

    [Fact]
    public void A_complaint_cannot_be_recorded_as_a_reply()
    {
        Assert.Throws<ArgumentException>(() => Complaint.Record(7, null, ComplaintSource.Reply, ComplaintCategory.Tone,
            ComplaintSeverity.Low, "x", false, "operator", Now));
    }

    [Fact]
    public void Work_starts_on_an_open_complaint_once_and_it_closes_from_in_progress()
    {
        var complaint = AHotlineComplaint();

        complaint.StartWork("approver", Now.AddMinutes(5));

        Assert.Equal((ComplaintStatus.InProgress, "approver", Now.AddMinutes(5)), (complaint.Status, complaint.StartedBy, complaint.StartedAt!.Value));
        Assert.Equal(ComplaintError.NotOpen, Assert.Throws<ComplaintException>(() => complaint.StartWork("approver", Now)).Error);
        complaint.Close("approver", "已致电客户说明", Now.AddHours(1));
        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
    }

    [Fact]
    public void An_open_complaint_can_be_closed_without_work_starting()
    {
        var complaint = AHotlineComplaint();

        complaint.Close("admin", "已致电客户说明", Now);

        Assert.Equal((ComplaintStatus.Closed, "admin"), (complaint.Status, complaint.ClosedBy));
    }

    [Fact]
    public void A_complaint_closes_with_its_resolution_note_trimmed()
    {
        var complaint = AHotlineComplaint();

        complaint.Close("admin", "  已致电客户致歉，发送间隔调整为 14 天  ", Now);

        Assert.Equal("已致电客户致歉，发送间隔调整为 14 天", complaint.ResolutionNote);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void A_complaint_without_a_resolution_note_stays_open(string note)
    {
        var complaint = AHotlineComplaint();

        Assert.Throws<ArgumentException>(() => complaint.Close("admin", note, Now));
        Assert.Equal((ComplaintStatus.Open, null), (complaint.Status, complaint.ResolutionNote));
    }

    [Fact]
    public void A_resolution_note_of_ten_thousand_characters_is_refused_and_the_complaint_stays_open()
    {
        var complaint = AHotlineComplaint();

        Assert.Throws<ArgumentException>(() => complaint.Close("admin", new string('说', 10_000), Now));
        Assert.Equal(ComplaintStatus.Open, complaint.Status);
    }

    [Fact]
    public void A_resolution_note_of_exactly_the_limit_in_chinese_and_emoji_closes_the_complaint()
    {
        var complaint = AHotlineComplaint();
        var note = "客户已还款🙏" + new string('结', Complaint.MaxResolutionNoteLength - "客户已还款🙏".Length);

        complaint.Close("admin", note, Now);

        Assert.Equal(note, complaint.ResolutionNote);
    }

    [Theory]
    [InlineData(null, "Complaints.Error.ResolutionRequired")]
    [InlineData("", "Complaints.Error.ResolutionRequired")]
    [InlineData("  \u3000 ", "Complaints.Error.ResolutionRequired")]
    public void The_closing_form_asks_for_a_resolution_note(string? note, string code)
    {
        var errors = new ComplaintClosingValidator().Validate(new ComplaintClosing { ResolutionNote = note }).Errors;

        Assert.Equal(code, Assert.Single(errors).ErrorCode);
    }

    [Fact]
    public void The_closing_form_refuses_a_note_over_the_limit_but_counts_it_trimmed()
    {
        var validator = new ComplaintClosingValidator();

        var tooLong = validator.Validate(new ComplaintClosing { ResolutionNote = new string('x', Complaint.MaxResolutionNoteLength + 1) });
        var padded = validator.Validate(new ComplaintClosing { ResolutionNote = "  " + new string('x', Complaint.MaxResolutionNoteLength) + "  " });

        Assert.Equal("Complaints.Error.ResolutionTooLong", Assert.Single(tooLong.Errors).ErrorCode);
        Assert.True(padded.IsValid);
    }

    [Fact]
    public void A_closed_complaint_is_final_no_work_no_new_category_or_severity_no_second_close()
    {
        var complaint = AHotlineComplaint();
        complaint.Close("admin", "已致电客户说明", Now);

        Assert.Equal(ComplaintError.NotOpen, Assert.Throws<ComplaintException>(() => complaint.StartWork("admin", Now)).Error);
        Assert.Equal(ComplaintError.Closed, Assert.Throws<ComplaintException>(() => complaint.Recategorise(ComplaintCategory.Tone)).Error);
        Assert.Equal(ComplaintError.Closed, Assert.Throws<ComplaintException>(() => complaint.SetSeverity(ComplaintSeverity.High)).Error);
        Assert.Equal(ComplaintError.Closed, Assert.Throws<ComplaintException>(() => complaint.Close("admin", "再关一次", Now)).Error);
        Assert.Equal((ComplaintCategory.Frequency, ComplaintSeverity.Medium), (complaint.Category, complaint.Severity));
    }

    [Fact]
    public void Category_and_severity_change_while_the_complaint_is_being_worked_on()
    {
        var complaint = AHotlineComplaint();
        complaint.StartWork("approver", Now);

        complaint.Recategorise(ComplaintCategory.Privacy);
        complaint.SetSeverity(ComplaintSeverity.High);

        Assert.Equal((ComplaintCategory.Privacy, ComplaintSeverity.High), (complaint.Category, complaint.Severity));
        Assert.Throws<ArgumentOutOfRangeException>(() => complaint.SetSeverity((ComplaintSeverity)9));
    }

    [Theory]
    [InlineData(ComplaintSource.Hotline, ComplaintSeverity.High, true)]
    [InlineData(ComplaintSource.Regulator, ComplaintSeverity.Low, true)]
    [InlineData(ComplaintSource.Hotline, ComplaintSeverity.Medium, false)]
    [InlineData(ComplaintSource.Api, ComplaintSeverity.Low, false)]
    public void High_severity_and_regulator_referrals_hold_the_customer_unless_told_otherwise(ComplaintSource source,
        ComplaintSeverity severity, bool holds)
    {
        Assert.Equal(holds, Complaint.HoldsByDefault(source, severity));
        Assert.Equal(holds, new ComplaintInput { Source = source, Severity = severity }.HoldsCustomer);
        Assert.False(new ComplaintInput { Source = source, Severity = severity, Hold = false }.HoldsCustomer);
    }
}
