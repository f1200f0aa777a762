using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal sealed class MessageTemplateEntityTypeConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> template)
    {
        template.ToTable("MessageTemplates");
        template.HasKey(t => t.Id);
        // One template per segment and tone.
        template.HasIndex(t => new { t.SegmentId, t.Tone }).IsUnique();
        template.HasOne<Segment>().WithMany().HasForeignKey(t => t.SegmentId).OnDelete(DeleteBehavior.Restrict);
        template.HasMany(t => t.Versions).WithOne(v => v.Template).HasForeignKey(v => v.TemplateId)
            .OnDelete(DeleteBehavior.Restrict);
        template.Navigation(t => t.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        template.Ignore(t => t.Latest);
        template.Ignore(t => t.LatestApproved);
    }
}

internal sealed class TemplateVersionEntityTypeConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> version)
    {
        version.ToTable("TemplateVersions");
        version.HasKey(v => v.Id);
        // Two people saving at once cannot both make version N: the second save retries as N+1.
        version.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
        version.HasIndex(v => v.Status);
        version.Property(v => v.Body).HasMaxLength(TemplateBodyRules.MaxLength).IsRequired();
        // Two approvers deciding at the same moment: the second update finds the status changed and fails.
        version.Property(v => v.Status).IsConcurrencyToken();
        version.Property(v => v.AuthorId).HasMaxLength(64).IsRequired();
        version.Property(v => v.AuthorName).HasMaxLength(256).IsRequired();
        version.ComplexProperty(v => v.Review, ReviewMapping.Columns);
    }
}
