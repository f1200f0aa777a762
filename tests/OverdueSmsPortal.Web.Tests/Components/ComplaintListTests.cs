using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Complaints;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The complaints list over real SQLite: its filters and chips, what a Viewer may see, the new-complaint dialog and the actions.</summary>
public sealed class ComplaintListTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC1", "陈美玲", 9, Today, "+8613812345678"),
        StudioCustomers.Overdue("CC2", "欧阳娜娜", 10, Today, "+8613987654321"));

    private long runId;

    public ComplaintListTests()
    {
        Services.AddCampaigns(database, Now);
        Services.AddScoped<ComplaintUploadRunner>();
    }

    /// <summary>Both customers got a message; CC1 complains about the tone (high), CC2 about the frequency (low).</summary>
    private async Task SeedComplaintsAsync()
    {
        runId = await Services.SeedSentRunAsync(Now);
        using var scope = Services.CreateScope();
        var receipt = await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().RecordAsync([
            new ComplaintInput { AccountRef = "CC1", Category = ComplaintCategory.Tone, Severity = ComplaintSeverity.High, Summary = "说话太凶了" },
            new ComplaintInput { AccountRef = "CC2", Category = ComplaintCategory.Frequency, Severity = ComplaintSeverity.Low, Summary = "每天都发" },
        ], "operator");
        Assert.Equal(2, receipt.Recorded.Count);
    }

    private IRenderedComponent<ComplaintList> Open(int rows)
    {
        RenderAsLiveCircuit();
        var page = Render<ComplaintList>();
        page.WaitForAssertion(() => Assert.Equal(rows, Rows(page).Count), Wait);
        return page;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<ComplaintList> page) =>
        page.FindAll("[data-testid=complaints-grid] tbody tr").Where(r => r.QuerySelector("[data-testid=complaint-status]") is not null).ToList();

    private static IElement RowOf(IRenderedComponent<ComplaintList> page, string accountRef) =>
        Rows(page).Single(r => r.TextContent.Contains(accountRef, StringComparison.Ordinal));

    [Fact]
    public async Task Each_complaint_shows_its_chips_the_customer_and_the_run_of_its_message()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("approver", PortalRoles.Approver);

        var page = Open(rows: 2);

        var tone = RowOf(page, "CC1");
        Assert.Equal("High", tone.QuerySelector("[data-testid=complaint-severity]")!.GetAttribute("data-severity"));
        Assert.Equal("Open", tone.QuerySelector("[data-testid=complaint-status]")!.GetAttribute("data-status"));
        Assert.Equal("Tone", tone.QuerySelector("[data-testid=complaint-category-chip]")!.GetAttribute("data-category"));
        Assert.Contains("暂停发送中", tone.TextContent);
        Assert.Contains("说话太凶了", tone.QuerySelector("[data-testid=complaint-summary-text]")!.TextContent);
        Assert.Equal($"campaigns/runs/{runId}", tone.QuerySelector("[data-testid=complaint-run]")!.GetAttribute("href"));
        Assert.StartsWith("customers/", tone.QuerySelector("[data-testid=complaint-customer]")!.GetAttribute("href"));
        Assert.Null(RowOf(page, "CC2").QuerySelector("[data-testid=complaint-holds]"));
    }

    [Fact]
    public async Task The_severity_filter_leaves_the_serious_complaint()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("admin", PortalRoles.Admin);
        var (popovers, _) = RenderProviders();
        var page = Open(rows: 2);

        await page.InvokeAsync(() => page.Find(".mud-select:has([data-testid=complaint-severity-filter]) .mud-input-control").MouseDown());
        popovers.WaitForElements(".mud-list-item", Wait);
        await popovers.InvokeAsync(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "高").Click());

        page.WaitForAssertion(() => Assert.Single(Rows(page)), Wait);
        Assert.Contains("CC1", Rows(page)[0].TextContent);
    }

    [Fact]
    public async Task The_account_filter_leaves_the_complaints_of_one_customer()
    {
        await SeedComplaintsAsync();
        SignInAs("admin", PortalRoles.Admin);
        var page = Open(rows: 2);

        await page.InvokeAsync(() => page.Find("[data-testid=complaint-account-filter] input, input[data-testid=complaint-account-filter]").Input("CC2"));

        page.WaitForAssertion(() => Assert.Contains("CC2", Assert.Single(Rows(page)).TextContent), Wait);
    }

    [Fact]
    public async Task A_viewer_sees_masked_names_no_summaries_and_no_actions()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("viewer", PortalRoles.Viewer);

        var page = Open(rows: 2);

        var grid = page.Find("[data-testid=complaints-grid]").TextContent;
        Assert.Contains("陈**", grid);
        Assert.DoesNotContain("陈美玲", grid);
        Assert.DoesNotContain("说话太凶了", grid);
        Assert.Empty(page.FindAll("[data-testid=complaint-summary-text]"));
        Assert.Equal(2, page.FindAll("[data-testid=complaint-summary-masked]").Count);
        Assert.Empty(page.FindAll("[data-testid=start-complaint]"));
        Assert.Empty(page.FindAll("[data-testid=close-complaint]"));
        Assert.Empty(page.FindAll("[data-testid=new-complaint]"));
        Assert.Empty(page.FindAll("[data-testid=complaint-upload-toggle]"));
        Assert.NotNull(page.Find("[data-testid=masking-notice]"));
    }

    [Fact]
    public async Task An_author_sees_the_list_read_only()
    {
        await SeedComplaintsAsync();
        SignInAs("author", PortalRoles.Author);

        var page = Open(rows: 2);

        Assert.Empty(page.FindAll("[data-testid=start-complaint]"));
        Assert.Empty(page.FindAll("[data-testid=new-complaint]"));
    }

    [Fact]
    public async Task The_new_complaint_dialog_shows_what_is_missing_by_its_field_and_records_nothing()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("admin", PortalRoles.Admin);
        var (_, dialogs) = RenderProviders();
        var page = Open(rows: 2);

        await page.InvokeAsync(() => page.Find("[data-testid=new-complaint]").Click());
        dialogs.WaitForElement("[data-testid=complaint-save]", Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=complaint-save]").Click());

        dialogs.WaitForAssertion(() =>
            Assert.Contains("请填写客户账号。", FieldOf(dialogs, "complaint-account").TextContent), Wait);
        Assert.Contains("请填写投诉内容。", FieldOf(dialogs, "complaint-summary").TextContent);
        Assert.DoesNotContain("请填写客户账号。", FieldOf(dialogs, "complaint-summary").TextContent);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task An_account_the_lender_does_not_have_is_refused_by_its_field_until_the_account_is_changed()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("admin", PortalRoles.Admin);
        var (popovers, dialogs) = RenderProviders();
        var page = Open(rows: 2);
        await page.InvokeAsync(() => page.Find("[data-testid=new-complaint]").Click());
        async Task ChooseAsync(string select, string item)
        {
            await dialogs.InvokeAsync(() => dialogs.Find($".mud-select:has([data-testid={select}]) .mud-input-control").MouseDown());
            popovers.WaitForElements(".mud-list-item", Wait);
            await popovers.InvokeAsync(() => popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == item).Click());
        }
        const string account = "[data-testid=complaint-account] input, input[data-testid=complaint-account]";
        const string summary = "[data-testid=complaint-summary] textarea, textarea[data-testid=complaint-summary]";
        dialogs.WaitForElement(account, Wait);
        await dialogs.InvokeAsync(() => dialogs.Find(account).Input("不存在的账号"));
        await dialogs.InvokeAsync(() => dialogs.Find(summary).Input("客户来电说短信太频繁"));
        await ChooseAsync("complaint-category", "发送频率");
        await ChooseAsync("complaint-severity-input", "高");

        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=complaint-save]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("没有这个账号的客户", FieldOf(dialogs, "complaint-account").TextContent), Wait);
        Assert.DoesNotContain("Complaints.Error", dialogs.Markup);
        Assert.Empty(FieldOf(dialogs, "complaint-summary").QuerySelectorAll(".mud-input-error"));
        Assert.Equal(2, await CountAsync());

        await dialogs.InvokeAsync(() => dialogs.Find(account).Input("CC1"));

        dialogs.WaitForAssertion(() => Assert.Empty(FieldOf(dialogs, "complaint-account").QuerySelectorAll(".mud-input-error")), Wait);
    }

    [Fact]
    public async Task A_summary_too_long_is_shown_by_its_field_as_it_is_typed()
    {
        using var _ = CultureScope.Use("en");
        await SeedComplaintsAsync();
        SignInAs("admin", PortalRoles.Admin);
        var (_, dialogs) = RenderProviders();
        var page = Open(rows: 2);

        await page.InvokeAsync(() => page.Find("[data-testid=new-complaint]").Click());
        const string summary = "[data-testid=complaint-summary] textarea, textarea[data-testid=complaint-summary]";
        dialogs.WaitForElement(summary, Wait);
        await dialogs.InvokeAsync(() => dialogs.Find(summary).Input(new string('x', Complaint.MaxSummaryLength + 1)));

        dialogs.WaitForAssertion(() =>
            Assert.Contains("1,000 characters at most", FieldOf(dialogs, "complaint-summary").TextContent), Wait);
        Assert.DoesNotContain("account reference", FieldOf(dialogs, "complaint-account").TextContent);
    }

    [Fact]
    public void The_upload_lists_every_accepted_column_in_chinese_and_links_the_template_file()
    {
        using var _ = CultureScope.Use("zh-CN");
        SignInAs("admin", PortalRoles.Admin);

        var page = Open(rows: 0);
        page.WaitForElement("[data-testid=complaint-upload-toggle]", Wait).Click();

        var upload = page.Find("[data-testid=complaint-upload]");
        var columns = upload.QuerySelector("[data-testid=import-columns]")!.TextContent;
        Assert.All(["投诉编号", "类别", "严重程度", "收到时间"], heading => Assert.Contains(heading, columns));
        Assert.Contains("发送频率", upload.QuerySelector("[data-testid=import-column-category]")!.TextContent);
        Assert.EndsWith("import-templates/complaints.csv", upload.QuerySelector("[data-testid=import-template]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_admin_starts_work_on_a_complaint_and_it_shows_in_progress()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("admin", PortalRoles.Admin);
        var (_, dialogs) = RenderProviders();
        var page = Open(rows: 2);

        await page.InvokeAsync(() => RowOf(page, "CC1").QuerySelector("[data-testid=start-complaint]")!.Click());
        Confirm(dialogs);

        page.WaitForAssertion(() =>
            Assert.Equal("InProgress", RowOf(page, "CC1").QuerySelector("[data-testid=complaint-status]")!.GetAttribute("data-status")), Wait);
        Assert.Null(RowOf(page, "CC1").QuerySelector("[data-testid=start-complaint]"));
        Assert.NotNull(RowOf(page, "CC1").QuerySelector("[data-testid=close-complaint]"));
    }

    [Fact]
    public async Task The_customer_pages_panel_shows_the_severity_and_who_took_the_complaint_up()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("approver", PortalRoles.Approver);
        long customerId;
        using (var scope = Services.CreateScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
            var row = (await desk.FindAsync(new ComplaintQuery { AccountRef = "CC1" }, seesPersonalData: true)).Items.Single();
            await desk.StartWorkAsync(row.Id, new Actor("id-approver", "approver") { Roles = [PortalRoles.Approver] });
            customerId = row.CustomerId!.Value;
        }
        RenderAsLiveCircuit();

        var panel = Render<Web.Components.Pages.Customers.CustomerComplaints>(p => p.Add(c => c.CustomerId, customerId).Add(c => c.SeesPersonalData, true));

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=complaint]")), Wait);
        Assert.Equal("High", panel.Find("[data-testid=complaint-severity]").GetAttribute("data-severity"));
        Assert.Equal("InProgress", panel.Find("[data-testid=complaint-status]").GetAttribute("data-status"));
        Assert.Contains("approver", panel.Find("[data-testid=complaint-started-by]").TextContent);
    }

    private const string NoteInput = "[data-testid=resolution-note] textarea, textarea[data-testid=resolution-note]";

    /// <summary>An Admin opens the close dialog of <paramref name="accountRef"/>'s complaint, types a note and confirms.</summary>
    private async Task<(IRenderedComponent<ComplaintList> Page, IRenderedComponent<MudDialogProvider> Dialogs)> CloseWithNoteAsync(
        string accountRef, string note)
    {
        await SeedComplaintsAsync();
        SignInAs("admin", PortalRoles.Admin);
        var (_, dialogs) = RenderProviders();
        var page = Open(rows: 2);
        await OpenCloseDialogAsync(page, dialogs, accountRef);
        await dialogs.InvokeAsync(() => dialogs.Find(NoteInput).Input(note));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=close-complaint-confirm]").Click());
        return (page, dialogs);
    }

    private static async Task OpenCloseDialogAsync(IRenderedComponent<ComplaintList> page, IRenderedComponent<MudDialogProvider> dialogs, string accountRef)
    {
        await page.InvokeAsync(() => RowOf(page, accountRef).QuerySelector("[data-testid=close-complaint]")!.Click());
        dialogs.WaitForElement(NoteInput, Wait);
    }

    [Fact]
    public async Task A_complaint_someone_else_closed_while_the_dialog_was_open_is_said_to_be_closed_by_someone_else()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("admin", PortalRoles.Admin);
        var (_, dialogs) = RenderProviders();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Open(rows: 2);
        await OpenCloseDialogAsync(page, dialogs, "CC1");
        await dialogs.InvokeAsync(() => dialogs.Find(NoteInput).Input("已致电客户说明"));
        using (var scope = Services.CreateScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
            var row = (await desk.FindAsync(new ComplaintQuery { AccountRef = "CC1" }, seesPersonalData: true)).Items.Single();
            await desk.CloseAsync(row.Id, "另一位同事已处理", new Actor("id-approver", "approver") { Roles = [PortalRoles.Approver] });
        }

        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=close-complaint-confirm]").Click());

        snackbars.WaitForAssertion(() => Assert.Contains("这条投诉已被他人关闭", snackbars.Markup), Wait);
        Assert.Equal(1, await ClosedCountAsync());
    }

    [Fact]
    public async Task Closing_with_a_blank_resolution_note_says_what_is_missing_and_closes_nothing()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (_, dialogs) = await CloseWithNoteAsync("CC1", "   ");

        dialogs.WaitForAssertion(() => Assert.Contains("请填写处理结果", FieldOf(dialogs, "resolution-note").TextContent), Wait);
        Assert.Equal(0, await ClosedCountAsync());
    }

    [Fact]
    public async Task An_admin_closes_a_complaint_with_a_resolution_note_and_the_list_shows_it()
    {
        using var _ = CultureScope.Use("zh-CN");
        var (page, dialogs) = await CloseWithNoteAsync("CC1", "  已致电客户致歉，并将其发送间隔调整为 14 天  ");

        page.WaitForAssertion(() =>
            Assert.Equal("Closed", RowOf(page, "CC1").QuerySelector("[data-testid=complaint-status]")!.GetAttribute("data-status")), Wait);
        Assert.Equal("已致电客户致歉，并将其发送间隔调整为 14 天",
            RowOf(page, "CC1").QuerySelector("[data-testid=complaint-resolution]")!.TextContent.Trim());
        Assert.Equal(1, await ClosedCountAsync());
    }

    [Fact]
    public async Task A_resolution_note_over_the_limit_is_shown_by_its_field_and_closes_nothing()
    {
        using var _ = CultureScope.Use("en");
        var (_, dialogs) = await CloseWithNoteAsync("CC1", new string('说', 10_000));

        dialogs.WaitForAssertion(() => Assert.Contains("500 characters at most", FieldOf(dialogs, "resolution-note").TextContent), Wait);
        Assert.Equal(0, await ClosedCountAsync());
    }

    [Fact]
    public async Task The_related_message_reads_as_its_send_time_campaign_and_opening_words()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("approver", PortalRoles.Approver);
        var body = await BodySentToAsync("CC1");

        var page = Open(rows: 2);

        var link = RowOf(page, "CC1").QuerySelector("[data-testid=complaint-run]")!;
        Assert.Equal($"campaigns/runs/{runId}", link.GetAttribute("href"));
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", link.TextContent);
        Assert.Contains("十一月提醒", link.TextContent);
        Assert.Contains(body[..20], RowOf(page, "CC1").QuerySelector("[data-testid=complaint-message-text]")!.TextContent);
        Assert.DoesNotContain("短信 #", RowOf(page, "CC1").TextContent);
    }

    [Fact]
    public async Task A_viewer_sees_when_and_by_which_campaign_the_message_went_but_not_its_text()
    {
        using var _ = CultureScope.Use("zh-CN");
        await SeedComplaintsAsync();
        SignInAs("viewer", PortalRoles.Viewer);
        var body = await BodySentToAsync("CC1");

        var page = Open(rows: 2);

        var row = RowOf(page, "陈**");
        Assert.Contains("十一月提醒", row.QuerySelector("[data-testid=complaint-run]")!.TextContent);
        Assert.Null(row.QuerySelector("[data-testid=complaint-message-text]"));
        Assert.DoesNotContain(body[..10], row.TextContent);
    }

    private async Task<string> BodySentToAsync(string accountRef)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var customerId = await db.Customers.Where(c => c.AccountRef == accountRef).Select(c => c.Id).SingleAsync();
        return await db.OutboxMessages.Where(m => m.CustomerId == customerId).Select(m => m.Body).SingleAsync();
    }

    private async Task<int> ClosedCountAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Complaints.CountAsync(c => c.Status == ComplaintStatus.Closed);
    }

    private static IElement FieldOf(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"[data-testid={testId}]").Closest(".mud-input-control")
        ?? throw new InvalidOperationException($"{testId} is in no input control.");

    private async Task<int> CountAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Complaints.CountAsync();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
