using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal sealed class LintTermEntityTypeConfiguration : IEntityTypeConfiguration<LintTermEntry>
{
    public void Configure(EntityTypeBuilder<LintTermEntry> term)
    {
        term.ToTable("LintTerms");
        term.HasKey(t => t.Id);
        term.Property(t => t.Term).HasMaxLength(LintTermEntry.MaxTermLength).IsRequired();
        term.Property(t => t.Normalized).HasMaxLength(LintTermEntry.MaxTermLength * 2).IsRequired();
        term.HasIndex(t => new { t.Category, t.Normalized }).IsUnique();
    }
}

internal sealed class AllowedLinkDomainEntityTypeConfiguration : IEntityTypeConfiguration<AllowedLinkDomain>
{
    public void Configure(EntityTypeBuilder<AllowedLinkDomain> domain)
    {
        domain.ToTable("AllowedLinkDomains");
        domain.HasKey(d => d.Id);
        domain.Property(d => d.Domain).HasMaxLength(AllowedLinkDomain.MaxDomainLength).IsRequired();
        domain.HasIndex(d => d.Domain).IsUnique();
    }
}
