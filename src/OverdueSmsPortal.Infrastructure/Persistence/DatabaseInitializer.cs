using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>
/// Brings the database up to date on start: applies migrations, creates the roles, runs the registered
/// start-up seeds (the demo data, when asked for) and creates the configured first administrator. The
/// stage ladder, the lint's word lists and the reply rules are seeded into an empty database whatever
/// the demo setting: the portal needs them to work.
/// </summary>
public sealed class DatabaseInitializer(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    SystemUsers systemUsers,
    SegmentCatalog segments,
    LintVocabularyStore vocabularies,
    ReplyRuleStore replyRules,
    IOptions<LenderOptions> lender,
    IOptions<BootstrapAdminOptions> bootstrapAdmin,
    IEnumerable<IStartupSeed> seeds)
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
        foreach (var seed in seeds)
        {
            await seed.SeedAsync(cancellationToken);
        }
        await CreateBootstrapAdminAsync();
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
        await systemUsers.CreateAsync(options.UserName.Trim(), options.UserName.Trim(), options.Password, PortalRoles.Admin);
    }
}
