using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Persistence.Demo;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>
/// Brings the database up to date on start: applies migrations, creates the roles, seeds demo data
/// when asked (in Development also a demo outcome history, when asked for that too) and creates the
/// configured first administrator. The stage ladder and the lint's word lists are seeded into an
/// empty database whatever the demo setting: the portal needs them to work.
/// </summary>
public sealed partial class DatabaseInitializer(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    CustomerUpsert upsert,
    AuditTrail audit,
    BusinessClock businessClock,
    TimeProvider clock,
    SegmentCatalog segments,
    LintVocabularyStore vocabularies,
    ReplyRuleStore replyRules,
    IOptions<LenderOptions> lender,
    IHostEnvironment environment,
    IOptions<DemoOptions> demo,
    IOptions<BootstrapAdminOptions> bootstrapAdmin,
    DemoHistory demoHistory,
    ILogger<DatabaseInitializer> logger)
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().RunAsync(cancellationToken);
    }

    /// <summary>The key of the PostgreSQL advisory lock one node holds while it initialises the shared database.</summary>
    public const long InitializationLockKey = 0x4F_53_50_49_6E_69_74; // "OSPInit"

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await InitializeAsync(cancellationToken);
            return;
        }
        // Nodes of a cluster starting together: one initialises, the others wait, then find the work
        // done (every step below creates only what is missing). The lock belongs to this context's
        // connection, which stays open for the whole initialisation.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({InitializationLockKey})", cancellationToken);
            try
            {
                await InitializeAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({InitializationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets the list pages read while an import or the API writes;
            // the mode is stored in the file, so setting it once per start is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        await segments.SeedLadderAsync(cancellationToken);
        await vocabularies.SeedAsync(lender.Value.PaymentHost(), cancellationToken);
        await replyRules.SeedAsync(cancellationToken);
        if (demo.Value.Seed)
        {
            await SeedDemoCustomersAsync(cancellationToken);
            if (environment.IsDevelopment())
            {
                await SeedDemoUsersAsync();
            }
            await SeedDemoSegmentsAsync(cancellationToken);
            if (environment.IsDevelopment() && demo.Value.OutcomeHistory)
            {
                await demoHistory.SeedAsync(cancellationToken);
            }
        }
        await CreateBootstrapAdminAsync();
    }

    /// <summary>
    /// A segment per default stage and two narrower ones, each with its starting templates. In
    /// Development the demo approver has approved them (the system wrote them, so maker-checker
    /// holds); elsewhere they wait as drafts for the lender's own review.
    /// </summary>
    private async Task SeedDemoSegmentsAsync(CancellationToken cancellationToken)
    {
        if (await db.Segments.AnyAsync(cancellationToken))
        {
            return;
        }
        var ladder = await db.StageDefinitions.ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var created = new List<Segment>();
        foreach (var rules in DemoSegments.All.Where(r => ladder.Any(s => s.Key == r.StageKey)))
        {
            var segment = new Segment(rules, ladder.First(s => s.Key == rules.StageKey), now);
            db.Segments.Add(segment);
            created.Add(segment);
        }
        await db.SaveChangesAsync(cancellationToken);

        var system = new Actor(AuditNames.SystemActor, AuditNames.SystemActor);
        var approverUser = environment.IsDevelopment() ? await users.FindByNameAsync("approver") : null;
        var approver = approverUser is null ? null : new Actor(approverUser.Id, approverUser.UserName!);
        foreach (var segment in created)
        {
            foreach (var tone in segment.Tones)
            {
                if (DemoTemplates.For(segment.StageKey, tone) is not { } body)
                {
                    continue;
                }
                var template = new MessageTemplate(segment.Id, tone, now);
                var version = template.SaveDraft(body, system, now);
                if (approver is not null)
                {
                    version.Submit(system, LintSummary.Clean, now);
                    version.Approve(approver, LintSummary.Clean, warningsAcknowledged: true, "示例模板", now);
                }
                db.MessageTemplates.Add(template);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        LogSegmentsSeeded(logger, created.Count);
    }

    private async Task SeedDemoCustomersAsync(CancellationToken cancellationToken)
    {
        if (await db.Customers.AnyAsync(cancellationToken))
        {
            return;
        }
        var count = 0;
        foreach (var chunk in DemoCustomers.Generate(demo.Value.CustomerCount, businessClock.Today()).Chunk(1000))
        {
            await upsert.UpsertAsync(chunk, cancellationToken);
            count += chunk.Length;
        }
        LogCustomersSeeded(logger, count);
    }

    private async Task SeedDemoUsersAsync()
    {
        foreach (var (userName, displayName, role) in DemoOptions.Users)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }
            await CreateUserAsync(userName, displayName, DemoOptions.DemoPassword, role);
        }
    }

    private async Task CreateBootstrapAdminAsync()
    {
        var options = bootstrapAdmin.Value;
        if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrEmpty(options.Password))
        {
            return;
        }
        if ((await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count > 0)
        {
            return;
        }
        await CreateUserAsync(options.UserName.Trim(), options.UserName.Trim(), options.Password, PortalRoles.Admin);
    }

    private async Task CreateUserAsync(string userName, string displayName, string password, string role)
    {
        var user = new PortalUser { UserName = userName, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
        // The user, the role and the entry together: a start stopped half-way leaves no user without its role.
        await audit.TogetherAsync(async () =>
        {
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Could not create user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
            await users.AddToRoleAsync(user, role);
            await audit.RecordAsync(AuditNames.SystemActor, AuditNames.User, user.Id, AuditNames.Created,
                after: new { user.UserName, user.DisplayName, roles = new[] { role } });
            return user;
        });
        LogUserCreated(logger, userName, role);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo segments with their templates")]
    private static partial void LogSegmentsSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo customers")]
    private static partial void LogCustomersSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created user {UserName} with role {Role}")]
    private static partial void LogUserCreated(ILogger logger, string userName, string role);
}
