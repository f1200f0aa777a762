using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Audit;

/// <summary>The audit page's queries and export over real SQLite, in the Shanghai business time zone.</summary>
public sealed class AuditLogTests : DatabaseTest
{
    private AuditLog Log => Portal.Service<AuditLog>();
    private BusinessClock Business => Portal.Service<BusinessClock>();

    /// <summary>
    /// Five entries, oldest first. The second is on 22 November in UTC but 23 November in Shanghai; the
    /// last two share one instant. Returns their ids in that order.
    /// </summary>
    private async Task<long[]> SeedAsync()
    {
        var trail = Portal.Service<AuditTrail>();
        var ids = new List<long>();
        async Task AtAsync(DateTimeOffset at, string actor, string type, string id, string action, object? before, object? after)
        {
            Portal.Clock.Advance(at - Portal.Clock.Now);
            await trail.RecordAsync(actor, type, id, action, before, after);
            ids.Add(await Portal.QueryAsync(db => db.AuditEntries.MaxAsync(e => e.Id)));
        }
        await AtAsync(Utc(2026, 11, 21, 2, 0), "admin", AuditNames.Segment, "5", AuditNames.Created, null, new { name = "晚间" });
        await AtAsync(Utc(2026, 11, 22, 17, 30), "author", AuditNames.TemplateVersion, "12", AuditNames.Submitted, null,
            new { status = "Submitted" });
        await AtAsync(Utc(2026, 11, 23, 3, 0), "approver", AuditNames.TemplateVersion, "12", AuditNames.Approved,
            new { status = "Submitted" }, new { status = "Approved", comment = "可以发送" });
        await AtAsync(Utc(2026, 11, 24, 1, 0), "admin", AuditNames.Customer, "CC0001", AuditNames.HoldPlaced,
            new { hold = "None" }, new { hold = "Legal" });
        await AtAsync(Utc(2026, 11, 24, 1, 0), "admin", AuditNames.Customer, "CC0002", AuditNames.HoldPlaced,
            new { hold = "None" }, new { hold = "Complaint" });
        return [.. ids];
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private async Task<long[]> FindAsync(AuditQuery query) => [.. (await Log.FindAsync(query)).Items.Select(r => r.Id)];

    [Fact]
    public async Task Without_filters_every_entry_comes_newest_first_and_one_instant_by_id()
    {
        var ids = await SeedAsync();

        var page = await Log.FindAsync(new AuditQuery());

        Assert.Equal(5, page.Total);
        Assert.Equal([ids[4], ids[3], ids[2], ids[1], ids[0]], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task A_period_covers_whole_business_days_in_the_business_time_zone()
    {
        var ids = await SeedAsync();
        var day = new DateOnly(2026, 11, 23);

        var found = await FindAsync(new AuditQuery { From = Business.ToInstant(day.ToDateTime(TimeOnly.MinValue)), To = Business.EndOf(day) });

        Assert.Equal([ids[2], ids[1]], found);
    }

    [Fact]
    public async Task Actor_entity_type_entity_id_and_action_each_narrow_to_exact_matches()
    {
        var ids = await SeedAsync();

        Assert.Equal([ids[2]], await FindAsync(new AuditQuery { Actor = "approver" }));
        Assert.Equal([ids[2], ids[1]], await FindAsync(new AuditQuery { EntityType = AuditNames.TemplateVersion }));
        Assert.Equal([ids[3]], await FindAsync(new AuditQuery { EntityId = "CC0001" }));
        Assert.Empty(await FindAsync(new AuditQuery { EntityId = "CC000" }));
        Assert.Equal([ids[4], ids[3]], await FindAsync(new AuditQuery { Action = AuditNames.HoldPlaced }));
        Assert.Equal([ids[1]], await FindAsync(new AuditQuery { EntityType = AuditNames.TemplateVersion, Action = AuditNames.Submitted }));
    }

    [Fact]
    public async Task The_search_looks_inside_before_and_after_and_takes_wildcards_literally()
    {
        var ids = await SeedAsync();

        Assert.Equal([ids[2]], await FindAsync(new AuditQuery { Search = "可以发送" }));
        Assert.Equal([ids[2], ids[1]], await FindAsync(new AuditQuery { Search = "submitted" }));
        Assert.Equal([ids[4]], await FindAsync(new AuditQuery { Search = "Complaint" }));
        Assert.Empty(await FindAsync(new AuditQuery { Search = "%" }));
        Assert.Empty(await FindAsync(new AuditQuery { Search = "hold_" }));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_overlap_or_gap()
    {
        var ids = await SeedAsync();

        var pages = new List<long[]>();
        for (var page = 0; page < 3; page++)
        {
            pages.Add(await FindAsync(new AuditQuery { Page = page, PageSize = 2 }));
        }

        Assert.Equal([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]], pages);
        Assert.Equal(5, (await Log.FindAsync(new AuditQuery { Page = 2, PageSize = 2 })).Total);
    }

    [Fact]
    public async Task The_dropdowns_offer_each_actor_entity_type_and_action_once()
    {
        await SeedAsync();

        var choices = await Log.ChoicesAsync();

        Assert.Equal(["admin", "approver", "author"], choices.Actors);
        Assert.Equal([AuditNames.Customer, AuditNames.Segment, AuditNames.TemplateVersion], choices.EntityTypes);
        Assert.Equal([AuditNames.Approved, AuditNames.Created, AuditNames.HoldPlaced, AuditNames.Submitted], choices.Actions);
    }

    private async Task<byte[]> ExportAsync(AuditQuery query)
    {
        using var output = new MemoryStream();
        await Log.ExportAsync(query, "admin", output);
        return output.ToArray();
    }

    [Fact]
    public async Task The_export_is_utf8_with_a_byte_order_mark_and_holds_exactly_the_filtered_entries()
    {
        await SeedAsync();

        var bytes = await ExportAsync(new AuditQuery { EntityType = AuditNames.TemplateVersion });

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var rows = ImportFile.ReadCsv(new MemoryStream(bytes)).Select(r => r.Cells.Select(c => c ?? "").ToArray()).ToList();
        Assert.Equal(["at", "actor", "entityType", "entityId", "action", "before", "after"], rows[0]);
        Assert.Equal(
            [
                ["2026-11-23T03:00:00.000Z", "approver", "TemplateVersion", "12", "Approved", """{"status":"Submitted"}""",
                 """{"status":"Approved","comment":"可以发送"}"""],
                ["2026-11-22T17:30:00.000Z", "author", "TemplateVersion", "12", "Submitted", "", """{"status":"Submitted"}"""],
            ],
            rows.Skip(1));
    }

    [Fact]
    public async Task The_export_is_audited_with_its_filters_and_leaves_its_own_entry_out()
    {
        await SeedAsync();

        var bytes = await ExportAsync(new AuditQuery { Search = "hold" });

        var rows = ImportFile.ReadCsv(new MemoryStream(bytes)).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        var exported = await Portal.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditNames.Exported));
        Assert.Equal(("admin", AuditNames.Audit), (exported.Actor, exported.EntityType));
        Assert.Contains("\"search\":\"hold\"", exported.After);
        Assert.Equal(6, await Portal.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [SqliteOnlyTheory("it reads SQLite's query plan; PostgreSQL's planner chooses by table statistics")]
    [InlineData("Actor")]
    [InlineData("Action")]
    [InlineData("EntityId")]
    public async Task Each_exact_filter_seeks_an_index_instead_of_scanning_the_trail(string column)
    {
        var plan = await Portal.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"EXPLAIN QUERY PLAN SELECT Id FROM AuditEntries WHERE {column} = 'x' ORDER BY At DESC, Id DESC LIMIT 25";
            await using var reader = await command.ExecuteReaderAsync();
            var steps = new List<string>();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }
            return steps;
        });

        Assert.Contains(plan, step => step.StartsWith("SEARCH AuditEntries USING", StringComparison.Ordinal) && step.Contains($"({column}=?)"));
    }
}
