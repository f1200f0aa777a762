using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Outcomes;

/// <summary>A complaint recorded by hand holds the customer out of the campaign runs until it is closed.</summary>
public sealed class ComplaintHoldTests : DatabaseTest
{
    private Campaign campaign = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        var ready = await Portal.GivenReadySegmentAsync();
        await Portal.GivenOverdueCustomersAsync(2);
        campaign = await Portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)) with
        {
            Schedule = CampaignSchedule.Daily(new TimeOnly(10, 0)),
        });
    }

    private static ComplaintInput AComplaint(string accountRef, bool? hold = true) => new()
    {
        AccountRef = accountRef,
        Category = ComplaintCategory.Frequency,
        Severity = ComplaintSeverity.Medium,
        Summary = "客户来电称短信太频繁",
        Source = ComplaintSource.Hotline,
        Hold = hold,
    };

    private async Task<long> RecordAsync(ComplaintInput input) =>
        Assert.Single((await Portal.Service<ComplaintDesk>().RecordAsync(input, Operator)).Recorded).ComplaintId;

    private async Task<Dictionary<long, OutboxMessage>> RunAsync()
    {
        var (run, _) = await Portal.RunNowAsync(campaign.Id);
        return (await Portal.MessagesAsync(run.Id)).ToDictionary(m => m.CustomerId);
    }

    [Fact]
    public async Task A_holding_complaint_suppresses_the_customer_in_the_next_run_and_after_it_is_closed_they_are_messaged_again()
    {
        var held = (await Portal.CustomerAsync("CC0001"))!;
        var other = (await Portal.CustomerAsync("CC0002"))!;
        var complaintId = await RecordAsync(AComplaint("CC0001"));

        var first = await RunAsync();

        Assert.Equal((MessageStatus.Suppressed, SuppressionReason.ComplaintHold), (first[held.Id].Status, first[held.Id].SuppressionReason));
        Assert.Equal("complaint_hold", first[held.Id].SuppressionReason!.Value.Code());
        Assert.NotEqual(MessageStatus.Suppressed, first[other.Id].Status);

        await Portal.Service<ComplaintDesk>().CloseAsync(complaintId, "客户已还清欠款", Operator);
        Portal.Clock.Advance(TimeSpan.FromDays(1));
        var second = await RunAsync();

        Assert.Null(second[held.Id].SuppressionReason);
        Assert.NotNull(second[held.Id].SentAt);
        Assert.Equal(SuppressionReason.MinInterval, second[other.Id].SuppressionReason);
    }

    [Fact]
    public async Task A_complaint_recorded_without_hold_leaves_the_customer_messaged()
    {
        var customer = (await Portal.CustomerAsync("CC0001"))!;
        await RecordAsync(AComplaint("CC0001", hold: false));

        var messages = await RunAsync();

        Assert.Equal(CustomerHold.None, (await Portal.CustomerAsync("CC0001"))!.Hold);
        Assert.Null(messages[customer.Id].SuppressionReason);
    }

    [Fact]
    public async Task With_two_holding_complaints_closing_one_keeps_the_hold_and_closing_both_lifts_it()
    {
        var first = await RecordAsync(AComplaint("CC0001"));
        var second = await RecordAsync(AComplaint("CC0001"));

        await Portal.Service<ComplaintDesk>().CloseAsync(first, "已致电客户说明", Operator);
        Assert.Equal(CustomerHold.Complaint, (await Portal.CustomerAsync("CC0001"))!.Hold);

        await Portal.Service<ComplaintDesk>().CloseAsync(second, "已致电客户说明", Operator);
        Assert.Equal(CustomerHold.None, (await Portal.CustomerAsync("CC0001"))!.Hold);
    }

    [Fact]
    public async Task A_regulator_referral_holds_by_default_and_a_low_hotline_call_does_not()
    {
        await RecordAsync(Set(AComplaint("CC0001", hold: null), ComplaintSource.Regulator, ComplaintSeverity.Low));
        await RecordAsync(Set(AComplaint("CC0002", hold: null), ComplaintSource.Hotline, ComplaintSeverity.Low));

        Assert.Equal(CustomerHold.Complaint, (await Portal.CustomerAsync("CC0001"))!.Hold);
        Assert.Equal(CustomerHold.None, (await Portal.CustomerAsync("CC0002"))!.Hold);
    }

    private static ComplaintInput Set(ComplaintInput input, ComplaintSource source, ComplaintSeverity severity)
    {
        input.Source = source;
        input.Severity = severity;
        return input;
    }
}
