using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Audit;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The audit page over real SQLite: entries newest first in business time, its filters, an entry's changes, the empty state.</summary>
public sealed class AuditPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now, new CustomerDetails(
        "CC0001", "张伟", CustomerTitle.Mr, "+8613800000001", CustomerType.Salaried, LoanProduct.CreditCard, "北京",
        "Asia/Shanghai", AmountDue: 5000m, MinimumDue: 500m, DueDate: new DateOnly(2026, 11, 10), DailyPenaltyRate: 0.0005m, PaydayOfMonth: 15));

    public AuditPageTests() => Services.AddCampaigns(database, Now);

    private async Task SeedAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEntries.AddRange(
            new AuditEntry(new(2026, 11, 22, 17, 30, 0, TimeSpan.Zero), "author", AuditNames.TemplateVersion, "12", AuditNames.Submitted,
                null, """{"status":"Submitted"}"""),
            new AuditEntry(new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero), "approver", AuditNames.TemplateVersion, "12", AuditNames.Approved,
                """{"status":"Submitted"}""", """{"status":"Approved","comment":"可以发送"}"""),
            new AuditEntry(new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero), "admin", AuditNames.Customer, "CC0001", AuditNames.HoldPlaced,
                """{"hold":"None"}""", """{"hold":"Legal"}"""));
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<AuditPage> Open(int rows)
    {
        SignInAs("admin", PortalRoles.Admin);
        RenderAsLiveCircuit();
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal(rows, Rows(page).Count), Wait);
        return page;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<AuditPage> page) =>
        page.FindAll("[data-testid=audit-grid] tbody tr").Where(r => r.QuerySelector("[data-testid=audit-action]") is not null).ToList();

    [Fact]
    public async Task Entries_come_newest_first_in_business_time_with_their_names_in_chinese()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedAsync();

        var page = Open(rows: 3);

        var rows = Rows(page);
        Assert.Equal(["CC0001", "12", "12"], rows.Select(r => r.QuerySelector("[data-testid=audit-entity-id]")!.TextContent));
        Assert.Contains("2026-11-23 01:30:00", rows[2].TextContent);
        Assert.Equal("模板版本", rows[1].QuerySelector("[data-testid=audit-entity-type]")!.TextContent);
        Assert.Equal("批准", rows[1].QuerySelector("[data-testid=audit-action]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_change_to_a_user_names_the_user_not_their_internal_id()
    {
        using var _ = CultureScope.Use("zh-CN");
        string id;
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var user = new Infrastructure.Identity.PortalUser { UserName = "zhang.wei", NormalizedUserName = "ZHANG.WEI", DisplayName = "张伟" };
            db.Users.Add(user);
            id = user.Id;
            db.AuditEntries.Add(new AuditEntry(Now, "admin", AuditNames.User, user.Id, AuditNames.RolesChanged, null, null));
            await db.SaveChangesAsync();
        }

        var row = Rows(Open(rows: 1))[0];

        var subject = row.QuerySelector("[data-testid=audit-entity-id]")!.TextContent;
        Assert.Contains("zhang.wei", subject);
        Assert.DoesNotContain(id, subject);
    }

    [Fact]
    public async Task Each_entry_links_to_its_subject_where_the_portal_has_a_page_for_it()
    {
        using var _ = CultureScope.Use("zh-CN");
        long customerId;
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            customerId = db.Customers.Single(c => c.AccountRef == "CC0001").Id;
            db.AuditEntries.AddRange(
                new AuditEntry(Now.AddMinutes(-3), "admin", AuditNames.Customer, "CC0001", AuditNames.HoldPlaced, null, null),
                new AuditEntry(Now.AddMinutes(-2), "admin", AuditNames.Campaign, "7", AuditNames.Approved, null, null),
                new AuditEntry(Now.AddMinutes(-1), "admin", AuditNames.Complaint, "5", AuditNames.Closed, null, null),
                new AuditEntry(Now, "admin", AuditNames.SendPolicy, "policy", AuditNames.Updated, null, null));
            await db.SaveChangesAsync();
        }

        var rows = Rows(Open(rows: 4));

        string? Link(int row) => rows[row].QuerySelector("[data-testid=audit-entity-id] a")?.GetAttribute("href");
        Assert.Equal("settings/policy", Link(0));
        Assert.Equal("complaints", Link(1));
        Assert.Equal("campaigns/7", Link(2));
        Assert.Equal($"customers/{customerId}", Link(3));
    }

    [Fact]
    public async Task A_name_without_a_translation_shows_as_stored()
    {
        using var _ = CultureScope.Use("en");
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.AuditEntries.Add(new AuditEntry(Now, "system", "Webhook", "7", "Rotated", null, null));
            await db.SaveChangesAsync();
        }

        var row = Open(rows: 1).FindAll("[data-testid=audit-grid] tbody tr")[0];

        Assert.Equal("Webhook", row.QuerySelector("[data-testid=audit-entity-type]")!.TextContent);
        Assert.Equal("Rotated", row.QuerySelector("[data-testid=audit-action]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Choosing_an_action_leaves_only_its_entries_and_the_export_link_carries_the_filter()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedAsync();
        var (popovers, _) = RenderProviders();
        var page = Open(rows: 3);

        await page.InvokeAsync(() => page.Find(".mud-select:has([data-testid=audit-action-filter]) .mud-input-control").MouseDown());
        popovers.WaitForElements(".mud-list-item", Wait);
        await popovers.InvokeAsync(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "批准").Click());

        page.WaitForAssertion(() => Assert.Equal("approver", Assert.Single(Rows(page)).QuerySelector("[data-testid=audit-actor]")!.TextContent), Wait);
        Assert.Equal("audit/export?action=Approved", page.Find("[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_search_box_finds_text_inside_before_and_after()
    {
        await SeedAsync();
        var page = Open(rows: 3);

        await page.InvokeAsync(() => page.Find("[data-testid=audit-search] input, input[data-testid=audit-search]").Input("Legal"));

        page.WaitForAssertion(() => Assert.Equal("CC0001", Assert.Single(Rows(page)).QuerySelector("[data-testid=audit-entity-id]")!.TextContent), Wait);
    }

    [Fact]
    public async Task Opening_an_entry_shows_before_and_after_side_by_side_with_the_changed_values_marked()
    {
        await SeedAsync();
        var page = Open(rows: 3);

        await page.InvokeAsync(() => Rows(page)[1].QuerySelector("button")!.Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=audit-changes]")), Wait);
        Assert.Equal(["\"status\": \"Submitted\""], page.FindAll("[data-testid=audit-before] .audit-json-changed").Select(l => l.TextContent));
        Assert.Equal(["\"status\": \"Approved\",", "\"comment\": \"可以发送\""],
            page.FindAll("[data-testid=audit-after] .audit-json-changed").Select(l => l.TextContent));
    }

    [Fact]
    public void An_empty_trail_says_so()
    {
        using var _ = CultureScope.Use("zh-CN");

        var page = Open(rows: 0);

        page.WaitForAssertion(() => Assert.Equal("还没有审计记录。", page.Find("[data-testid=audit-empty]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task Filters_that_match_nothing_say_to_widen_them()
    {
        using var _ = CultureScope.Use("en");
        await SeedAsync();
        var page = Open(rows: 3);

        await page.InvokeAsync(() => page.Find("[data-testid=audit-entity-id] input, input[data-testid=audit-entity-id]").Input("CC9999"));

        page.WaitForAssertion(() => Assert.Contains("widen them", page.Find("[data-testid=audit-empty]").TextContent), Wait);
        Assert.Empty(Rows(page));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
