using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests;

/// <summary>
/// Settings an operator types into the environment are checked when the portal starts. Before, a two-letter
/// bootstrap API key was accepted as a key anyone could guess, and a first Admin's name without its password
/// silently created nobody.
/// </summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("01234567890123456789012")]
    [InlineData("bootstrap key with spaces in it 0123")]
    [InlineData("bootstrap-key-pasted-with-a-line-break\n")]
    [InlineData("  ")]
    public async Task A_short_or_spaced_bootstrap_key_stops_the_portal(string key)
    {
        await using var portal = PortalDatabase.Create(settings: new Dictionary<string, string?> { ["Portal:Api:BootstrapKey"] = key });

        var refused = Assert.Throws<OptionsValidationException>(() => portal.Services.GetRequiredService<IOptions<ApiOptions>>().Value);

        Assert.Contains("Portal:Api:BootstrapKey", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("012345678901234567890123")]
    [InlineData("密钥-bootstrap-key-from-the-vault")]
    public async Task No_bootstrap_key_or_a_long_one_is_taken(string key)
    {
        await using var portal = PortalDatabase.Create(settings: new Dictionary<string, string?> { ["Portal:Api:BootstrapKey"] = key });

        Assert.Equal(key, portal.Services.GetRequiredService<IOptions<ApiOptions>>().Value.BootstrapKey ?? "");
    }

    [Theory]
    [InlineData("admin", null)]
    [InlineData("admin", "")]
    [InlineData(null, "Sicher!Passwort-2026")]
    [InlineData("   ", "Sicher!Passwort-2026")]
    public async Task A_first_admin_with_a_name_but_no_password_or_the_other_way_round_stops_the_portal(string? userName, string? password)
    {
        await using var portal = PortalDatabase.Create(settings: new Dictionary<string, string?>
        {
            ["Portal:Admin:UserName"] = userName,
            ["Portal:Admin:Password"] = password,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => portal.Services.GetRequiredService<IOptions<BootstrapAdminOptions>>().Value);

        Assert.Contains("Portal:Admin", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("admin", "Sicher!Passwort-2026")]
    public async Task A_first_admin_with_both_or_neither_is_taken(string? userName, string? password)
    {
        await using var portal = PortalDatabase.Create(settings: new Dictionary<string, string?>
        {
            ["Portal:Admin:UserName"] = userName,
            ["Portal:Admin:Password"] = password,
        });

        Assert.Equal(userName ?? "", portal.Services.GetRequiredService<IOptions<BootstrapAdminOptions>>().Value.UserName ?? "");
    }
}
