using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Demo;

/// <summary>
/// The demo data a start seeds into an empty database when <c>Portal:Demo:Seed</c> is on: customers, then in
/// Development the demo users, then segments with their starting templates, and in Development with
/// <c>Portal:Demo:OutcomeHistory</c> three weeks of outcomes. Each part is skipped when its table has rows.
/// </summary>
public sealed partial class DemoSeed(
    PortalDbContext db,
    UserManager<PortalUser> users,
    SystemUsers systemUsers,
    CustomerUpsert upsert,
    BusinessClock businessClock,
    TimeProvider clock,
    IHostEnvironment environment,
    IOptions<DemoOptions> demo,
    DemoHistory demoHistory,
    ILogger<DemoSeed> logger) : IStartupSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!demo.Value.Seed)
        {
            return;
        }
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
            await systemUsers.CreateAsync(userName, displayName, DemoOptions.DemoPassword, role);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo segments with their templates")]
    private static partial void LogSegmentsSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo customers")]
    private static partial void LogCustomersSeeded(ILogger logger, int count);
}
