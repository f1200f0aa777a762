using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>The Admin's policy settings, the phone follow-up list, replies and what the run page shows each role.</summary>
public sealed class PolicyAndEscalationTests : DatabaseTest
{
    private ReadySegment ready = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
        // 16 days and more: the customers stay in the segment while the tests move the clock by weeks.
        ready = await Portal.GivenReadySegmentAsync("逾期16天以上客户", stage: "overdue_16_plus");
    }

    private Task GivenLongOverdueCustomersAsync(int count, Func<CustomerBuilder, int, CustomerBuilder>? shape = null) =>
        Portal.GivenOverdueCustomersAsync(count, shape: (c, i) => (shape?.Invoke(c, i) ?? c).DaysOverdue(20));

    private CampaignPlan DailyPlan => PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id, ready.Firm.Id, 50)) with
    {
        Schedule = CampaignSchedule.Daily(new TimeOnly(10, 0)),
        EndDate = PortalDatabase.Today.AddDays(120),
    };

    /// <summary>Three runs 11 days apart, each sending the customer a message they do not answer.</summary>
    private async Task ThreeUnansweredMessagesAsync(long campaignId)
    {
        for (var message = 1; message <= 3; message++)
        {
            await Portal.RunNowAsync(campaignId);
            Portal.Clock.Advance(TimeSpan.FromDays(11));
        }
    }

    [Fact]
    public async Task The_policy_starts_from_the_defaults_and_keeps_what_the_admin_saves()
    {
        var store = Portal.Service<SendPolicyStore>();
        Assert.Equal(PolicySettings.Default, await store.LoadAsync());

        var stricter = PolicySettings.Default with { MaxMessages = 2, MinIntervalDays = 10 };
        await store.SaveAsync(stricter, Operator);

        Assert.Equal(stricter, await Portal.Service<SendPolicyStore>().LoadAsync());
        Assert.Equal(1, await Portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == AuditNames.SendPolicy)));
    }

    [Fact]
    public async Task A_policy_looser_than_the_hard_limits_is_refused_and_not_stored()
    {
        var store = Portal.Service<SendPolicyStore>();

        await Assert.ThrowsAsync<ValidationException>(() => store.SaveAsync(PolicySettings.Default with { MaxMessages = 5 }, Operator));

        Assert.Equal(PolicySettings.Default, await Portal.Service<SendPolicyStore>().LoadAsync());
    }

    [Fact]
    public async Task After_three_unanswered_messages_the_customer_goes_on_the_phone_list_once_and_keeps_getting_texts()
    {
        await GivenLongOverdueCustomersAsync(1);
        var campaign = await Portal.GivenActiveCampaignAsync(DailyPlan);
        await ThreeUnansweredMessagesAsync(campaign.Id);
        Assert.Empty(await Portal.Service<EscalationList>().OpenAsync(seesPersonalData: true));

        var (fourth, _) = await Portal.RunNowAsync(campaign.Id);
        Portal.Clock.Advance(TimeSpan.FromDays(11));
        var (fifth, _) = await Portal.RunNowAsync(campaign.Id);

        // The phone call is an added channel: the ladder's texts go on under the same caps.
        Assert.Equal(MessageStatus.Sent, Assert.Single(await Portal.MessagesAsync(fourth.Id)).Status);
        Assert.Equal(MessageStatus.Sent, Assert.Single(await Portal.MessagesAsync(fifth.Id)).Status);
        var entry = Assert.Single(await Portal.Service<EscalationList>().OpenAsync(seesPersonalData: true));
        Assert.Equal(3, entry.UnansweredMessages);
        Assert.Equal(5, await Portal.QueryAsync(db => db.DevelopmentGatewayMessages.CountAsync()));
    }

    [Fact]
    public async Task When_an_admin_pauses_sms_for_the_phone_list_a_call_brings_sms_back()
    {
        await Portal.Service<SendPolicyStore>().SaveAsync(PolicySettings.Default with { PauseSmsWhileEscalated = true }, Operator);
        await GivenLongOverdueCustomersAsync(1);
        var campaign = await Portal.GivenActiveCampaignAsync(DailyPlan);
        await ThreeUnansweredMessagesAsync(campaign.Id);

        var (fourth, _) = await Portal.RunNowAsync(campaign.Id);
        Portal.Clock.Advance(TimeSpan.FromDays(11));
        var (fifth, _) = await Portal.RunNowAsync(campaign.Id);

        Assert.Equal(SuppressionReason.Escalated, Assert.Single(await Portal.MessagesAsync(fourth.Id)).SuppressionReason);
        Assert.Equal(SuppressionReason.Escalated, Assert.Single(await Portal.MessagesAsync(fifth.Id)).SuppressionReason);
        var entry = Assert.Single(await Portal.Service<EscalationList>().OpenAsync(seesPersonalData: true));

        await Portal.Service<EscalationList>().ResolveAsync(entry.Id, Operator);
        Portal.Clock.Advance(TimeSpan.FromDays(11));
        var (afterCall, _) = await Portal.RunNowAsync(campaign.Id);

        Assert.Empty(await Portal.Service<EscalationList>().OpenAsync(seesPersonalData: true));
        Assert.Equal(MessageStatus.Sent, Assert.Single(await Portal.MessagesAsync(afterCall.Id)).Status);
    }

    [Fact]
    public async Task A_partial_repayment_ends_the_run_of_unanswered_messages_and_waits_like_a_promise()
    {
        await GivenLongOverdueCustomersAsync(1);
        var accountRef = await Portal.QueryAsync(db => db.Customers.Select(c => c.AccountRef).SingleAsync());
        var campaign = await Portal.GivenActiveCampaignAsync(DailyPlan);
        for (var message = 1; message <= 3; message++)
        {
            await Portal.RunNowAsync(campaign.Id);
            Portal.Clock.Advance(TimeSpan.FromDays(message == 3 ? 1 : 11));
        }
        await Portal.Service<Infrastructure.Outcomes.RepaymentIntake>().RecordAsync(
            [new Core.Outcomes.RepaymentRecord("PART-1", accountRef, 10m, Portal.Clock.Now)], "api", "api:test");
        Portal.Clock.Advance(TimeSpan.FromDays(10));

        var (soon, _) = await Portal.RunNowAsync(campaign.Id);
        Portal.Clock.Advance(TimeSpan.FromDays(5));
        var (later, _) = await Portal.RunNowAsync(campaign.Id);

        Assert.Equal(SuppressionReason.PromiseToPay, Assert.Single(await Portal.MessagesAsync(soon.Id)).SuppressionReason);
        Assert.Equal(MessageStatus.Sent, Assert.Single(await Portal.MessagesAsync(later.Id)).Status);
        Assert.Empty(await Portal.Service<EscalationList>().OpenAsync(seesPersonalData: true));
    }

    [Fact]
    public async Task A_reply_played_on_the_development_gateway_ends_the_run_of_unanswered_messages()
    {
        await GivenLongOverdueCustomersAsync(1);
        var campaign = await Portal.GivenActiveCampaignAsync(DailyPlan);
        for (var message = 1; message <= 3; message++)
        {
            var (run, _) = await Portal.RunNowAsync(campaign.Id);
            if (message == 3)
            {
                var sent = Assert.Single(await Portal.MessagesAsync(run.Id));
                await Portal.Service<DevelopmentReplies>().SimulateAsync(sent.Id, "明天还款", Operator);
            }
            Portal.Clock.Advance(TimeSpan.FromDays(11));
        }

        var (fourth, _) = await Portal.RunNowAsync(campaign.Id);

        Assert.Equal(MessageStatus.Sent, Assert.Single(await Portal.MessagesAsync(fourth.Id)).Status);
        var reply = Assert.Single(await Portal.QueryAsync(db => db.InboundReplies.AsNoTracking().ToListAsync()));
        Assert.Equal(("明天还款", DevelopmentGateway.GatewayName), (reply.Text, reply.Source));
    }

    [Fact]
    public async Task The_run_page_masks_names_numbers_and_texts_for_roles_without_personal_data()
    {
        await GivenLongOverdueCustomersAsync(2, (c, i) => c.Named(i == 1 ? "欧阳娜娜" : "陈美玲"));
        var campaign = await Portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));
        var (run, _) = await Portal.RunNowAsync(campaign.Id);
        var monitor = Portal.Service<RunMonitor>();

        var shown = await monitor.MessagesAsync(run.Id, null, 0, 20, seesPersonalData: true);
        var masked = await monitor.MessagesAsync(run.Id, null, 0, 20, seesPersonalData: false);

        Assert.Equal(["欧阳娜娜", "陈美玲"], shown.Items.Select(m => m.CustomerName));
        Assert.Equal(["欧***", "陈**"], masked.Items.Select(m => m.CustomerName));
        Assert.All(masked.Items, m => Assert.Matches(@"^139\*{4}\d{4}$", m.Phone));
        Assert.All(masked.Items, m => Assert.Null(m.Body));
        Assert.All(shown.Items, m => Assert.Contains("【示例消费金融】", m.Body));
        var progress = (await monitor.ProgressAsync(run.Id))!;
        Assert.Equal((2, 100.0), (progress.Total, progress.Percent));
    }

    [Fact]
    public async Task A_legal_hold_an_admin_places_stops_the_next_message_and_the_history_shows_both()
    {
        await GivenLongOverdueCustomersAsync(1);
        var customerId = await Portal.QueryAsync(db => db.Customers.Select(c => c.Id).SingleAsync());
        var campaign = await Portal.GivenActiveCampaignAsync(DailyPlan);
        await Portal.RunNowAsync(campaign.Id);

        await Portal.Service<CustomerContacts>().PlaceLegalHoldAsync(customerId, Operator);
        Portal.Clock.Advance(TimeSpan.FromDays(11));
        var (held, _) = await Portal.RunNowAsync(campaign.Id);

        Assert.Equal(SuppressionReason.LegalHold, Assert.Single(await Portal.MessagesAsync(held.Id)).SuppressionReason);
        var history = (await Portal.Service<CustomerContacts>().HistoryAsync(customerId, seesPersonalData: true))!;
        Assert.Equal(CustomerHold.Legal, history.Hold);
        Assert.Equal([MessageStatus.Suppressed, MessageStatus.Sent], history.Messages.Select(m => m.Status));
        Assert.Contains("【示例消费金融】", history.Messages[1].Body);
        Assert.All((await Portal.Service<CustomerContacts>().HistoryAsync(customerId, seesPersonalData: false))!.Messages,
            m => Assert.Null(m.Body));

        await Portal.Service<CustomerContacts>().ReleaseLegalHoldAsync(customerId, Operator);
        var actions = await Portal.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == AuditNames.Customer)
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditNames.HoldPlaced, AuditNames.HoldReleased], actions.Where(a => a.StartsWith("Hold", StringComparison.Ordinal)));
        Assert.Equal(CustomerHold.None, (await Portal.Service<CustomerContacts>().HistoryAsync(customerId, true))!.Hold);
    }
}
