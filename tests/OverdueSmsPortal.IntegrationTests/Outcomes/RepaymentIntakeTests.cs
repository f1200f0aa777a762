using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Outcomes;

public sealed class RepaymentIntakeTests : DeliveredMessagesTest
{
    private Task<RepaymentReceipt> RecordAsync(params RepaymentRecord[] records) =>
        Portal.Service<RepaymentIntake>().RecordAsync(records, "api", "api:test");

    private Task<List<Repayment>> RepaymentsAsync() =>
        Portal.QueryAsync(db => db.Repayments.AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    [Fact]
    public async Task A_payment_after_a_delivered_message_is_credited_to_it_and_lowers_what_is_owed()
    {
        var receipt = await RecordAsync(new RepaymentRecord("PAY-1", "CC0001", 1000m, DeliveredAt.AddDays(1)));

        Assert.Equal([0], receipt.Recorded);
        var repayment = Assert.Single(await RepaymentsAsync());
        Assert.Equal((SentTo(1).Id, 1000m), (repayment.CreditedMessageId, repayment.Amount));
        Assert.Equal(5230.50m - 1000m, (await Portal.CustomerAsync("CC0001"))!.AmountDue);
    }

    [Fact]
    public async Task The_same_payment_id_again_changes_nothing_and_says_so()
    {
        var payment = new RepaymentRecord("PAY-1", "CC0001", 1000m, DeliveredAt.AddDays(1));
        await RecordAsync(payment);

        var again = await RecordAsync(payment, payment with { PaymentId = "PAY-2" });

        Assert.Equal([(0, "PAY-1")], again.AlreadyRecorded);
        Assert.Equal([1], again.Recorded);
        Assert.Equal(2, (await RepaymentsAsync()).Count);
        Assert.Equal(5230.50m - 2000m, (await Portal.CustomerAsync("CC0001"))!.AmountDue);
    }

    [Fact]
    public async Task A_payment_id_twice_in_one_request_is_recorded_once()
    {
        var payment = new RepaymentRecord("PAY-1", "CC0001", 100m, DeliveredAt.AddDays(1));

        var receipt = await RecordAsync(payment, payment);

        Assert.Equal([0], receipt.Recorded);
        Assert.Equal([(1, "PAY-1")], receipt.AlreadyRecorded);
        Assert.Single(await RepaymentsAsync());
    }

    [Fact]
    public async Task A_payment_before_any_message_or_after_the_window_is_credited_to_none()
    {
        await RecordAsync(
            new RepaymentRecord("PAY-1", "CC0001", 10m, DeliveredAt.AddHours(-2)),
            new RepaymentRecord("PAY-2", "CC0002", 10m, DeliveredAt.AddDays(8)));

        Assert.All(await RepaymentsAsync(), r => Assert.Null(r.CreditedMessageId));
    }

    [Fact]
    public async Task Partial_payments_are_each_credited_to_the_message_by_their_amount()
    {
        await RecordAsync(
            new RepaymentRecord("PAY-1", "CC0001", 200m, DeliveredAt.AddDays(1)),
            new RepaymentRecord("PAY-2", "CC0001", 300m, DeliveredAt.AddDays(2)));

        var credited = (await RepaymentsAsync()).Where(r => r.CreditedMessageId == SentTo(1).Id).Sum(r => r.Amount);
        Assert.Equal(500m, credited);
    }

    [Fact]
    public async Task A_cleared_debt_stops_further_collection_messages()
    {
        await RecordAsync(new RepaymentRecord("PAY-1", "CC0001", 9999m, DeliveredAt.AddDays(1)));

        var customer = (await Portal.CustomerAsync("CC0001"))!;
        Assert.Equal((0m, 0m), (customer.AmountDue, customer.MinimumDue));
        var states = await Portal.Service<ContactStates>().LoadAsync([customer], Portal.Clock.Now.AddDays(30), PolicySettings.Default);
        Assert.Equal(SuppressionReason.Repaid, SendPolicy.Decide(states[customer.Id],
            new CandidateMessage("another text", DateOnly.FromDateTime(Portal.Clock.Now.AddDays(30).UtcDateTime), 9), Portal.Clock.Now.AddDays(30),
            PolicySettings.Default).Reason);
    }

    [Fact]
    public async Task Bad_or_unknown_payments_are_refused_with_reasons_and_the_good_ones_recorded()
    {
        var receipt = await RecordAsync(
            new RepaymentRecord("PAY-1", "NO-SUCH", 10m, DeliveredAt),
            new RepaymentRecord("", "CC0001", -5m, null),
            new RepaymentRecord("PAY-3", "CC0002", 10.005m, DeliveredAt.AddDays(400)),
            new RepaymentRecord("PAY-4", "CC0003", 10m, DeliveredAt.AddHours(1)));

        Assert.Equal([3], receipt.Recorded);
        Assert.Equal([0, 1, 2], receipt.Refused.Select(r => r.Index));
        Assert.Contains("NO-SUCH", Assert.Single(receipt.Refused[0].Errors).Message);
        Assert.Equal(3, receipt.Refused[1].Errors.Count);
        Assert.Equal(2, receipt.Refused[2].Errors.Count);
        Assert.Equal(["PAY-4"], (await RepaymentsAsync()).Select(r => r.PaymentId));
    }
}
