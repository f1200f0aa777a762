using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OverdueSmsPortal.Infrastructure.Settings;

/// <summary>
/// A setting an Admin changes in the portal (not in a config file), stored as JSON under a key, with
/// who changed it last. Each feature reads and writes its own key through its own store.
/// </summary>
public class PortalSetting
{
    public string Key { get; private set; } = "";
    public string Json { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    private PortalSetting()
    {
    }

    public PortalSetting(string key, string json, string updatedBy, DateTimeOffset now)
    {
        Key = key;
        Update(json, updatedBy, now);
    }

    public void Update(string json, string updatedBy, DateTimeOffset now)
    {
        Json = json;
        UpdatedBy = updatedBy;
        UpdatedAt = now;
    }
}

public static class PortalSettings
{
    /// <summary>
    /// The value stored under <paramref name="key"/>, or <paramref name="fallback"/> until one is stored. A stored value the
    /// validator no longer accepts (its limits may have tightened since) is not used either.
    /// </summary>
    public static async Task<T> ReadAsync<T>(this DbSet<PortalSetting> settings, string key, IValidator<T> validator, T fallback,
        CancellationToken cancellationToken)
    {
        var row = await settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        var stored = row is null ? default : JsonSerializer.Deserialize<T>(row.Json);
        return stored is not null && validator.Validate(stored).IsValid ? stored : fallback;
    }

    /// <summary>Puts <paramref name="json"/> under <paramref name="key"/>, adding the row the first time; the caller saves.</summary>
    public static async Task PutAsync(this DbSet<PortalSetting> settings, string key, string json, string by, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var row = await settings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
        {
            settings.Add(new PortalSetting(key, json, by, now));
        }
        else
        {
            row.Update(json, by, now);
        }
    }
}

internal sealed class PortalSettingEntityTypeConfiguration : IEntityTypeConfiguration<PortalSetting>
{
    public void Configure(EntityTypeBuilder<PortalSetting> setting)
    {
        setting.ToTable("PortalSettings");
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(64);
        setting.Property(s => s.Json).HasMaxLength(8000).IsRequired();
        setting.Property(s => s.UpdatedBy).HasMaxLength(256).IsRequired();
    }
}
