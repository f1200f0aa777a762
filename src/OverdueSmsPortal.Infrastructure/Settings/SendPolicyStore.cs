using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
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

    public async Task<PolicySettings> LoadAsync(CancellationToken cancellationToken = default)
    {
        var row = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == Key, cancellationToken);
        if (row is null)
        {
            return PolicySettings.Default;
        }
        var stored = JsonSerializer.Deserialize<PolicySettings>(row.Json);
        // A stored value that the hard limits no longer allow (they may have tightened) is not used.
        return stored is not null && Validator.Validate(stored).IsValid ? stored : PolicySettings.Default;
    }

    public async Task SaveAsync(PolicySettings settings, Actor by, CancellationToken cancellationToken = default)
    {
        Validator.ValidateAndThrow(settings);
        var before = await LoadAsync(cancellationToken);
        var json = JsonSerializer.Serialize(settings);
        await db.PortalSettings.PutAsync(Key, json, by.Name, clock.GetUtcNow(), cancellationToken);
        audit.Add(by.Name, AuditNames.SendPolicy, Key, AuditNames.Updated, before, settings);
        await db.SaveChangesAsync(cancellationToken);
    }
}
