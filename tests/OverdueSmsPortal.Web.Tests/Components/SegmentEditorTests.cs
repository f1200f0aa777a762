using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Segments;
using OverdueSmsPortal.Web.Components.Pages.Settings;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The segment editor and the Admin's word lists over real services and SQLite.</summary>
public sealed class SegmentEditorTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today),
        StudioCustomers.Overdue("CC3", "林芳", 20, Today));

    public SegmentEditorTests() => Services.AddStudio(database, Now);

    [Fact]
    public async Task The_editor_shows_how_many_customers_match_and_a_sample()
    {
        using var _ = CultureScope.Use("zh-CN");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("admin", PortalRoles.Admin);

        var editor = Render<SegmentEditor>(p => p.Add(s => s.Id, segment.Id));

        editor.WaitForAssertion(() => Assert.Equal("2", editor.Find("[data-testid=segment-count]").TextContent.Trim()), Wait);
        Assert.Contains("欧阳娜娜", editor.Find("[data-testid=segment-match]").TextContent);
        Assert.DoesNotContain("林芳", editor.Find("[data-testid=segment-match]").TextContent);
    }

    [Fact]
    public async Task The_count_follows_the_rules_as_they_change()
    {
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("admin", PortalRoles.Admin);
        var editor = Render<SegmentEditor>(p => p.Add(s => s.Id, segment.Id));
        editor.WaitForAssertion(() => Assert.Equal("2", editor.Find("[data-testid=segment-count]").TextContent.Trim()), Wait);

        await editor.InvokeAsync(() => editor.Find("input[data-testid=amount-min], [data-testid=amount-min] input").Change("3000"));

        editor.WaitForAssertion(() => Assert.Equal("0", editor.Find("[data-testid=segment-count]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task The_legal_notice_cannot_be_chosen_for_a_stage_before_16_days()
    {
        using var _ = CultureScope.Use("en");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("admin", PortalRoles.Admin);

        var editor = Render<SegmentEditor>(p => p.Add(s => s.Id, segment.Id));

        editor.WaitForAssertion(() =>
        {
            Assert.True(LegalNoticeBox(editor).HasAttribute("disabled"));
            Assert.Contains("Only for stages of 16 or more days overdue", editor.Find("[data-testid=legal-notice-disabled]").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task A_stage_of_16_days_or_more_may_choose_the_legal_notice()
    {
        var segment = await Services.SeedSegmentAsync("overdue_16_plus", Tone.Firm);
        SignInAs("admin", PortalRoles.Admin);

        var editor = Render<SegmentEditor>(p => p.Add(s => s.Id, segment.Id));

        editor.WaitForAssertion(() => Assert.False(LegalNoticeBox(editor).HasAttribute("disabled")), Wait);
        Assert.Empty(editor.FindAll("[data-testid=legal-notice-disabled]"));
    }

    [Fact]
    public async Task A_nameless_segment_shows_the_error_by_the_name_field()
    {
        using var _ = CultureScope.Use("en");
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("admin", PortalRoles.Admin);
        var editor = Render<SegmentEditor>(p => p.Add(s => s.Id, segment.Id));
        editor.WaitForElement("[data-testid=save-segment]", Wait);

        await editor.InvokeAsync(() => editor.Find("input[data-testid=segment-name], [data-testid=segment-name] input").Change(""));
        await editor.InvokeAsync(() => editor.Find("[data-testid=save-segment]").ClickAsync(new()));

        editor.WaitForAssertion(() => Assert.Contains("Give the segment a name.", editor.Markup), Wait);
    }

    [Fact]
    public async Task A_segment_still_loading_offers_no_field_to_type_into()
    {
        // A slow database: the segment's own row answers only when the test lets it. A name typed into a form
        // drawn before it arrived was overwritten by the loaded rules, and a save then kept the old name.
        var segmentRow = new HeldFirstRead("Segments") { Armed = false };
        database.AddInterceptors(Services, segmentRow);
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("admin", PortalRoles.Admin);
        segmentRow.Armed = true;

        var editor = Render<SegmentEditor>(p => p.Add(s => s.Id, segment.Id));
        await segmentRow.Held.Task.WaitAsync(Wait);
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        await editor.InvokeAsync(() =>
        {
            Assert.Empty(editor.FindAll("[data-testid=save-segment]"));
            Assert.Empty(editor.FindAll("[data-testid=segment-name] input, input[data-testid=segment-name]"));
        });
        segmentRow.Release.SetResult();
        editor.WaitForAssertion(() => Assert.Equal(segment.Name,
            editor.Find("[data-testid=segment-name] input, input[data-testid=segment-name]").GetAttribute("value")), Wait);
    }

    [Fact]
    public async Task Readers_without_the_admin_role_see_the_rules_but_cannot_save()
    {
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("viewer", PortalRoles.Viewer);

        var editor = Render<SegmentEditor>(p => p.Add(s => s.Id, segment.Id));

        editor.WaitForElement("[data-testid=segment-count]", Wait);
        Assert.Empty(editor.FindAll("[data-testid=save-segment]"));
        Assert.Contains("陈*", editor.Find("[data-testid=segment-match]").TextContent);
    }

    [Fact]
    public async Task A_viewer_forging_an_amount_change_on_the_read_only_field_cannot_filter_by_masked_amounts()
    {
        // The read-only field still has its change handler: a tampered circuit can fire it.
        var segment = await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("viewer", PortalRoles.Viewer);
        var editor = Render<SegmentEditor>(p => p.Add(s => s.Id, segment.Id));
        editor.WaitForAssertion(() => Assert.Equal("2", editor.Find("[data-testid=segment-count]").TextContent.Trim()), Wait);

        await editor.InvokeAsync(() => editor.Find("input[data-testid=amount-min], [data-testid=amount-min] input").Change("3000"));
        // Twice the editor's 300 ms debounce: an admin's change is counted again within it (the test above).
        await Task.Delay(600);

        Assert.Equal("2", editor.Find("[data-testid=segment-count]").TextContent.Trim());
    }

    [Fact]
    public async Task A_viewer_opening_a_new_segment_sees_it_read_only_and_cannot_save()
    {
        using var _ = CultureScope.Use("en");
        await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("viewer", PortalRoles.Viewer);

        var editor = Render<SegmentEditor>();

        editor.WaitForElement("[data-testid=segment-count]", Wait);
        Assert.Empty(editor.FindAll("[data-testid=save-segment]"));
        Assert.Contains("only an Admin can change them", editor.Find("[data-testid=segment-read-only]").TextContent);
        Assert.True(editor.Find("input[data-testid=segment-name], [data-testid=segment-name] input").HasAttribute("readonly"));
    }

    [Fact]
    public async Task An_admin_saves_a_new_segment_under_their_own_name()
    {
        var editor = await OpenAsAdminAsync<SegmentEditor>("[data-testid=save-segment]");
        Assert.Empty(editor.FindAll("[data-testid=segment-read-only]"));

        await editor.InvokeAsync(() => editor.Find("input[data-testid=segment-name], [data-testid=segment-name] input").Change("新客群"));
        await editor.InvokeAsync(() => editor.Find("[data-testid=save-segment]").ClickAsync(new()));

        // On PostgreSQL the save completes after the click's handler yields.
        editor.WaitForAssertion(() =>
        {
            using var reading = Services.CreateScope();
            Assert.True(reading.ServiceProvider.GetRequiredService<PortalDbContext>().Segments.Any(s => s.Name == "新客群"));
        }, TimeSpan.FromSeconds(15));
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var saved = await db.Segments.SingleAsync(s => s.Name == "新客群");
        var id = saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == AuditNames.Segment && e.EntityId == id);
        Assert.Equal(("admin", AuditNames.Created), (entry.Actor, entry.Action));
    }

    [Fact]
    public async Task An_admin_adds_and_removes_a_word_on_the_lint_lists()
    {
        var page = await OpenAsAdminAsync<LintSettingsPage>("[data-category=Insult]");

        await page.InvokeAsync(() => page.Find("[data-category=Insult] input").Input("穷鬼"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-category=Insult] [data-testid=add-entry]").HasAttribute("disabled")), Wait);
        await page.InvokeAsync(() => page.Find("[data-category=Insult] [data-testid=add-entry]").ClickAsync(new()));

        page.WaitForAssertion(() => Assert.Contains("穷鬼", page.Find("[data-category=Insult]").TextContent), Wait);
        using (var scope = Services.CreateScope())
        {
            var entry = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEntries
                .SingleAsync(e => e.EntityType == AuditNames.LintTerm && e.Action == AuditNames.Created);
            Assert.Equal("admin", entry.Actor);
        }
        await page.InvokeAsync(() => page.Find("[data-category=Insult] [data-term=穷鬼] .mud-chip-close-button").ClickAsync(new()));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-category=Insult] [data-term=穷鬼]")), Wait);
    }

    /// <summary>Opens <typeparamref name="TPage"/> as an Admin over the ladder, the word lists and one segment.</summary>
    private async Task<IRenderedComponent<TPage>> OpenAsAdminAsync<TPage>(string ready) where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        await Services.SeedSegmentAsync("overdue_8_15", Tone.Standard);
        SignInAs("admin", PortalRoles.Admin);
        var page = Render<TPage>();
        page.WaitForElement(ready, Wait);
        return page;
    }

    private static AngleSharp.Dom.IElement LegalNoticeBox(IRenderedComponent<SegmentEditor> editor) =>
        editor.Find("input[data-tone=legal_notice], [data-tone=legal_notice] input");

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
