using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Identity;

public sealed class UserAdministrationTests : DatabaseTest
{
    private const string Password = "Initial-Pass-2026";
    private const string HeadAdmin = "head-admin";
    private static readonly Actor Actor = As("id-head-admin");

    /// <summary>The head admin acting, known by <paramref name="id"/>.</summary>
    private static Actor As(string id, string name = HeadAdmin) => new(id, name) { Roles = [PortalRoles.Admin] };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var roles = Portal.Service<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
    }

    [Fact]
    public async Task A_new_user_gets_the_chosen_roles_and_the_creation_is_audited()
    {
        var result = await Users().CreateAsync(" writer-1 ", " 模板编辑一 ", Password, [PortalRoles.Author, PortalRoles.Viewer], Actor);

        Assert.Equal(UserChangeResult.Success, result);
        var user = Assert.Single(await Users().ListAsync());
        Assert.Equal(("writer-1", "模板编辑一", false, PortalDatabase.DefaultNow),
            (user.UserName, user.DisplayName, user.LockedOut, user.CreatedAt));
        Assert.Equal([PortalRoles.Author, PortalRoles.Viewer], user.Roles);
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal((HeadAdmin, "User", user.Id, "Created"), (audit.Actor, audit.EntityType, audit.EntityId, audit.Action));
        Assert.Equal("""{"userName":"writer-1","displayName":"模板编辑一","roles":["Author","Viewer"]}""", audit.After);
    }

    [Fact]
    public async Task A_user_with_an_unknown_role_is_not_created()
    {
        var result = await Users().CreateAsync("writer-1", "模板编辑一", Password, ["Superuser"], Actor);

        Assert.Equal(["Users.UnknownRole"], result.Errors);
        Assert.Empty(await Users().ListAsync());
    }

    [Fact]
    public async Task A_user_whose_roles_cannot_be_granted_is_not_left_behind_without_roles()
    {
        // The role is known to the portal but missing from this database, so granting it fails.
        var roles = Portal.Service<RoleManager<IdentityRole>>();
        await roles.DeleteAsync((await roles.FindByNameAsync(PortalRoles.Approver))!);

        var result = await Users().CreateAsync("checker-1", "审批一", Password, [PortalRoles.Approver], Actor);

        Assert.False(result.Succeeded);
        Assert.Empty(await Users().ListAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task A_password_that_breaks_the_policy_is_refused_with_the_identity_error()
    {
        var result = await Users().CreateAsync("writer-1", "模板编辑一", "short1A", [PortalRoles.Author], Actor);

        Assert.False(result.Succeeded);
        Assert.Contains("Identity.PasswordTooShort", result.Errors);
        Assert.Empty(await Users().ListAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task Roles_can_be_changed_and_the_change_is_audited()
    {
        var id = await GivenUserAsync("writer-1", PortalRoles.Author);

        var result = await Users().SetRolesAsync(id, [PortalRoles.Approver, PortalRoles.Viewer], Actor);

        Assert.Equal(UserChangeResult.Success, result);
        Assert.Equal([PortalRoles.Approver, PortalRoles.Viewer], await RolesOfAsync("writer-1"));
        var audit = (await AuditAsync())[^1];
        Assert.Equal((HeadAdmin, "RolesChanged", """{"roles":["Author"]}""", """{"roles":["Approver","Viewer"]}"""),
            (audit.Actor, audit.Action, audit.Before, audit.After));
    }

    [Fact]
    public async Task An_admin_cannot_take_the_admin_role_from_themselves()
    {
        await GivenUserAsync("other-admin", PortalRoles.Admin);
        var id = await GivenUserAsync(HeadAdmin, PortalRoles.Admin);

        var result = await Users().SetRolesAsync(id, [PortalRoles.Viewer], As(id));

        Assert.Equal(["Users.CannotDemoteSelf"], result.Errors);
        Assert.Equal([PortalRoles.Admin], await RolesOfAsync(HeadAdmin));
    }

    [Fact]
    public async Task The_last_admin_keeps_the_admin_role()
    {
        var id = await GivenUserAsync("only-admin", PortalRoles.Admin);

        var result = await Users().SetRolesAsync(id, [PortalRoles.Viewer], Actor);

        Assert.Equal(["Users.LastAdmin"], result.Errors);
        Assert.Equal([PortalRoles.Admin], await RolesOfAsync("only-admin"));
    }

    [Fact]
    public async Task An_admin_can_take_the_admin_role_from_another_admin()
    {
        await GivenUserAsync(HeadAdmin, PortalRoles.Admin);
        var id = await GivenUserAsync("other-admin", PortalRoles.Admin);

        var result = await Users().SetRolesAsync(id, [PortalRoles.Viewer], Actor);

        Assert.Equal(UserChangeResult.Success, result);
        Assert.Equal([PortalRoles.Viewer], await RolesOfAsync("other-admin"));
    }

    [Fact]
    public async Task An_admin_cannot_lock_themselves_out()
    {
        var id = await GivenUserAsync(HeadAdmin, PortalRoles.Admin);

        var result = await Users().SetLockedAsync(id, true, As(id));

        Assert.Equal(["Users.CannotLockSelf"], result.Errors);
        Assert.False(Assert.Single(await Users().ListAsync()).LockedOut);
    }

    [Fact]
    public async Task Who_is_themselves_is_decided_by_user_id_not_by_name()
    {
        var id = await GivenUserAsync(HeadAdmin, PortalRoles.Admin);
        await GivenUserAsync("other-admin", PortalRoles.Admin);

        // The same account under a name it no longer has is still the same person...
        Assert.Equal(["Users.CannotLockSelf"], (await Users().SetLockedAsync(id, true, As(id, "renamed-admin"))).Errors);
        Assert.Equal(["Users.CannotDemoteSelf"], (await Users().SetRolesAsync(id, [PortalRoles.Viewer], As(id, "renamed-admin"))).Errors);
        // ...and another account that happens to carry the name is someone else.
        Assert.Equal(UserChangeResult.Success, await Users().SetLockedAsync(id, true, As("id-of-another-account")));
    }

    [Fact]
    public async Task A_locked_user_is_locked_out_until_unlocked()
    {
        var id = await GivenUserAsync("writer-1", PortalRoles.Author);

        Assert.Equal(UserChangeResult.Success, await Users().SetLockedAsync(id, true, Actor));
        Assert.True(await IsLockedOutAsync("writer-1"));
        Assert.True(Assert.Single(await Users().ListAsync()).LockedOut);

        Assert.Equal(UserChangeResult.Success, await Users().SetLockedAsync(id, false, Actor));
        Assert.False(await IsLockedOutAsync("writer-1"));
        Assert.False(Assert.Single(await Users().ListAsync()).LockedOut);

        Assert.Equal(["Locked", "Unlocked"], (await AuditAsync()).Skip(1).Select(e => e.Action));
    }

    [Fact]
    public async Task Locking_signs_the_user_out_by_changing_the_security_stamp()
    {
        var id = await GivenUserAsync("writer-1", PortalRoles.Author);
        var stampBefore = await StampOfAsync("writer-1");

        await Users().SetLockedAsync(id, true, Actor);

        Assert.NotEqual(stampBefore, await StampOfAsync("writer-1"));
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one()
    {
        var id = await GivenUserAsync("writer-1", PortalRoles.Author);

        var result = await Users().ResetPasswordAsync(id, "Brand-New-Pass-2026", Actor);

        Assert.Equal(UserChangeResult.Success, result);
        var users = Portal.Service<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync("writer-1"))!;
        Assert.True(await users.CheckPasswordAsync(user, "Brand-New-Pass-2026"));
        Assert.False(await users.CheckPasswordAsync(user, Password));
    }

    [Fact]
    public async Task The_audit_of_a_password_reset_does_not_hold_the_password()
    {
        var id = await GivenUserAsync("writer-1", PortalRoles.Author);

        await Users().ResetPasswordAsync(id, "Brand-New-Pass-2026", Actor);

        var entries = await AuditAsync();
        var reset = Assert.Single(entries, e => e.Action == "PasswordReset");
        Assert.Equal((HeadAdmin, "User", id), (reset.Actor, reset.EntityType, reset.EntityId));
        Assert.All(entries, e => Assert.DoesNotContain("Brand-New-Pass-2026", $"{e.Before}{e.After}"));
        Assert.All(entries, e => Assert.DoesNotContain(Password, $"{e.Before}{e.After}"));
    }

    [Fact]
    public async Task A_password_that_breaks_the_policy_is_not_set()
    {
        var id = await GivenUserAsync("writer-1", PortalRoles.Author);

        var result = await Users().ResetPasswordAsync(id, "short", Actor);

        Assert.False(result.Succeeded);
        var users = Portal.Service<UserManager<PortalUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("writer-1"))!, Password));
    }

    [Fact]
    public async Task Changes_to_an_unknown_user_are_refused()
    {
        Assert.Equal(["Users.NotFound"], (await Users().SetRolesAsync("no-such-id", [PortalRoles.Viewer], Actor)).Errors);
        Assert.Equal(["Users.NotFound"], (await Users().SetLockedAsync("no-such-id", true, Actor)).Errors);
        Assert.Equal(["Users.NotFound"], (await Users().ResetPasswordAsync("no-such-id", "Brand-New-Pass-2026", Actor)).Errors);
    }

    private UserAdministration Users() => Portal.Service<UserAdministration>();

    private async Task<string> GivenUserAsync(string userName, params string[] roles)
    {
        Assert.Equal(UserChangeResult.Success, await Users().CreateAsync(userName, userName, Password, roles, As("id-setup", "setup")));
        return (await Portal.Service<UserManager<PortalUser>>().FindByNameAsync(userName))!.Id;
    }

    private async Task<List<string>> RolesOfAsync(string userName)
    {
        var users = Portal.Service<UserManager<PortalUser>>();
        return (await users.GetRolesAsync((await users.FindByNameAsync(userName))!)).Order().ToList();
    }

    private async Task<bool> IsLockedOutAsync(string userName)
    {
        var users = Portal.Service<UserManager<PortalUser>>();
        return await users.IsLockedOutAsync((await users.FindByNameAsync(userName))!);
    }

    private async Task<string?> StampOfAsync(string userName) =>
        (await Portal.Service<UserManager<PortalUser>>().FindByNameAsync(userName))!.SecurityStamp;

    private Task<List<Core.Audit.AuditEntry>> AuditAsync() =>
        Portal.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
}
