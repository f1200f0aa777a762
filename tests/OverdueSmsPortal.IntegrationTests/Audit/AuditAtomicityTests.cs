using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;
using static OverdueSmsPortal.IntegrationTests.Support.StudioSetup;

namespace OverdueSmsPortal.IntegrationTests.Audit;

/// <summary>
/// Every audited change is kept with its entry or not at all. The database refuses the entry (as a full
/// disk or a lost connection would, between the change's own save and the entry's): the change must not
/// be stored either. Methods that saved the new row first and its entry in a second save failed here.
/// </summary>
public sealed class AuditAtomicityTests : IAsyncLifetime
{
    private const string Password = "Sicher!Passwort-2026";

    private readonly RefusedAuditEntries refusal = new();
    private PortalDatabase portal = null!;

    public async Task InitializeAsync()
    {
        portal = await PortalDatabase.MigratedAsync(replace: services =>
        {
            // The Postgres store registers its own context type; each provider takes its options there.
            services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(refusal));
            services.ConfigureDbContext<PostgresPortalDbContext>(options => options.AddInterceptors(refusal));
        });
        await portal.SeedLadderAndWordListsAsync();
        var roles = portal.Service<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    /// <summary>Runs <paramref name="change"/> with the entry refused and returns what it threw.</summary>
    private async Task<Exception?> RefusedAsync(Func<Task> change)
    {
        refusal.Armed = true;
        try
        {
            return await Record.ExceptionAsync(change);
        }
        finally
        {
            refusal.Armed = false;
        }
    }

    private Task<int> CountAsync<T>() where T : class => portal.QueryAsync(db => db.Set<T>().CountAsync());

    [Fact]
    public async Task A_new_segment_is_not_kept_without_its_entry()
    {
        var before = await CountAsync<Segment>();

        var fault = await RefusedAsync(() => portal.Service<SegmentCatalog>().CreateAsync(
            new SegmentRules { Name = "无记录客群", StageKey = "overdue_8_15", Tones = [Tone.Standard] }, Admin));

        // EF reports the refusal as a failed update, the refusal inside: the fault is the one this test made.
        Assert.IsType<RefusedEntryException>(fault?.InnerException ?? fault);
        Assert.Equal(before, await CountAsync<Segment>());
    }

    [Fact]
    public async Task A_changed_segment_keeps_its_old_rules_without_its_entry()
    {
        var segment = await portal.GivenSegmentAsync();
        var renamed = segment.Rules();
        renamed.Name = "改过的名字";

        var fault = await RefusedAsync(() => portal.Service<SegmentCatalog>().UpdateAsync(segment.Id, renamed, Admin));

        Assert.NotNull(fault);
        Assert.Equal(segment.Name, await portal.QueryAsync(db => db.Segments.Where(s => s.Id == segment.Id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_draft_version_is_not_kept_without_its_entry()
    {
        var segment = await portal.GivenSegmentAsync();
        var before = await CountAsync<TemplateVersion>();

        var fault = await RefusedAsync(() => portal.Service<TemplateStudio>().SaveDraftAsync(segment.Id, Tone.Standard, CleanBody, Author));

        Assert.NotNull(fault);
        Assert.Equal(before, await CountAsync<TemplateVersion>());
        // The same author saves again once the database takes entries: version 1, not a gap after a lost one.
        var saved = await portal.Service<TemplateStudio>().SaveDraftAsync(segment.Id, Tone.Standard, CleanBody, Author);
        Assert.Equal(1, saved.Number);
    }

    [Fact]
    public async Task A_new_campaign_is_not_kept_without_its_entry()
    {
        var ready = await portal.GivenReadySegmentAsync();

        var fault = await RefusedAsync(() => portal.Service<CampaignDesk>().CreateAsync(
            PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)), Author));

        Assert.NotNull(fault);
        Assert.Equal(0, await CountAsync<Campaign>());
    }

    [Fact]
    public async Task An_api_key_is_not_issued_without_its_entry()
    {
        var fault = await RefusedAsync(() => portal.Service<ApiKeyService>().IssueAsync("催收系统", Admin));

        Assert.NotNull(fault);
        Assert.Equal(0, await CountAsync<ApiKey>());
    }

    [Fact]
    public async Task A_user_is_not_created_without_its_entry()
    {
        var fault = await RefusedAsync(() => portal.Service<UserAdministration>().CreateAsync("writer-9", "编辑九", Password,
            [PortalRoles.Author], Admin));

        Assert.NotNull(fault);
        Assert.Equal(0, await portal.QueryAsync(db => db.Users.CountAsync(u => u.UserName == "writer-9")));
    }

    [Fact]
    public async Task Roles_a_lock_and_a_password_stay_as_they_were_without_their_entries()
    {
        var users = portal.Service<UserAdministration>();
        Assert.True((await users.CreateAsync("writer-9", "编辑九", Password, [PortalRoles.Author], Admin)).Succeeded);
        var stored = await portal.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "writer-9"));

        Assert.NotNull(await RefusedAsync(() => portal.Service<UserAdministration>().SetRolesAsync(stored.Id, [PortalRoles.Approver], Admin)));
        Assert.NotNull(await RefusedAsync(() => portal.Service<UserAdministration>().SetLockedAsync(stored.Id, true, Admin)));
        Assert.NotNull(await RefusedAsync(() => portal.Service<UserAdministration>().ResetPasswordAsync(stored.Id, Password + "x", Admin)));

        var after = await portal.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == stored.Id));
        Assert.Equal((stored.PasswordHash, stored.LockoutEnd, stored.SecurityStamp), (after.PasswordHash, after.LockoutEnd, after.SecurityStamp));
        var roles = await portal.QueryAsync(db => db.UserRoles.Where(r => r.UserId == stored.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        Assert.Equal([PortalRoles.Author], roles);
    }

    [Fact]
    public async Task A_simulated_reply_is_not_kept_without_the_entry_that_an_operator_played_the_customer()
    {
        var ready = await portal.GivenReadySegmentAsync();
        await portal.GivenOverdueCustomersAsync(1);
        var campaign = await portal.GivenActiveCampaignAsync(PlanFor(new CampaignSegmentPlan(ready.Segment.Id, ready.Standard.Id)));
        var (run, _) = await portal.RunNowAsync(campaign.Id);
        var message = Assert.Single(await portal.MessagesAsync(run.Id));

        var fault = await RefusedAsync(() => portal.Service<DevelopmentReplies>().SimulateAsync(message.Id, "明天还", Operator));

        Assert.NotNull(fault);
        Assert.Equal(0, await CountAsync<InboundReply>());
    }

    /// <summary>The database refusing every insert into the audit table while armed.</summary>
    private sealed class RefusedAuditEntries : DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Refuse(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Refuse(command);
            return ValueTask.FromResult(result);
        }

        private void Refuse(DbCommand command)
        {
            if (Armed && command.CommandText.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal))
            {
                throw new RefusedEntryException();
            }
        }
    }

    private sealed class RefusedEntryException() : Exception("The database refused the audit entry.");
}
