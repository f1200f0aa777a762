using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Persistence;

public sealed class DatabaseInitializerTests
{
    private const string Development = "Development";
    private const string Production = "Production";

    private static readonly Dictionary<string, string?> SmallDemo = new() { ["Portal:Demo:CustomerCount"] = "300" };
    private static readonly Dictionary<string, string?> NoDemo = new() { ["Portal:Demo:Seed"] = "false" };

    [PostgresOnlyFact("nodes share a database only on PostgreSQL")]
    public async Task Two_nodes_starting_together_on_a_new_database_both_start_and_seed_it_once()
    {
        await using var first = PortalDatabase.Create(Development, SmallDemo);
        await using var second = PortalDatabase.Reopen(first, settings: SmallDemo);

        await Task.WhenAll(
            Task.Run(() => DatabaseInitializer.InitializeAsync(first.Services)),
            Task.Run(() => DatabaseInitializer.InitializeAsync(second.Services)));

        var roles = await first.QueryAsync(db => db.Roles.Select(r => r.Name!).ToListAsync());
        Assert.Equal(PortalRoles.All.Order(), roles.Order());
        Assert.Equal(300, await first.QueryAsync(db => db.Customers.CountAsync()));
        var rules = await first.QueryAsync(db => db.ReplyRules.Select(r => new { r.Category, r.Phrase, r.Match }).ToListAsync());
        Assert.Equal(rules.Count, rules.Distinct().Count());
        Assert.NotEmpty(rules);
    }

