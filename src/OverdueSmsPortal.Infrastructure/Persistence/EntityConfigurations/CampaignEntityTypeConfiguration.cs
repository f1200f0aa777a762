using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal sealed class CampaignEntityTypeConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.ToTable("Campaigns");
        campaign.HasKey(c => c.Id);
        campaign.Property(c => c.Name).HasMaxLength(CampaignPlan.MaxNameLength).IsRequired();
        campaign.HasIndex(c => c.Status);
        // Two approvers, or an edit racing an approval: the second write finds the revision moved and fails.
        campaign.Property(c => c.Revision).IsConcurrencyToken();
        campaign.Property(c => c.Status).IsConcurrencyToken();
        campaign.Property(c => c.Cron).HasMaxLength(120);
        campaign.Property(c => c.CreatedById).HasMaxLength(64).IsRequired();
        campaign.Property(c => c.CreatedByName).HasMaxLength(256).IsRequired();
        campaign.Property(c => c.UpdatedById).HasMaxLength(64).IsRequired();
        campaign.Property(c => c.UpdatedByName).HasMaxLength(256).IsRequired();
        campaign.Property(c => c.ChangedByIds).HasConversion(UserIdList.Converter, UserIdList.Comparer)
            .HasMaxLength(4000).IsRequired();
        campaign.ComplexProperty(c => c.Review, ReviewMapping.Columns);
        campaign.HasMany(c => c.Segments).WithOne().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
        campaign.Navigation(c => c.Segments).UsePropertyAccessMode(PropertyAccessMode.Field);
        campaign.Ignore(c => c.Schedule);
        campaign.Ignore(c => c.Window);
        campaign.Ignore(c => c.IsFinished);
        campaign.Ignore(c => c.IsScheduled);
    }
}

