using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Settings;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>The settings as saved, and the callback token when the save issued the first one (shown this once).</summary>
public sealed record GatewaySaved(GatewaySettings Settings, string? IssuedToken);

/// <summary>
/// Reads and changes the gateway settings (an Admin's, in Settings). The password is protected
/// before it is stored and is never given back; the audit trail says only whether it changed.
/// </summary>
public sealed class GatewaySettingsStore(PortalDbContext db, GatewayConfiguration configuration, AuditTrail audit, TimeProvider clock)
{
    public const string Key = "gateway";
    private static readonly GatewaySettingsInputValidator Validator = new();

    public async Task<GatewaySettings> LoadAsync(CancellationToken cancellationToken = default)
    {
        var row = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == Key, cancellationToken);
        return row is null ? GatewaySettings.Default : JsonSerializer.Deserialize<GatewaySettings>(row.Json) ?? GatewaySettings.Default;
    }

    /// <summary>The form's starting values: everything but the secrets.</summary>
    public async Task<GatewaySettingsInput> EditAsync(CancellationToken cancellationToken = default) =>
        GatewaySettingsInput.From(await LoadAsync(cancellationToken));

    /// <summary>
    /// Saves the settings; the first switch to Kannel also issues the callback token, which is returned
    /// this once (as <see cref="IssueCallbackTokenAsync"/> returns a rotated one).
    /// </summary>
    public async Task<GatewaySaved> SaveAsync(GatewaySettingsInput input, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var before = await LoadAsync(cancellationToken);
        input.HasStoredPassword = before.ProtectedKannelPassword is not null;
        Validator.ValidateAndThrow(input);
        var passwordChanged = !string.IsNullOrEmpty(input.NewKannelPassword);
        var after = before with
        {
            Provider = input.Provider,
            KannelUrl = input.KannelUrl.Trim(),
            KannelUsername = input.KannelUsername.Trim(),
            ProtectedKannelPassword = passwordChanged ? configuration.Protector.Protect(input.NewKannelPassword!) : before.ProtectedKannelPassword,
            SenderId = input.SenderId.Trim(),
            DlrMask = input.DlrMask,
            ThroughputPerSecond = input.ThroughputPerSecond,
            CallbackBaseUrl = input.CallbackBaseUrl.Trim().TrimEnd('/'),
        };
        // The first switch to Kannel needs a token for the callbacks; one is issued with it.
        string? issued = null;
        if (after.Provider == GatewayProvider.Kannel && after.ProtectedCallbackToken is null)
        {
            after = WithNewToken(after, out var token);
            issued = token;
        }
        await StoreAsync(after, by, AuditNames.Updated, Described(before), Described(after, passwordChanged), cancellationToken);
        return new GatewaySaved(after, issued);
    }

    /// <summary>
    /// Issues a new callback token and returns it (the only time it is shown in full). The previous one
    /// is still taken for a day, for the reports of messages already out.
    /// </summary>
    public async Task<string> IssueCallbackTokenAsync(Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var before = await LoadAsync(cancellationToken);
        var after = WithNewToken(before, out var token);
        await StoreAsync(after, by, AuditNames.Issued, null, new { callbackToken = "issued" }, cancellationToken);
        return token;
    }

    private GatewaySettings WithNewToken(GatewaySettings settings, out string token)
    {
        token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return settings with
        {
            ProtectedPreviousCallbackToken = settings.ProtectedCallbackToken,
            ProtectedCallbackToken = configuration.Protector.Protect(token),
            CallbackTokenIssuedAt = clock.GetUtcNow(),
        };
    }

    private async Task StoreAsync(GatewaySettings settings, Actor by, string action, object? before, object? after,
        CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(settings);
        await db.PortalSettings.PutAsync(Key, json, by.Name, clock.GetUtcNow(), cancellationToken);
        audit.Add(by.Name, AuditNames.Gateway, Key, action, before, after);
        await db.SaveChangesAsync(cancellationToken);
        configuration.Invalidate();
    }

    /// <summary>What the audit trail keeps of the settings: no secret, only whether the password changed.</summary>
    private static object Described(GatewaySettings settings, bool? passwordChanged = null) => new
    {
        provider = settings.Provider.ToString(),
        settings.KannelUrl,
        settings.KannelUsername,
        password = passwordChanged switch { true => "changed", false => "unchanged", null => settings.ProtectedKannelPassword is null ? "none" : "set" },
        settings.SenderId,
        settings.DlrMask,
        settings.ThroughputPerSecond,
        settings.CallbackBaseUrl,
    };
}
