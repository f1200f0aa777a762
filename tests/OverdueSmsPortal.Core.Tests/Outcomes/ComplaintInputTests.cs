using OverdueSmsPortal.Core.Outcomes;

namespace OverdueSmsPortal.Core.Tests.Outcomes;

public class ComplaintInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static ComplaintInput AValidInput() => new()
    {
        AccountRef = "CC0001",
        Category = ComplaintCategory.Tone,
        Severity = ComplaintSeverity.Medium,
        Summary = "短信语气太凶",
        Source = ComplaintSource.Hotline,
    };

    private static List<string> Errors(ComplaintInput input) =>
        new ComplaintInputValidator(Now).Validate(input).Errors.Select(e => e.ErrorCode).ToList();

    [Fact]
    public void A_complete_input_passes()
    {
        Assert.Empty(Errors(AValidInput()));
    }

    [Fact]
    public void Account_category_severity_and_summary_are_required()
    {
        var errors = Errors(new ComplaintInput());

        Assert.Equal(["Complaints.Error.AccountRefRequired", "Complaints.Error.CategoryRequired", "Complaints.Error.SeverityRequired",
            "Complaints.Error.SummaryRequired"], errors);
    }

    [Fact]
    public void A_summary_longer_than_a_thousand_characters_is_refused_and_one_of_exactly_a_thousand_passes()
    {
        var input = AValidInput();
        input.Summary = new string('投', Complaint.MaxSummaryLength);
        Assert.Empty(Errors(input));

        input.Summary += "诉";
        Assert.Equal(["Complaints.Error.SummaryTooLong"], Errors(input));
    }

    [Fact]
    public void A_reply_is_no_source_one_records_and_a_complaint_received_tomorrow_is_refused()
    {
        var input = AValidInput();
        input.Source = ComplaintSource.Reply;
        input.ReceivedAt = Now.AddDays(1);

        Assert.Equal(["Complaints.Error.SourceInvalid", "Complaints.Error.ReceivedAtFuture"], Errors(input));
    }

    [Fact]
    public void Fields_are_read_from_their_codes_and_a_time_without_offset_is_business_time()
    {
        var fields = new Dictionary<string, string?>
        {
            ["complaintRef"] = "REG-9", ["accountRef"] = " CC0002 ", ["category"] = "WRONG_PERSON", ["severity"] = "high",
            ["summary"] = "不是本人", ["messageId"] = "17", ["source"] = "regulator", ["hold"] = "否", ["receivedAt"] = "2026-11-23T09:30:00",
        };

        var (input, errors) = ComplaintFields.Read(fields.GetValueOrDefault, ComplaintSource.Upload, Shanghai);

        Assert.Empty(errors);
        Assert.Equal(("REG-9", "CC0002", ComplaintCategory.WrongPerson, ComplaintSeverity.High), (input.ComplaintRef, input.AccountRef, input.Category, input.Severity));
        Assert.Equal((17L, ComplaintSource.Regulator, false), (input.MessageId!.Value, input.Source, input.Hold!.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero), input.ReceivedAt);
    }

    [Fact]
    public void Without_a_source_the_channel_is_the_source_and_unreadable_fields_are_named()
    {
        var fields = new Dictionary<string, string?>
        {
            ["accountRef"] = "CC0002", ["category"] = "rude", ["severity"] = "urgent", ["summary"] = "x", ["messageId"] = "abc",
            ["hold"] = "maybe", ["receivedAt"] = "yesterday",
        };

        var (input, errors) = ComplaintFields.Read(fields.GetValueOrDefault, ComplaintSource.Api, Shanghai);

        Assert.Equal(ComplaintSource.Api, input.Source);
        Assert.Equal(["category", "severity", "messageId", "hold", "receivedAt"], errors.Select(e => e.Field));
        Assert.Equal("category is one of frequency, tone, wrong_person, privacy, other.", errors[0].Message);
    }

    [Fact]
    public void An_unknown_source_is_refused_not_guessed()
    {
        var (input, errors) = ComplaintFields.Read(new Dictionary<string, string?> { ["source"] = "reply" }.GetValueOrDefault,
            ComplaintSource.Upload, Shanghai);

        Assert.Equal("Complaints.Error.SourceInvalid", Assert.Single(errors).Code);
        Assert.Equal(ComplaintSource.Upload, input.Source);
    }
}
