using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OverdueSmsPortal.Infrastructure.ApiKeys;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal sealed class ApiKeyEntityTypeConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Name).HasMaxLength(100).IsRequired();
        key.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        key.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        key.HasIndex(k => k.Hash).IsUnique();
        key.Property(k => k.CreatedBy).HasMaxLength(256).IsRequired();
        key.Property(k => k.RevokedBy).HasMaxLength(256);
        key.Ignore(k => k.IsActive);
    }
}
