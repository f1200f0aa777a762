using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Outcomes;

/// <summary>Recording complaints against the messages that left: links, idempotency, the list and its masking.</summary>
public sealed class ComplaintDeskTests : SentMessagesTest
{
    private ComplaintDesk Desk => Portal.Service<ComplaintDesk>();

    private static ComplaintInput AComplaint(string accountRef, long? messageId = null, string? complaintRef = null) => new()
    {
        ComplaintRef = complaintRef,
        AccountRef = accountRef,
        Category = ComplaintCategory.Tone,
        Severity = ComplaintSeverity.Low,
        Summary = "客户认为短信语气不礼貌",
        MessageId = messageId,
        Source = ComplaintSource.Api,
    };

    private Task<Complaint> StoredAsync(long id) => Portal.QueryAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task Without_a_message_id_the_last_message_sent_to_the_customer_is_linked()
    {
        var receipt = await Desk.RecordAsync(AComplaint("CC0002"), Operator);

        var stored = await StoredAsync(Assert.Single(receipt.Recorded).ComplaintId);
        Assert.Equal((SentTo(2).CustomerId, SentTo(2).Id), (stored.CustomerId!.Value, stored.MessageId!.Value));
        Assert.Equal((ComplaintSource.Api, ComplaintStatus.Open, "operator"), (stored.Source, stored.Status, stored.OpenedBy));
    }

    [Fact]
    public async Task A_customer_never_messaged_gets_a_complaint_without_a_message()
    {
        await Portal.GivenCustomersAsync(CustomerBuilder.ACustomer("NEW0001").DaysOverdue(2));

        var receipt = await Desk.RecordAsync(AComplaint("NEW0001"), Operator);

        Assert.Null((await StoredAsync(Assert.Single(receipt.Recorded).ComplaintId)).MessageId);
    }

