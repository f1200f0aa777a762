using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Replies;

public sealed class ContactCheckTests : SentMessagesTest
{
    private static readonly Actor Viewer = new("u-viewer", "viewer") { Roles = [PortalRoles.Viewer] };

    private ContactCheck Check => Portal.Service<ContactCheck>();

    private async Task<long> WrongNumberAsync() =>
        (await Portal.Service<ReplyIntake>().ReceiveAsync(new InboundSms("13900000002", null, "号码换人了", "kannel"))).CustomerId!.Value;

    [Fact]
    public async Task A_wrong_number_is_listed_with_its_reply_and_masked_for_roles_without_personal_data()
    {
        var customerId = await WrongNumberAsync();

        var full = Assert.Single(await Check.ListAsync(seesPersonalData: true));
        var masked = Assert.Single(await Check.ListAsync(seesPersonalData: false));

        Assert.Equal((customerId, "CC0002", "号码换人了"), (full.CustomerId, full.AccountRef, full.ReplyText));
        Assert.Null(masked.ReplyText);
        Assert.DoesNotContain("00000002", masked.Phone.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrected_number_lifts_it_stored_in_e164_and_audited()
    {
        var customerId = await WrongNumberAsync();

        var outcome = await Check.LiftAsync(customerId, new WrongNumberRelease { Phone = "139-0000-9999" }, CampaignSetup.Operator);

        Assert.Equal(WrongNumberReleaseOutcome.Lifted, outcome);
        var customer = await Portal.CustomerAsync("CC0002");
        Assert.Equal(("+8613900009999", (DateTimeOffset?)null), (customer!.Phone, customer.WrongNumberSince));
        Assert.True(await Portal.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == "CC0002" && a.Action == "NumberCorrected")));
        Assert.Empty(await Check.ListAsync(true));
    }

    [Fact]
    public async Task A_number_confirmed_with_the_customer_lifts_it_with_the_note_in_the_audit()
    {
        var customerId = await WrongNumberAsync();

        await Check.LiftAsync(customerId, new WrongNumberRelease { Fix = WrongNumberFix.ConfirmedWithCustomer, Note = "已致电本人核实" },
            CampaignSetup.Operator);

        Assert.Null((await Portal.CustomerAsync("CC0002"))!.WrongNumberSince);
        var audit = await Portal.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "NumberConfirmed"));
        Assert.Contains("已致电本人核实", audit.After);
    }

    [Theory]
    [InlineData(WrongNumberFix.CorrectedNumber, null, null)]
    [InlineData(WrongNumberFix.CorrectedNumber, "12345", null)]
    [InlineData(WrongNumberFix.CorrectedNumber, "一三九", null)]
    [InlineData(WrongNumberFix.CorrectedNumber, "13900000002", null)]
    [InlineData(WrongNumberFix.ConfirmedWithCustomer, null, "   ")]
    [InlineData((WrongNumberFix)99, "13900009999", "note")]
    public async Task A_lift_without_a_new_valid_number_or_a_note_changes_nothing(WrongNumberFix fix, string? phone, string? note)
    {
        var customerId = await WrongNumberAsync();

        var outcome = await Check.LiftAsync(customerId, new WrongNumberRelease { Fix = fix, Phone = phone, Note = note }, CampaignSetup.Operator);

        Assert.Equal(WrongNumberReleaseOutcome.Invalid, outcome);
        Assert.NotNull((await Portal.CustomerAsync("CC0002"))!.WrongNumberSince);
    }

    [Fact]
    public async Task A_note_over_500_characters_is_refused()
    {
        var customerId = await WrongNumberAsync();

        var outcome = await Check.LiftAsync(customerId,
            new WrongNumberRelease { Fix = WrongNumberFix.ConfirmedWithCustomer, Note = new string('核', 501) }, CampaignSetup.Operator);

        Assert.Equal(WrongNumberReleaseOutcome.Invalid, outcome);
    }

    [Fact]
    public async Task A_viewer_cannot_lift_it()
    {
        var customerId = await WrongNumberAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => Check.LiftAsync(customerId,
            new WrongNumberRelease { Fix = WrongNumberFix.ConfirmedWithCustomer, Note = "看看" }, Viewer));

        Assert.NotNull((await Portal.CustomerAsync("CC0002"))!.WrongNumberSince);
    }

    [Fact]
    public async Task Lifting_a_number_that_is_not_marked_says_so()
    {
        var outcome = await Check.LiftAsync(1, new WrongNumberRelease { Phone = "13900009999" }, CampaignSetup.Operator);

        Assert.Equal(WrongNumberReleaseOutcome.NotMarked, outcome);
    }
}
