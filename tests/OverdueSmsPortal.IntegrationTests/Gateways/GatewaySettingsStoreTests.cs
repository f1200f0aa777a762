using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Gateways;

public sealed class GatewaySettingsStoreTests : DatabaseTest
{
    private const string Password = "kannel-secret-Pa55";

    private static GatewaySettingsInput Kannel(string? password = Password) => new()
    {
        Provider = GatewayProvider.Kannel,
        KannelUrl = "http://127.0.0.1:13013/cgi-bin/sendsms",
        KannelUsername = "portal",
        NewKannelPassword = password,
        SenderId = "10690000",
        DlrMask = KannelDlrMask.All,
        ThroughputPerSecond = 100,
        CallbackBaseUrl = "http://127.0.0.1:5000/",
    };

    private GatewaySettingsStore Store => Portal.Service<GatewaySettingsStore>();
    private GatewayConfiguration Configuration => Portal.Service<GatewayConfiguration>();

    [Fact]
    public void A_new_portal_sends_through_the_development_gateway()
    {
        var gateway = Portal.Service<ISmsGateway>();

        Assert.Equal(("development", true), (gateway.Name, gateway.IsDevelopment));
        Assert.True(gateway.DeduplicatesByMessageId);
    }

    [Fact]
    public async Task Switching_to_kannel_is_a_settings_change_that_the_gateway_follows_at_once()
    {
        var gateway = Portal.Service<ISmsGateway>();
        Assert.True(gateway.IsDevelopment);

        await Store.SaveAsync(Kannel(), CampaignSetup.Operator);

        Assert.Equal(("kannel", false, false), (gateway.Name, gateway.IsDevelopment, gateway.DeduplicatesByMessageId));
    }

    [Fact]
    public async Task The_password_is_stored_protected_and_never_in_the_audit_trail()
    {
        await Store.SaveAsync(Kannel(), CampaignSetup.Operator);

        var row = await Portal.QueryAsync(db => db.PortalSettings.AsNoTracking().SingleAsync(s => s.Key == GatewaySettingsStore.Key));
        Assert.DoesNotContain(Password, row.Json, StringComparison.Ordinal);
        var audit = await Portal.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Gateway").ToListAsync());
        Assert.All(audit, a => Assert.DoesNotContain(Password, (a.Before ?? "") + (a.After ?? ""), StringComparison.Ordinal));
        Assert.Contains("\"password\":\"changed\"", Assert.Single(audit).After, StringComparison.Ordinal);
        Assert.Equal(Password, (await Configuration.GetAsync()).KannelPassword);
    }

    [Fact]
    public async Task The_password_can_be_read_after_a_restart_because_the_keys_live_in_the_database()
    {
        await Store.SaveAsync(Kannel(), CampaignSetup.Operator);

        await using var restarted = PortalDatabase.Reopen(Portal);
        var snapshot = await restarted.Service<GatewayConfiguration>().GetAsync();

        Assert.Equal(Password, snapshot.KannelPassword);
        Assert.Equal(1, await Portal.QueryAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task An_empty_password_keeps_the_stored_one()
    {
        await Store.SaveAsync(Kannel(), CampaignSetup.Operator);

        var again = Kannel(password: null);
        again.ThroughputPerSecond = 20;
        await Store.SaveAsync(again, CampaignSetup.Operator);

        var snapshot = await Configuration.GetAsync();
        Assert.Equal((Password, 20), (snapshot.KannelPassword, snapshot.Settings.ThroughputPerSecond));
    }

    [Fact]
    public async Task Kannel_without_a_password_or_an_address_is_refused_field_by_field()
    {
        var input = Kannel(password: null);
        input.KannelUrl = "not a url";

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Store.SaveAsync(input, CampaignSetup.Operator));

        Assert.Equal(["kannel_password", "kannel_url"], refused.Errors.Select(e => e.ErrorCode).Order());
        Assert.True((await Configuration.GetAsync()).Settings.Provider == GatewayProvider.Development);
    }

    [Fact]
    public void Every_problem_of_the_kannel_form_has_its_own_code_and_message()
    {
        var input = Kannel(password: null);
        input.KannelUsername = "";
        input.SenderId = "";
        input.CallbackBaseUrl = "ftp://x";
        input.ThroughputPerSecond = 0;

        var errors = new GatewaySettingsInputValidator().Validate(input).Errors;

        Assert.Equal(["callback_url", "kannel_password", "kannel_username", "sender_id", "throughput"], errors.Select(e => e.ErrorCode).Order());
        Assert.All(errors, e => Assert.DoesNotContain("must not be empty", e.ErrorMessage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_switch_to_kannel_returns_the_token_it_issued_and_a_later_save_issues_none()
    {
        var first = await Store.SaveAsync(Kannel(), CampaignSetup.Operator);
        var second = await Store.SaveAsync(Kannel(password: null), CampaignSetup.Operator);

        Assert.True(await Configuration.AcceptsTokenAsync(first.IssuedToken));
        Assert.Null(second.IssuedToken);
    }

    [Theory]
    [InlineData(KannelDlrMask.Submitted)]
    [InlineData(KannelDlrMask.Delivered)]
    [InlineData(64)]
    public void A_mask_without_delivered_and_failed_is_refused(int mask)
    {
        var input = Kannel();
        input.DlrMask = mask;

        var result = new GatewaySettingsInputValidator().Validate(input);

        Assert.Contains(result.Errors, e => e.ErrorCode == "dlr_mask");
    }

    [Fact]
    public void The_development_gateway_needs_none_of_kannels_fields()
    {
        Assert.True(new GatewaySettingsInputValidator().Validate(new GatewaySettingsInput()).IsValid);
    }

    [Fact]
    public async Task Switching_to_kannel_issues_a_callback_token_which_is_then_accepted()
    {
        await Store.SaveAsync(Kannel(), CampaignSetup.Operator);

        var token = (await Configuration.GetAsync()).CallbackToken;
        Assert.False(string.IsNullOrEmpty(token));
        Assert.True(await Configuration.AcceptsTokenAsync(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    public async Task Other_tokens_are_refused(string? presented)
    {
        await Store.SaveAsync(Kannel(), CampaignSetup.Operator);

        Assert.False(await Configuration.AcceptsTokenAsync(presented));
    }

    [Fact]
    public async Task No_token_at_all_is_accepted_before_one_was_issued()
    {
        Assert.False(await Configuration.AcceptsTokenAsync("anything"));
        Assert.False(await Configuration.AcceptsTokenAsync("\0no token\0"));
    }

    [Fact]
    public async Task After_a_rotation_the_previous_token_is_taken_for_a_day_then_refused()
    {
        await Store.SaveAsync(Kannel(), CampaignSetup.Operator);
        var previous = (await Configuration.GetAsync()).CallbackToken;

        var current = await Store.IssueCallbackTokenAsync(CampaignSetup.Operator);

        Assert.NotEqual(previous, current);
        Assert.True(await Configuration.AcceptsTokenAsync(current));
        Assert.True(await Configuration.AcceptsTokenAsync(previous));
        Portal.Clock.Advance(TimeSpan.FromHours(25));
        Assert.True(await Configuration.AcceptsTokenAsync(current));
        Assert.False(await Configuration.AcceptsTokenAsync(previous));
    }
}
