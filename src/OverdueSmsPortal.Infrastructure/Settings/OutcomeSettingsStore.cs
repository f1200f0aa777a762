using System.Text.Json;
using FluentValidation;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Settings;

/// <summary>The attribution window of repayments, as the Admin set it (or 7 days until then).</summary>
public sealed class OutcomeSettingsStore(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string Key = "outcomes";
    private static readonly OutcomeSettingsValidator Validator = new();

    public Task<OutcomeSettings> LoadAsync(CancellationToken cancellationToken = default) =>
        db.PortalSettings.ReadAsync(Key, Validator, OutcomeSettings.Default, cancellationToken);

    public async Task SaveAsync(OutcomeSettings settings, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        Validator.ValidateAndThrow(settings);
        var before = await LoadAsync(cancellationToken);
        await db.PortalSettings.PutAsync(Key, JsonSerializer.Serialize(settings), by.Name, clock.GetUtcNow(), cancellationToken);
        audit.Add(by.Name, AuditNames.OutcomeSettings, Key, AuditNames.Updated, before, settings);
        await db.SaveChangesAsync(cancellationToken);
    }
}
