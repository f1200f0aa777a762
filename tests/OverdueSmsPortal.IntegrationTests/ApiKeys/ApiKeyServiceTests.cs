using System.Text;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.ApiKeys;

public sealed class ApiKeyServiceTests : DatabaseTest
{
    private static readonly Actor Admin = As("ops-admin");

    private static Actor As(string name) => new($"id-{name}", name) { Roles = [PortalRoles.Admin] };

    [Fact]
    public async Task An_issued_key_is_accepted_and_known_by_its_name()
    {
        var issued = await Portal.Service<ApiKeyService>().IssueAsync(" core-banking ", Admin);

        Assert.Equal("core-banking", await Portal.Service<ApiKeyService>().VerifyAsync(issued.Secret));
    }

    [Fact]
    public async Task Only_a_hash_of_the_key_is_stored()
    {
        var issued = await Portal.Service<ApiKeyService>().IssueAsync("core-banking", Admin);

        var stored = await ApiKeyTableTextAsync();
        Assert.DoesNotContain(issued.Secret, stored);
        Assert.Matches("^[0-9a-f]{64}$", await Portal.QueryAsync(db => db.ApiKeys.Select(k => k.Hash).SingleAsync()));
        Assert.DoesNotContain(issued.Secret, await Portal.QueryAsync(db => db.AuditEntries.Select(e => e.After ?? "").SingleAsync()));
    }

    [Fact]
    public async Task A_key_shows_a_prefix_that_tells_it_apart()
    {
        var issued = await Portal.Service<ApiKeyService>().IssueAsync("core-banking", Admin);

        var listed = Assert.Single(await Portal.Service<ApiKeyService>().ListAsync());
        Assert.StartsWith(listed.Prefix, issued.Secret);
        Assert.True(listed.Prefix.Length < issued.Secret.Length / 2, "the prefix must not give the key away");
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var issued = await Portal.Service<ApiKeyService>().IssueAsync("core-banking", Admin);

        await Portal.Service<ApiKeyService>().RevokeAsync(issued.Key.Id, Admin);

        Assert.Null(await Portal.Service<ApiKeyService>().VerifyAsync(issued.Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("osp_0000000000000000000000000000000000000000000000")]
    public async Task An_unknown_key_is_refused(string? presented)
    {
        await Portal.Service<ApiKeyService>().IssueAsync("core-banking", Admin);

        Assert.Null(await Portal.Service<ApiKeyService>().VerifyAsync(presented));
    }

    [Fact]
    public async Task The_configured_bootstrap_key_is_accepted()
    {
        await using var portal = await PortalDatabase.MigratedAsync(new Dictionary<string, string?>
        {
            ["Portal:Api:BootstrapKey"] = "bootstrap-key-from-the-vault",
        });

        Assert.Equal(ApiKeyService.BootstrapKeyName, await portal.Service<ApiKeyService>().VerifyAsync("bootstrap-key-from-the-vault"));
        Assert.Null(await portal.Service<ApiKeyService>().VerifyAsync("bootstrap-key-from-the-vaulT"));
    }

    [Fact]
    public async Task Without_a_configured_bootstrap_key_no_key_is_accepted()
    {
        Assert.Null(await Portal.Service<ApiKeyService>().VerifyAsync("bootstrap"));
    }

    [Fact]
    public async Task Using_a_key_records_when_it_was_last_used()
    {
        var issued = await Portal.Service<ApiKeyService>().IssueAsync("core-banking", Admin);
        Portal.Clock.Advance(TimeSpan.FromHours(1));

        await Portal.Service<ApiKeyService>().VerifyAsync(issued.Secret);

        Assert.Equal(Portal.Clock.Now, Assert.Single(await Portal.Service<ApiKeyService>().ListAsync()).LastUsedAt);
    }

    [Fact]
    public async Task Issuing_and_revoking_are_audited()
    {
        var issued = await Portal.Service<ApiKeyService>().IssueAsync("core-banking", Admin);
        Portal.Clock.Advance(TimeSpan.FromMinutes(5));
        await Portal.Service<ApiKeyService>().RevokeAsync(issued.Key.Id, As("security-officer"));

        var entries = await Portal.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).ToListAsync());
        var id = issued.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
        [
            (Admin.Name, "ApiKey", id, "Issued", PortalDatabase.DefaultNow),
            ("security-officer", "ApiKey", id, "Revoked", PortalDatabase.DefaultNow.AddMinutes(5)),
        ], entries.Select(e => (e.Actor, e.EntityType, e.EntityId, e.Action, e.At)));
        var prefix = issued.Key.Prefix;
        Assert.Equal(
            [(null, $$"""{"name":"core-banking","prefix":"{{prefix}}"}"""), ($$"""{"name":"core-banking","prefix":"{{prefix}}"}""", null)],
            entries.Select(e => (e.Before, e.After)));
    }

    [Fact]
    public async Task Revoking_a_revoked_key_again_changes_nothing()
    {
        var issued = await Portal.Service<ApiKeyService>().IssueAsync("core-banking", Admin);
        await Portal.Service<ApiKeyService>().RevokeAsync(issued.Key.Id, Admin);
        Portal.Clock.Advance(TimeSpan.FromHours(1));

        await Portal.Service<ApiKeyService>().RevokeAsync(issued.Key.Id, As("someone-else"));

        var key = Assert.Single(await Portal.Service<ApiKeyService>().ListAsync());
        Assert.Equal((Admin.Name, PortalDatabase.DefaultNow), (key.RevokedBy, key.RevokedAt));
        Assert.Equal(2, await Portal.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    /// <summary>Every value of every row of the ApiKeys table, as text, read past EF Core.</summary>
    private async Task<string> ApiKeyTableTextAsync()
    {
        await using var db = Portal.Store.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"ApiKeys\"";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            }
        }
        Assert.NotEqual(0, text.Length);
        return text.ToString();
    }

    [Fact]
    public async Task Only_an_admin_may_issue_or_revoke_a_key()
    {
        var issued = await Portal.Service<ApiKeyService>().IssueAsync("core-banking", Admin);

        foreach (var role in new[] { PortalRoles.Author, PortalRoles.Approver, PortalRoles.Viewer })
        {
            var by = new Actor($"id-{role}", role) { Roles = [role] };
            await Assert.ThrowsAsync<AccessRefusedException>(() => Portal.Service<ApiKeyService>().IssueAsync("side-door", by));
            await Assert.ThrowsAsync<AccessRefusedException>(() => Portal.Service<ApiKeyService>().RevokeAsync(issued.Key.Id, by));
        }

        var key = Assert.Single(await Portal.Service<ApiKeyService>().ListAsync());
        Assert.True(key.IsActive);
        Assert.Equal("core-banking", await Portal.Service<ApiKeyService>().VerifyAsync(issued.Secret));
        Assert.Equal(1, await Portal.QueryAsync(db => db.AuditEntries.CountAsync()));
    }
}
