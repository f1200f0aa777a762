using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Outcomes;

/// <summary>The Admin's attribution window decides which message a repayment is credited to.</summary>
public sealed class AttributionWindowTests : DeliveredMessagesTest
{
    private static readonly Actor Admin = new("id-admin", "admin") { Roles = [PortalRoles.Admin] };

    private Task SetWindowAsync(int days) => Portal.Service<OutcomeSettingsStore>().SaveAsync(new OutcomeSettings(days), Admin);

    private async Task<long?> CreditedAfterTenDaysAsync(string paymentId)
    {
        var payment = new RepaymentRecord(paymentId, "CC0001", 100m, DeliveredAt.AddDays(10).AddMinutes(-1));
        Assert.Single((await Portal.Service<RepaymentIntake>().RecordAsync([payment], "api", "api:test")).Recorded);
        return await Portal.QueryAsync(db => db.Repayments.Where(r => r.PaymentId == paymentId).Select(r => r.CreditedMessageId).SingleAsync());
    }

    [Fact]
    public async Task Until_an_Admin_sets_one_the_window_is_seven_days()
    {
        Assert.Equal(7, (await Portal.Service<OutcomeSettingsStore>().LoadAsync()).AttributionWindowDays);
        Assert.Null(await CreditedAfterTenDaysAsync("PAY-1"));
    }

    [Fact]
    public async Task A_payment_ten_days_after_delivery_is_credited_with_a_window_of_fourteen_days()
    {
        await SetWindowAsync(14);

        Assert.Equal(SentTo(1).Id, await CreditedAfterTenDaysAsync("PAY-1"));
    }

    [Fact]
    public async Task Shortening_the_window_again_stops_crediting_later_payments()
    {
        await SetWindowAsync(14);
        await SetWindowAsync(7);

        Assert.Null(await CreditedAfterTenDaysAsync("PAY-1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(91)]
    public async Task A_window_outside_one_to_ninety_days_is_refused_and_the_old_one_kept(int days)
    {
        await SetWindowAsync(14);

        await Assert.ThrowsAsync<ValidationException>(() => SetWindowAsync(days));

        Assert.Equal(14, (await Portal.Service<OutcomeSettingsStore>().LoadAsync()).AttributionWindowDays);
    }

    [Fact]
    public async Task A_change_of_the_window_is_audited_with_before_and_after()
    {
        await SetWindowAsync(21);

        var entry = await Portal.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == AuditNames.OutcomeSettings));
        Assert.Equal(("admin", AuditNames.Updated), (entry.Actor, entry.Action));
        Assert.Contains("7", entry.Before);
        Assert.Contains("21", entry.After);
    }
}