    [Fact]
    public async Task A_message_of_another_customer_or_one_that_does_not_exist_is_refused_and_nothing_is_stored()
    {
        var receipt = await Desk.RecordAsync([AComplaint("CC0001", messageId: SentTo(2).Id), AComplaint("CC0001", messageId: 999_999)],
            "api");

        Assert.Empty(receipt.Recorded);
        Assert.Equal(["Complaints.Error.MessageOfAnotherCustomer", "Complaints.Error.UnknownMessage"],
            receipt.Refused.Select(r => Assert.Single(r.Errors).Code));
        Assert.Equal(0, await Portal.QueryAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task A_message_of_the_customer_is_linked_as_named()
    {
        var receipt = await Desk.RecordAsync(AComplaint("CC0003", messageId: SentTo(3).Id), Operator);

        Assert.Equal(SentTo(3).Id, (await StoredAsync(Assert.Single(receipt.Recorded).ComplaintId)).MessageId);
    }

    [Fact]
    public async Task A_complaint_ref_recorded_before_or_twice_in_one_call_is_stored_once_and_reported_already_recorded()
    {
        var first = await Desk.RecordAsync([AComplaint("CC0001", complaintRef: "LND-1")], "api");

        var again = await Desk.RecordAsync([AComplaint("CC0001", complaintRef: "LND-1"), AComplaint("CC0002", complaintRef: "LND-2"),
            AComplaint("CC0002", complaintRef: " LND-2 ")], "api");

        var firstId = Assert.Single(first.Recorded).ComplaintId;
        var secondId = Assert.Single(again.Recorded).ComplaintId;
        Assert.Equal(1, again.Recorded[0].Index);
        Assert.Equal([(0, "LND-1", firstId), (2, "LND-2", secondId)], again.AlreadyRecorded.Select(a => (a.Index, a.ComplaintRef, a.ComplaintId)));
        Assert.Equal(2, await Portal.QueryAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task Unknown_accounts_and_invalid_input_are_refused_with_reasons_and_the_good_complaint_is_kept()
    {
        var bad = AComplaint("CC0001");
        bad.Summary = new string('长', Complaint.MaxSummaryLength + 1);
        bad.Category = null;

        var receipt = await Desk.RecordAsync([AComplaint("NO-SUCH"), bad, AComplaint("CC0001")], "api");

        Assert.Equal(2, Assert.Single(receipt.Recorded).Index);
        Assert.Equal([0, 1], receipt.Refused.Select(r => r.Index));
        Assert.Equal("No customer has accountRef NO-SUCH.", Assert.Single(receipt.Refused[0].Errors).Message);
        Assert.Equal(["category", "summary"], receipt.Refused[1].Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task Work_starts_once_audited_and_the_complaint_closes_from_in_progress()
    {
        var id = Assert.Single((await Desk.RecordAsync(AComplaint("CC0001"), Operator)).Recorded).ComplaintId;

        await Desk.StartWorkAsync(id, Operator);
        var again = await Assert.ThrowsAsync<ComplaintException>(() => Portal.Service<ComplaintDesk>().StartWorkAsync(id, Operator));
        Assert.Equal(ComplaintError.NotOpen, again.Error);
        var forged = await Assert.ThrowsAsync<ComplaintException>(() => Portal.Service<ComplaintDesk>().StartWorkAsync(id + 1000, Operator));
        Assert.Equal(ComplaintError.NotFound, forged.Error);
        await Portal.Service<ComplaintDesk>().CloseAsync(id, "已向客户解释并致歉", Operator);

        var stored = await StoredAsync(id);
        Assert.Equal((ComplaintStatus.Closed, "operator", "operator"), (stored.Status, stored.StartedBy, stored.ClosedBy));
        var actions = await Portal.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "Complaint" && a.EntityId == id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Opened", "WorkStarted", "Closed"], actions);
    }

    [Fact]
    public async Task The_resolution_note_is_stored_trimmed_and_is_in_the_closing_audit_entry()
    {
        var id = Assert.Single((await Desk.RecordAsync(AComplaint("CC0001"), Operator)).Recorded).ComplaintId;

        await Desk.CloseAsync(id, "  已致电客户致歉，发送间隔调整为 14 天 😊 ", Operator);

        Assert.Equal("已致电客户致歉，发送间隔调整为 14 天 😊", (await StoredAsync(id)).ResolutionNote);
        var after = await Portal.QueryAsync(db => db.AuditEntries
            .Where(a => a.EntityType == "Complaint" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "Closed").Select(a => a.After).SingleAsync());
        using var json = System.Text.Json.JsonDocument.Parse(after!);
        Assert.Equal("已致电客户致歉，发送间隔调整为 14 天 😊", json.RootElement.GetProperty("resolutionNote").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \u3000 ")]
    public async Task A_complaint_closed_without_a_resolution_note_stays_open_and_nothing_is_audited(string note)
    {
        var id = Assert.Single((await Desk.RecordAsync(AComplaint("CC0001"), Operator)).Recorded).ComplaintId;

        await Assert.ThrowsAsync<ArgumentException>(() => Portal.Service<ComplaintDesk>().CloseAsync(id, note, Operator));

        Assert.Equal(ComplaintStatus.Open, (await StoredAsync(id)).Status);
        Assert.False(await Portal.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Complaint" && a.Action == "Closed")));
    }

    [Fact]
    public async Task The_list_names_the_related_message_by_send_time_campaign_and_text_masked_for_roles_without_personal_data()
    {
        await Desk.RecordAsync(AComplaint("CC0001"), Operator);

        var open = Assert.Single((await Desk.FindAsync(new ComplaintQuery(), seesPersonalData: true)).Items);
        var masked = Assert.Single((await Desk.FindAsync(new ComplaintQuery(), seesPersonalData: false)).Items);

        Assert.Equal(SentTo(1).SentAt, open.MessageSentAt);
        Assert.False(string.IsNullOrEmpty(open.CampaignName));
        Assert.Equal(SentTo(1).Body, open.MessageText);
        Assert.Equal((open.MessageSentAt, open.CampaignName, null), (masked.MessageSentAt, masked.CampaignName, masked.MessageText));
    }

    [Fact]
    public async Task The_list_filters_on_the_server_links_the_run_and_masks_for_roles_without_personal_data()
    {
        await Desk.RecordAsync([AComplaint("CC0001"), AComplaint("CC0002")], "api");
        var high = AComplaint("CC0003");
        high.Severity = ComplaintSeverity.High;
        await Portal.Service<ComplaintDesk>().RecordAsync(high, Operator);

        var all = await Desk.FindAsync(new ComplaintQuery { PageSize = 2 }, seesPersonalData: true);
        var serious = await Desk.FindAsync(new ComplaintQuery { Severity = ComplaintSeverity.High }, seesPersonalData: false);
        var ofOne = await Desk.FindAsync(new ComplaintQuery { AccountRef = "CC0002", Status = ComplaintStatus.Open }, seesPersonalData: true);
        var closed = await Desk.FindAsync(new ComplaintQuery { Status = ComplaintStatus.Closed }, seesPersonalData: true);

        Assert.Equal((3, 2), (all.Total, all.Items.Count));
        Assert.NotNull(all.Items[0].Summary);
        var row = Assert.Single(serious.Items);
        Assert.Equal(("CC****03", SentTo(3).Id, SentTo(3).RunId, true), (row.AccountRef, row.MessageId!.Value, row.RunId!.Value, row.HoldsCustomer));
        Assert.Null(row.Summary);
        Assert.EndsWith("*", row.CustomerName, StringComparison.Ordinal);
        Assert.Equal("CC0002", Assert.Single(ofOne.Items).AccountRef);
        Assert.Equal(0, closed.Total);
        Assert.Equal(CustomerHold.Complaint, (await Portal.CustomerAsync("CC0003"))!.Hold);
    }
}