    [Fact]
    public async Task A_new_database_is_created_with_every_migration_applied()
    {
        await using var portal = PortalDatabase.Create(Development, NoDemo);
        if (portal.Store.FilePath is { } file)
        {
            Assert.False(File.Exists(file));
        }

        await DatabaseInitializer.InitializeAsync(portal.Services);

        if (portal.Store.FilePath is { } created)
        {
            Assert.True(File.Exists(created));
        }
        var (applied, pending, all) = await portal.QueryAsync(async db => (
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            (await db.Database.GetPendingMigrationsAsync()).ToList(),
            db.Database.GetMigrations().ToList()));
        Assert.Empty(pending);
        Assert.Equal(all, applied);
        Assert.Contains(applied, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
    }

    [SqliteOnlyFact("the journal mode is SQLite's; PostgreSQL readers never wait for writers")]
    public async Task The_database_file_uses_write_ahead_logging_so_pages_read_while_an_import_writes()
    {
        await using var portal = PortalDatabase.Create(Development, NoDemo);

        await DatabaseInitializer.InitializeAsync(portal.Services);

        var mode = await portal.QueryAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
        Assert.Equal(["wal"], mode);
    }

    [Fact]
    public async Task Every_portal_role_exists_after_initialisation()
    {
        await using var portal = PortalDatabase.Create(Production, NoDemo);

        await DatabaseInitializer.InitializeAsync(portal.Services);

        var roles = await portal.QueryAsync(db => db.Roles.Select(r => r.Name!).ToListAsync());
        Assert.Equal(PortalRoles.All.Order(), roles.Order());
    }

    [Fact]
    public async Task Demo_data_has_exactly_the_configured_number_of_customers()
    {
        await using var portal = PortalDatabase.Create(Development, SmallDemo);

        await DatabaseInitializer.InitializeAsync(portal.Services);

        Assert.Equal(300, await portal.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task The_default_demo_data_covers_every_stage_type_and_product_with_valid_mobile_numbers()
    {
        await using var portal = PortalDatabase.Create(Development);

        await DatabaseInitializer.InitializeAsync(portal.Services);

        var customers = await portal.QueryAsync(db => db.Customers.AsNoTracking().ToListAsync());
        Assert.Equal(2000, customers.Count);
        var ladder = OverdueSmsPortal.Core.Segments.StageLadder.Default();
        Assert.Equal(ladder.Select(s => s.Key).Append(null).Order(),
            customers.Select(c => OverdueSmsPortal.Core.Segments.StageLadder.StageOf(ladder, c.DaysOverdue(PortalDatabase.Today))?.Key).Distinct().Order());
        Assert.Equal(Enum.GetValues<CustomerType>(), customers.Select(c => c.CustomerType).Distinct().Order());
        Assert.Equal(Enum.GetValues<LoanProduct>(), customers.Select(c => c.Product).Distinct().Order());
        Assert.All(customers, c =>
        {
            Assert.StartsWith("+861", c.Phone);
            Assert.Equal(c.Phone, MobileNumbers.Normalize(c.Phone));
        });
        Assert.Equal(customers.Count, customers.Select(c => c.AccountRef).Distinct().Count());
    }

    [Fact]
    public async Task Development_gets_a_demo_user_in_each_role()
    {
        await using var portal = PortalDatabase.Create(Development, SmallDemo);

        await DatabaseInitializer.InitializeAsync(portal.Services);

        var users = portal.Service<UserManager<PortalUser>>();
        var found = new List<(string, string)>();
        foreach (var userName in new[] { "admin", "author", "approver", "viewer" })
        {
            var user = await users.FindByNameAsync(userName);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, DemoOptions.DemoPassword));
            found.Add((userName, Assert.Single(await users.GetRolesAsync(user))));
        }
        Assert.Equal(
            [("admin", PortalRoles.Admin), ("author", PortalRoles.Author), ("approver", PortalRoles.Approver), ("viewer", PortalRoles.Viewer)],
            found);
        Assert.Equal(4, await portal.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Production_gets_no_demo_users()
    {
        await using var portal = PortalDatabase.Create(Production, SmallDemo);

        await DatabaseInitializer.InitializeAsync(portal.Services);

        Assert.Empty(await portal.QueryAsync(db => db.Users.ToListAsync()));
    }

    [Fact]
    public async Task With_demo_seeding_off_there_are_no_demo_customers_or_users()
    {
        await using var portal = PortalDatabase.Create(Development, NoDemo);

        await DatabaseInitializer.InitializeAsync(portal.Services);

        Assert.Equal((0, 0), await portal.QueryAsync(async db => (await db.Customers.CountAsync(), await db.Users.CountAsync())));
    }

    [Fact]
    public async Task A_second_run_changes_nothing()
    {
        await using var portal = PortalDatabase.Create(Development, SmallDemo);
        await DatabaseInitializer.InitializeAsync(portal.Services);
        var first = await CountsAsync(portal);
        portal.Clock.Advance(TimeSpan.FromDays(1));

        await DatabaseInitializer.InitializeAsync(portal.Services);

        Assert.Equal(first, await CountsAsync(portal));
        Assert.Equal((300, 4, 4), (first.Customers, first.Users, first.Roles));
    }

    [Fact]
    public async Task The_configured_administrator_is_created_when_no_admin_exists()
    {
        await using var portal = PortalDatabase.Create(Production, new Dictionary<string, string?>
        {
            ["Portal:Demo:Seed"] = "false",
            ["Portal:Admin:UserName"] = " lender-admin ",
            ["Portal:Admin:Password"] = "First-Admin-2026",
        });

        await DatabaseInitializer.InitializeAsync(portal.Services);

        var users = portal.Service<UserManager<PortalUser>>();
        var admin = await users.FindByNameAsync("lender-admin");
        Assert.NotNull(admin);
        Assert.Equal([PortalRoles.Admin], await users.GetRolesAsync(admin));
        Assert.True(await users.CheckPasswordAsync(admin, "First-Admin-2026"));
        var audit = Assert.Single(await portal.QueryAsync(db => db.AuditEntries.ToListAsync()));
        Assert.Equal(("system", "User", admin.Id, "Created"), (audit.Actor, audit.EntityType, audit.EntityId, audit.Action));
        Assert.DoesNotContain("First-Admin-2026", audit.After);
    }

    [Fact]
    public async Task The_configured_administrator_is_not_created_when_an_admin_exists()
    {
        await using var portal = PortalDatabase.Create(Development, new Dictionary<string, string?>
        {
            ["Portal:Demo:CustomerCount"] = "0",
            ["Portal:Admin:UserName"] = "lender-admin",
            ["Portal:Admin:Password"] = "First-Admin-2026",
        });

        await DatabaseInitializer.InitializeAsync(portal.Services);

        var admins = await portal.Service<UserManager<PortalUser>>().GetUsersInRoleAsync(PortalRoles.Admin);
        Assert.Equal(["admin"], admins.Select(u => u.UserName));
    }

    [Fact]
    public async Task The_configured_administrator_is_created_once()
    {
        await using var portal = PortalDatabase.Create(Production, new Dictionary<string, string?>
        {
            ["Portal:Demo:Seed"] = "false",
            ["Portal:Admin:UserName"] = "lender-admin",
            ["Portal:Admin:Password"] = "First-Admin-2026",
        });

        await DatabaseInitializer.InitializeAsync(portal.Services);
        await DatabaseInitializer.InitializeAsync(portal.Services);

        Assert.Equal(1, await portal.QueryAsync(db => db.Users.CountAsync()));
    }

    private static Task<(int Customers, int Users, int Roles, int UserRoles, int AuditEntries)> CountsAsync(PortalDatabase portal) =>
        portal.QueryAsync(async db => (
            await db.Customers.CountAsync(),
            await db.Users.CountAsync(),
            await db.Roles.CountAsync(),
            await db.UserRoles.CountAsync(),
            await db.AuditEntries.CountAsync()));
}

public sealed class DemoTemplateSeedingTests
{
    [Fact]
    public async Task Demo_segments_get_templates_that_pass_the_lint_and_are_approved_in_development()
    {
        await using var portal = PortalDatabase.Create("Development", new Dictionary<string, string?> { ["Portal:Demo:CustomerCount"] = "300" });
        await DatabaseInitializer.InitializeAsync(portal.Services);

        var versions = await portal.QueryAsync(db => db.TemplateVersions.AsNoTracking().Include(v => v.Template).ToListAsync());
        var segments = await portal.QueryAsync(db => db.Segments.AsNoTracking().ToListAsync());
        var previewer = portal.Service<OverdueSmsPortal.Infrastructure.Templates.TemplatePreviewer>();

        Assert.Equal(segments.Sum(s => s.Tones.Count), versions.Count);
        foreach (var version in versions)
        {
            var context = await previewer.LoadAsync(version.Template!.SegmentId, version.Template.Tone);
            var inspection = previewer.Inspect(version.Body, context);
            Assert.True(inspection.Summary.Errors == 0,
                $"{context.SegmentName}/{version.Template.Tone}: {string.Join(", ", inspection.Errors.Select(e => e.Rule + ":" + e.Subject))}");
            Assert.Equal(OverdueSmsPortal.Core.Templates.TemplateVersionStatus.Approved, version.Status);
            Assert.NotEqual(version.AuthorId, version.Review.ReviewerId);
        }
    }

    [Fact]
    public async Task Outside_development_demo_templates_wait_as_drafts_for_the_lenders_review()
    {
        await using var portal = PortalDatabase.Create("Production", new Dictionary<string, string?> { ["Portal:Demo:CustomerCount"] = "50" });
        await DatabaseInitializer.InitializeAsync(portal.Services);

        var statuses = await portal.QueryAsync(db => db.TemplateVersions.Select(v => v.Status).Distinct().ToListAsync());

        Assert.Equal([OverdueSmsPortal.Core.Templates.TemplateVersionStatus.Draft], statuses);
    }
}
