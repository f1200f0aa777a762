using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal sealed class OutcomeRollupEntityTypeConfiguration : IEntityTypeConfiguration<OutcomeRollup>
{
    public void Configure(EntityTypeBuilder<OutcomeRollup> rollup)
    {
        rollup.ToTable("OutcomeRollups");
        rollup.HasKey(r => r.Id);
        // The dashboard's question: what happened in this period (for this campaign)?
        rollup.HasIndex(r => r.Day);
        rollup.HasIndex(r => new { r.CampaignId, r.Day });
        // The roll-up's own: replace the rows of the run it counts again.
        rollup.HasIndex(r => r.RunId);
        rollup.Property(r => r.Region).HasMaxLength(CustomerRecordValidator.MaxRegionLength).IsRequired();
        rollup.Ignore(r => r.Slice);
        rollup.Ignore(r => r.Counts);
        rollup.HasOne<CampaignRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutcomeSummaryEntityTypeConfiguration : IEntityTypeConfiguration<OutcomeSummary>
{
    public void Configure(EntityTypeBuilder<OutcomeSummary> summary)
    {
        summary.ToTable("OutcomeSummaries");
        summary.HasKey(r => r.Id);
        summary.HasIndex(r => r.Day);
        summary.HasIndex(r => new { r.CampaignId, r.Day });
        summary.HasIndex(r => r.RunId);
        summary.Ignore(r => r.Counts);
        summary.HasOne<CampaignRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RollupRunEntityTypeConfiguration : IEntityTypeConfiguration<RollupRun>
{
    public void Configure(EntityTypeBuilder<RollupRun> run)
    {
        run.ToTable("RollupRuns");
        run.HasKey(r => r.RunId);
        run.Property(r => r.RunId).ValueGeneratedNever();
        run.HasIndex(r => r.Open);
        run.HasIndex(r => r.Day);
        run.HasOne<CampaignRun>().WithOne().HasForeignKey<RollupRun>(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RollupWatermarkEntityTypeConfiguration : IEntityTypeConfiguration<RollupWatermark>
{
    public void Configure(EntityTypeBuilder<RollupWatermark> watermark)
    {
        watermark.ToTable("RollupWatermarks");
        watermark.HasKey(w => w.Id);
        watermark.Property(w => w.Id).ValueGeneratedNever();
    }
}
