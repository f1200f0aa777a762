using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>
/// The portal's one DbContext: identity, customers, segments, templates, campaigns and their outbox,
/// delivery reports, replies and complaints, audit trail, settings, API keys and Data Protection keys.
/// This type is the SQLite store and owns its migrations; <see cref="PostgresPortalDbContext"/> is the
/// same model on PostgreSQL with migrations of its own (see <c>scripts/migrations.sh</c>).
/// </summary>
public class PortalDbContext : IdentityDbContext<PortalUser>, IDataProtectionKeyContext
{
    public PortalDbContext(DbContextOptions<PortalDbContext> options) : base(options)
    {
    }

    /// <summary>For a provider's own context type, whose options name that type.</summary>
    protected PortalDbContext(DbContextOptions options) : base(options)
    {
    }

    /// <summary>
    /// A save the database itself refused (locked, full, read-only, I/O) wrote nothing; the changes it
    /// carried are forgotten too, so that the page or job that owns this context starts again from what
    /// is stored rather than saving them with its next change.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (Exception e) when (DatabaseFaults.Classify(e) is not null)
        {
            ChangeTracker.Clear();
            throw;
        }
    }

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<StageDefinition> StageDefinitions => Set<StageDefinition>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<LintTermEntry> LintTerms => Set<LintTermEntry>();
    public DbSet<AllowedLinkDomain> AllowedLinkDomains => Set<AllowedLinkDomain>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignSegment> CampaignSegments => Set<CampaignSegment>();
    public DbSet<CampaignRun> CampaignRuns => Set<CampaignRun>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboundReply> InboundReplies => Set<InboundReply>();
    public DbSet<EscalationEntry> EscalationEntries => Set<EscalationEntry>();
    public DbSet<PortalSetting> PortalSettings => Set<PortalSetting>();
    public DbSet<DevelopmentGatewayMessage> DevelopmentGatewayMessages => Set<DevelopmentGatewayMessage>();
    public DbSet<DeliveryEvent> DeliveryEvents => Set<DeliveryEvent>();
    public DbSet<ReplyRule> ReplyRules => Set<ReplyRule>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<Repayment> Repayments => Set<Repayment>();
    public DbSet<OutcomeRollup> OutcomeRollups => Set<OutcomeRollup>();
    public DbSet<OutcomeSummary> OutcomeSummaries => Set<OutcomeSummary>();
    public DbSet<RollupRun> RollupRuns => Set<RollupRun>();
    public DbSet<RollupWatermark> RollupWatermarks => Set<RollupWatermark>();

    /// <summary>The next free turn of each throughput cap, shared by every node.</summary>
    public DbSet<Campaigns.PaceTurn> PaceTurns => Set<Campaigns.PaceTurn>();

    /// <summary>Data Protection's keys (the gateway password is protected with them): in the database, so every node and restart reads them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite stores DateTimeOffset as text, which neither sorts nor compares in SQL. The binary
            // form (ticks with the offset) does both, as long as every value has the same offset:
            // the portal only writes UTC instants from TimeProvider.GetUtcNow().
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
