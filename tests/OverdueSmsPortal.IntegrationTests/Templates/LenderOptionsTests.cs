using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Templates;

public sealed class LenderOptionsTests
{
    [Theory]
    [InlineData(null, 3)]
    [InlineData("0", 0)]
    [InlineData("30", 30)]
    public async Task The_days_an_overdue_customer_is_given_to_pay_come_from_the_settings(string? setting, int days)
    {
        var settings = new Dictionary<string, string?>();
        if (setting is not null)
        {
            settings["Portal:Lender:PayWithinDays"] = setting;
        }
        await using var portal = PortalDatabase.Create(settings: settings);

        var lender = portal.Services.GetRequiredService<IOptions<LenderOptions>>().Value;

        Assert.Equal(days, lender.Profile().PayWithinDays);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("31")]
    [InlineData("99999999999")]
    [InlineData("三天")]
    public async Task An_absurd_number_of_days_to_pay_is_refused_at_start(string setting)
    {
        await using var portal = PortalDatabase.Create(settings: new Dictionary<string, string?> { ["Portal:Lender:PayWithinDays"] = setting });

        // A value outside the range fails validation; one that is no number at all fails binding.
        var refused = Assert.ThrowsAny<Exception>(() => portal.Services.GetRequiredService<IOptions<LenderOptions>>().Value);
        Assert.True(refused is OptionsValidationException or InvalidOperationException, refused.GetType().Name);
    }
}