internal sealed class CampaignSegmentEntityTypeConfiguration : IEntityTypeConfiguration<CampaignSegment>
{
    public void Configure(EntityTypeBuilder<CampaignSegment> segment)
    {
        segment.ToTable("CampaignSegments");
        segment.HasKey(s => s.Id);
        segment.HasIndex(s => new { s.CampaignId, s.Position }).IsUnique();
        segment.HasOne<Segment>().WithMany().HasForeignKey(s => s.SegmentId).OnDelete(DeleteBehavior.Restrict);
        segment.HasOne<TemplateVersion>().WithMany().HasForeignKey(s => s.VersionAId).OnDelete(DeleteBehavior.Restrict);
        segment.HasOne<TemplateVersion>().WithMany().HasForeignKey(s => s.VersionBId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignRunEntityTypeConfiguration : IEntityTypeConfiguration<CampaignRun>
{
    public void Configure(EntityTypeBuilder<CampaignRun> run)
    {
        run.ToTable("CampaignRuns");
        run.HasKey(r => r.Id);
        // A firing that the scheduler delivers twice (a restart, a misfire) makes one run, not two.
        run.HasIndex(r => new { r.CampaignId, r.ScheduledFor }).IsUnique();
        run.HasIndex(r => r.Status);
        run.Property(r => r.GatewayProblem).HasMaxLength(64);
        run.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
        run.Ignore(r => r.IsFinished);
    }
}

internal sealed class OutboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.HasKey(m => m.Id);
        // One message per customer per run, even when the customer is in two of its segments.
        message.HasIndex(m => new { m.RunId, m.CustomerId }).IsUnique();
        // The dispatcher's question: which messages of this run are due now?
        message.HasIndex(m => new { m.RunId, m.Status, m.DueAt });
        // The policy's question: what left to this customer lately?
        message.HasIndex(m => new { m.CustomerId, m.SentAt });
        // A reply's question: what was the last message to this number?
        message.HasIndex(m => new { m.Phone, m.SentAt });
        message.HasIndex(m => m.GatewayMessageId);
        message.Property(m => m.Body).HasMaxLength(RenderLimits.MaxOutputLength).IsRequired();
        message.Property(m => m.Fingerprint).HasMaxLength(32).IsRequired();
        message.Property(m => m.FailureReason).HasMaxLength(64);
        message.Property(m => m.Phone).HasMaxLength(20);
        message.Property(m => m.GatewayMessageId).HasMaxLength(64);
        message.Property(m => m.Region).HasMaxLength(CustomerRecordValidator.MaxRegionLength).IsRequired();
        // The roll-up's question: which runs still have messages that may change by themselves?
        message.HasIndex(m => new { m.Status, m.RunId });
        // The expiry's question: which messages left long ago and still await their report?
        message.HasIndex(m => new { m.Status, m.SentAt });
        message.HasOne<CampaignRun>().WithMany().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InboundReplyEntityTypeConfiguration : IEntityTypeConfiguration<InboundReply>
{
    public void Configure(EntityTypeBuilder<InboundReply> reply)
    {
        reply.ToTable("InboundReplies");
        reply.HasKey(r => r.Id);
        reply.HasIndex(r => new { r.CustomerId, r.ReceivedAt });
        reply.HasIndex(r => r.MessageId);
        reply.Property(r => r.Phone).HasMaxLength(20).IsRequired();
        reply.Property(r => r.Text).HasMaxLength(InboundReply.MaxTextLength).IsRequired();
        reply.Property(r => r.Source).HasMaxLength(32).IsRequired();
        reply.Property(r => r.To).HasMaxLength(32);
        reply.Property(r => r.ClassifiedBy).HasMaxLength(256);
        reply.Property(r => r.GatewayReplyId).HasMaxLength(InboundReply.MaxGatewayIdLength);
        // A reply the gateway delivers twice (it retries when the portal did not answer) is stored once.
        reply.HasIndex(r => new { r.Source, r.GatewayReplyId }).IsUnique().HasFilter("\"GatewayReplyId\" IS NOT NULL");
        reply.HasIndex(r => new { r.Category, r.ReceivedAt });
        reply.HasIndex(r => r.ReceivedAt);
        // The roll-up's question: which replies were re-classified lately?
        reply.HasIndex(r => r.ClassifiedAt);
    }
}

internal sealed class DeliveryEventEntityTypeConfiguration : IEntityTypeConfiguration<DeliveryEvent>
{
    public void Configure(EntityTypeBuilder<DeliveryEvent> report)
    {
        report.ToTable("DeliveryEvents");
        report.HasKey(r => r.Id);
        // One event per message and status: a report that comes twice is recognised, not stored again.
        report.HasIndex(r => new { r.MessageId, r.Status }).IsUnique();
        report.Property(r => r.Detail).HasMaxLength(DeliveryEvent.MaxDetailLength);
        report.HasOne<OutboxMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReplyRuleEntityTypeConfiguration : IEntityTypeConfiguration<ReplyRule>
{
    public void Configure(EntityTypeBuilder<ReplyRule> rule)
    {
        rule.ToTable("ReplyRules");
        rule.HasKey(r => r.Id);
        rule.HasIndex(r => new { r.Category, r.Phrase, r.Match }).IsUnique();
        rule.Property(r => r.Phrase).HasMaxLength(ReplyRule.MaxPhraseLength).IsRequired();
        // Rules stored before rules had an order get position 0 from the migration: ReplyRuleStore.SeedAsync orders them once.
        rule.HasIndex(r => r.Position);
    }
}

internal sealed class ComplaintEntityTypeConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> complaint)
    {
        complaint.ToTable("Complaints");
        complaint.HasKey(c => c.Id);
        complaint.HasIndex(c => new { c.CustomerId, c.Status });
        complaint.HasIndex(c => c.OpenedAt);
        complaint.HasIndex(c => c.ReplyId);
        // The roll-up's question: which complaints came of this message?
        complaint.HasIndex(c => c.MessageId);
        complaint.Property(c => c.Summary).HasMaxLength(Complaint.MaxSummaryLength).IsRequired();
        complaint.Property(c => c.OpenedBy).HasMaxLength(256).IsRequired();
        complaint.Property(c => c.ClosedBy).HasMaxLength(256);
        complaint.Property(c => c.StartedBy).HasMaxLength(256);
        complaint.Property(c => c.ResolutionNote).HasMaxLength(Complaint.MaxResolutionNoteLength);
        complaint.Property(c => c.ComplaintRef).HasMaxLength(Complaint.MaxComplaintRefLength);
        // The lender's own id: the same complaint sent twice (a retried call, an upload again) is stored once.
        complaint.HasIndex(c => c.ComplaintRef).IsUnique().HasFilter("\"ComplaintRef\" IS NOT NULL");
        complaint.HasIndex(c => new { c.Status, c.OpenedAt });
        complaint.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        complaint.Ignore(c => c.IsOpen);
    }
}

internal sealed class EscalationEntryEntityTypeConfiguration : IEntityTypeConfiguration<EscalationEntry>
{
    public void Configure(EntityTypeBuilder<EscalationEntry> entry)
    {
        entry.ToTable("EscalationEntries");
        entry.HasKey(e => e.Id);
        // At most one open entry per customer.
        entry.HasIndex(e => e.CustomerId).IsUnique().HasFilter("\"ResolvedAt\" IS NULL");
        entry.HasIndex(e => e.AddedAt);
        entry.Property(e => e.ResolvedByName).HasMaxLength(256);
        entry.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        entry.Ignore(e => e.IsOpen);
    }
}

internal sealed class PaceTurnEntityTypeConfiguration : IEntityTypeConfiguration<Campaigns.PaceTurn>
{
    public void Configure(EntityTypeBuilder<Campaigns.PaceTurn> turn)
    {
        turn.ToTable("PaceTurns");
        turn.HasKey(t => t.Key);
        // Keys are campaign ids and a negative one for the gateway: never generated.
        turn.Property(t => t.Key).ValueGeneratedNever();
    }
}
