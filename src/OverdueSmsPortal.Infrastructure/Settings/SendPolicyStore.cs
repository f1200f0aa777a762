using System.Text.Json;
using FluentValidation;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Settings;

/// <summary>The send policy's frequency settings, as the Admin set them (or the defaults until then).</summary>
public sealed class SendPolicyStore(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string Key = "send-policy";
    private static readonly PolicySettingsValidator Validator = new();

    public Task<PolicySettings> LoadAsync(CancellationToken cancellationToken = default) =>
        db.PortalSettings.ReadAsync(Key, Validator, PolicySettings.Default, cancellationToken);

    public async Task SaveAsync(PolicySettings settings, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        Validator.ValidateAndThrow(settings);
        var before = await LoadAsync(cancellationToken);
        var json = JsonSerializer.Serialize(settings);
        await db.PortalSettings.PutAsync(Key, json, by.Name, clock.GetUtcNow(), cancellationToken);
        audit.Add(by.Name, AuditNames.SendPolicy, Key, AuditNames.Updated, before, settings);
        await db.SaveChangesAsync(cancellationToken);
    }
}
