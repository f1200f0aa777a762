using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Persistence.Demo;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>
/// Brings the database up to date on start: applies migrations, creates the roles, seeds demo data
/// when asked and creates the configured first administrator.
/// </summary>
public sealed class DatabaseInitializer(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    CustomerUpsert upsert,
    AuditTrail audit,
    BusinessClock businessClock,
    TimeProvider clock,
    IHostEnvironment environment,
    IOptions<DemoOptions> demo,
    IOptions<BootstrapAdminOptions> bootstrapAdmin,
    ILogger<DatabaseInitializer> logger)
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().RunAsync(cancellationToken);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
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
        if (demo.Value.Seed)
        {
            await SeedDemoCustomersAsync(cancellationToken);
            if (environment.IsDevelopment())
            {
                await SeedDemoUsersAsync();
            }
        }
        await CreateBootstrapAdminAsync();
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
        logger.LogInformation("Seeded {Count} demo customers", count);
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
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        await users.AddToRoleAsync(user, role);
        await audit.RecordAsync(AuditNames.SystemActor, AuditNames.User, user.Id, AuditNames.Created,
            after: new { user.UserName, user.DisplayName, roles = new[] { role } });
        logger.LogInformation("Created user {UserName} with role {Role}", userName, role);
    }
}
