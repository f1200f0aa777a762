using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>
/// The operators' whole journey on a new portal, through the browser only and in Chinese: the first
/// admin creates an author and an approver, connects a real Kannel, imports customers and sets up a
/// segment; the author writes a template and the approver approves it; the author builds a campaign
/// and the approver approves it; it runs through Kannel's fake SMSC and the delivery reports come
/// back; a customer's 退订 comes back from the phone; a repayment file is uploaded; the dashboard
/// shows it all. Then the portal's log of the whole run is searched for the customers' personal data.
/// </summary>
[Collection(JourneyCollection.Name)]
public sealed partial class JourneyTests(JourneyFixture portal, ITestOutputHelper output) : IAsyncLifetime
{
    private const int CustomerCount = 20;
    private const string SenderId = "10690000";
    private const string SegmentName = "旅程逾期8–15天客户";
    private const string CampaignName = "旅程十二月提醒";
    private const string TemplateBody =
        "【{{ lender.name }}】尊敬的{{ customer.name }}{{ customer.title }}，您好！您的欠款{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天。" +
        "请尽快通过官方APP或 {{ lender.payment_link }} 还款，如需协商还款计划请致电{{ lender.hotline }}。如您已还款，请忽略本短信。回复退订不再提醒。";

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly string[] FamilyNames =
        ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "长孙", "宇文", "尉迟", "公孙", "夏侯", "端木", "独孤", "南宫", "西门", "轩辕", "百里", "呼延"];

    private static readonly string[] GivenNames =
        ["明轩", "嘉怡", "子涵", "浩然", "雨桐", "俊杰", "思远", "欣妍", "宇航", "梓萱", "博文", "诗琪", "天佑", "可馨", "泽宇", "婉清", "振华", "若曦", "景行", "安琪"];

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<IBrowserContext> contexts = [];
    private int shot;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Users_customers_template_campaign_kannel_reply_repayment_and_dashboard_through_the_browser_and_no_personal_data_in_the_log()
    {
        try
        {
            await JourneyAsync();
        }
        catch
        {
            // What each person last saw explains a failure; the steps' own pictures are numbered.
            foreach (var (page, i) in contexts.SelectMany(c => c.Pages).Select((p, i) => (p, i)))
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(portal.ScreenshotDirectory, $"journey-failed-{i}.png"), FullPage = true });
            }
            throw;
        }
    }

    private async Task JourneyAsync()
    {
        var customers = JourneyCustomers(DateTimeOffset.UtcNow);
        var authorPassword = JourneyFixture.NewPassword();
        var approverPassword = JourneyFixture.NewPassword();
        var sendSmsPort = PortalProcess.FreeLoopbackPort();
        var kannelPassword = JourneyFixture.NewPassword();

        // The first admin signs in and creates the two people who write and approve.
        var admin = await SignInAsync(JourneyFixture.AdminUserName, portal.AdminPassword, screenshot: true);
        await admin.OpenAsync("users");
        await CreateUserAsync(admin, "li.author", "李文案", authorPassword, "模板编辑");
        await CreateUserAsync(admin, "zhao.approver", "赵审批", approverPassword, "审批人");
        await Expect(admin.Page.Locator("[data-testid=users-grid] tbody tr")).ToHaveCountAsync(3);
        await ScreenshotAsync(admin, "users");

        // The admin connects Kannel: everything in the settings page, then Kannel is started with the MO URL it shows.
        await admin.OpenAsync("settings/gateway");
        var page = admin.Page;
        await page.Locator("[data-testid=provider-Kannel]").ClickAsync();
        await page.Locator("input[data-testid=gateway-KannelUrl]").FillAsync($"http://127.0.0.1:{sendSmsPort}/cgi-bin/sendsms");
        await page.Locator("input[data-testid=gateway-KannelUsername]").FillAsync("portal");
        await page.Locator("input[data-testid=gateway-NewKannelPassword]").FillAsync(kannelPassword);
        await page.Locator("input[data-testid=gateway-SenderId]").FillAsync(SenderId);
        await page.Locator("input[data-testid=gateway-CallbackBaseUrl]").FillAsync(portal.BaseAddress.ToString());
        await page.Locator("[data-testid=save-gateway]").ClickAsync();
        await Expect(page.Locator("[data-testid=token-issued-with-save]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=mo-url]")).ToContainTextAsync("catch-all = true");
        var token = (await page.Locator("[data-testid=token-value]").InnerTextAsync()).Trim();
        await ScreenshotAsync(admin, "gateway-kannel");
        await using var kannel = await KannelServer.StartAsync(
            $"{portal.BaseAddress.ToString().TrimEnd('/')}{KannelGateway.MoPath}?token={Uri.EscapeDataString(token)}",
            options: ["--sendsms-port", sendSmsPort.ToString(CultureInfo.InvariantCulture), "--username", "portal", "--password", kannelPassword]);
        Step("Kannel started");

        // The admin imports the customers from a CSV file chosen in the file dialog.
        var customerFile = await WriteFileAsync("journey-customers.csv", CustomerCsv(customers));
        await admin.OpenAsync("customers/import");
        await ChooseFileAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "选择文件并导入" }), customerFile);
        await Expect(page.Locator("[data-testid=import-summary]")).ToContainTextAsync($"新增 {CustomerCount} 个客户");
        await ScreenshotAsync(admin, "customers-imported");

        // Segments are the admin's: one for the stage the customers are in.
        await admin.OpenAsync("segments/new");
        await page.Locator("input[data-testid=segment-name]").FillAsync(SegmentName);
        await page.Locator("[data-testid=segment-stage]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "逾期8–15天" }).ClickAsync();
        await Expect(page.Locator("[data-testid=segment-count]")).ToHaveTextAsync(CustomerCount.ToString(CultureInfo.InvariantCulture));
        await ScreenshotAsync(admin, "segment");
        await page.Locator("[data-testid=save-segment]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/segments$"));
        await Expect(page.Locator("[data-testid=segments-grid]")).ToContainTextAsync(SegmentName);

        // The author writes the standard template of the segment and submits it.
        var author = await SignInAsync("li.author", authorPassword);
        await author.OpenAsync("templates");
        await author.Page.Locator("[data-testid=templates-grid] td[data-tone=standard] a").First.ClickAsync();
        await author.Page.WaitForURLAsync(new Regex(@"/templates/\d+/standard$"));
        var studioPath = new Uri(author.Page.Url).AbsolutePath.TrimStart('/');
        var body = author.Page.Locator("textarea[data-testid=template-body], [data-testid=template-body] textarea").First;
        await Expect(body).ToBeEditableAsync();
        await body.FillAsync(TemplateBody);
        await Expect(author.Page.Locator("[data-testid=preview-text]").First).ToContainTextAsync("回复退订不再提醒");
        await author.Page.Locator("[data-testid=save-draft]").ClickAsync();
        await Expect(author.Page.Locator("[data-testid=unsaved]")).ToHaveCountAsync(0);
        await author.Page.Locator("[data-testid=submit-review]").ClickAsync();
        await Expect(author.Page.Locator(".studio-state [data-testid=version-status]")).ToContainTextAsync("待审批");
        await ScreenshotAsync(author, "template-submitted");

        // The approver approves it, having read the warnings if there are any.
        var approver = await SignInAsync("zhao.approver", approverPassword);
        await approver.OpenAsync(studioPath);
        var review = approver.Page.Locator("[data-testid=review-panel]");
        await Expect(review).ToBeVisibleAsync();
        var warningsRead = approver.Page.Locator("input[data-testid=review-warnings-read], [data-testid=review-warnings-read] input");
        if (await warningsRead.CountAsync() > 0)
        {
            await warningsRead.First.CheckAsync();
        }
        await approver.Page.Locator("[data-testid=review-comment] textarea, textarea[data-testid=review-comment]").First.FillAsync("措辞得当，同意使用。");
        await ScreenshotAsync(approver, "template-review");
        await approver.Page.Locator("[data-testid=review-approve]").ClickAsync();
        await Expect(approver.Page.Locator(".studio-state [data-testid=version-status]")).ToContainTextAsync("已批准");

        // The author builds the campaign: the segment, its approved template, once now, and submits it.
        await author.OpenAsync("campaigns/new");
        page = author.Page;
        await page.Locator("input[data-testid=campaign-name]").FillAsync(CampaignName);
        await page.Locator("tr", new() { HasText = SegmentName }).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("[data-testid=step-next]").ClickAsync();
        await Expect(page.Locator("[data-testid^=segment-templates-]")).ToHaveCountAsync(1);
        await page.Locator("[data-testid=step-next]").ClickAsync();
        await page.Locator("[data-testid=schedule-Once]").ClickAsync();
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai);
        await page.Locator("input[data-testid=once-date]").FillAsync(now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("input[data-testid=once-time]").FillAsync(now.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.Locator("input[data-testid=throughput]").FillAsync("50");
        // Now, on any day: the customers live where it is between 10:00 and 17:59, inside the contact hours.
        await author.SetSendWindowAsync("08:00", "21:00");
        await page.Locator("[data-testid=step-next]").ClickAsync();
        await Expect(page.Locator("[data-testid=forecast-eligible]")).ToHaveTextAsync(CustomerCount.ToString(CultureInfo.InvariantCulture));
        await ScreenshotAsync(author, "campaign-forecast");
        await page.Locator("[data-testid=submit-campaign]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/campaigns/\d+$"));
        await Expect(page.Locator("[data-testid=campaign-status]")).ToContainTextAsync("待审批");
        var campaignPath = new Uri(page.Url).AbsolutePath.TrimStart('/');

        // The approver approves the campaign; its one firing is due, so it runs at once.
        await approver.OpenAsync(campaignPath);
        await approver.Page.Locator("textarea[data-testid=campaign-review-comment]").FillAsync("客群与时段无误，同意发送。");
        await approver.Page.Locator("[data-testid=approve-campaign]").ClickAsync();
        await Expect(approver.Page.Locator("[data-testid=campaign-status]")).ToContainTextAsync("已批准");
        await ScreenshotAsync(approver, "campaign-approved");

        // The run page follows the messages through Kannel until every delivery report is in.
        await approver.Page.Locator("[data-testid=run-link]").First.ClickAsync(new() { Timeout = 60_000 });
        await approver.WaitUntilLiveAsync();
        await Expect(Counter(approver, "Delivered")).ToHaveTextAsync(CustomerCount.ToString(CultureInfo.InvariantCulture), new() { Timeout = 90_000 });
        await Expect(approver.Page.Locator("[data-testid=run-percent]")).ToContainTextAsync("100 %");
        var phones = await WaitForPhonesAsync(kannel, CustomerCount);
        Assert.Equal(customers.Select(c => "+86" + c.Phone).Order(), phones.Select(m => m.Receiver).Order());
        Assert.All(phones, m => Assert.Contains(customers.Single(c => "+86" + c.Phone == m.Receiver).Name, m.Text));
        await ScreenshotAsync(approver, "run-delivered");

        // A customer answers 退订 on the phone; the reply shows on the replies page as an opt-out.
        var quitter = customers[0];
        await kannel.SendReplyAsync(quitter.Phone, SenderId, "退订");
        await approver.OpenAsync("replies");
        await Expect(approver.Page.Locator("[data-testid=replies-grid] [data-testid=reply-category]"))
            .ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(approver.Page.Locator("[data-testid=replies-grid] [data-testid=reply-category]")).ToContainTextAsync("退订");
        await Expect(approver.Page.Locator("[data-testid=reply-opted-out]")).ToHaveCountAsync(1);
        await Expect(approver.Page.Locator("[data-testid=reply-campaign]")).ToContainTextAsync(CampaignName);
        await ScreenshotAsync(approver, "replies");

        // The admin uploads the lender's repayment file: two of the customers paid.
        var paidAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var repaymentFile = await WriteFileAsync("journey-repayments.csv",
            $"paymentId,accountRef,amount,paidAt\nJY-PAY-1,{customers[1].AccountRef},500.00,{paidAt}\nJY-PAY-2,{customers[2].AccountRef},1200.00,{paidAt}\n");
        await admin.OpenAsync("repayments/upload");
        await ChooseFileAsync(admin.Page, admin.Page.GetByRole(AriaRole.Button, new() { Name = "选择文件并上传" }), repaymentFile);
        await Expect(admin.Page.Locator("[data-testid=repayments-recorded] td").Last).ToHaveTextAsync("2");
        await Expect(admin.Page.Locator("[data-testid=repayments-amount]")).ToContainTextAsync("¥1,700.00");
        await ScreenshotAsync(admin, "repayments-uploaded");

        // The dashboard, once the roll-up (every 20 s) has counted the run again.
        await admin.OpenAsync("");
        await UntilDashboardShowsAsync(admin, new Dictionary<string, string>
        {
            ["Delivered-Count"] = "20",
            ["Replied-Rate"] = "5.0%",
            ["OptedOut-Rate"] = "5.0%",
            ["Repaid-Rate"] = "10.0%",
            ["Repaid-Money"] = "¥1,700.00",
        });
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(admin.Page.Locator("[data-testid=table-days] [data-testid=table-row]").First).ToContainTextAsync(today);
        await ScreenshotAsync(admin, "dashboard");

        AssertNoPersonalDataInLog(customers, phones);
        output.WriteLine($"The journey took {clock.Elapsed.TotalSeconds:0} s.");
    }

    /// <summary>
    /// Searches every line the portal printed during the journey for each customer's full number (in
    /// the forms a log could write it), full name and the texts the phones received. The log has the
    /// portal's own Debug lines and EF Core's SQL, so the search covers what an operator would switch on.
    /// </summary>
    private void AssertNoPersonalDataInLog(IReadOnlyList<JourneyCustomer> customers, IReadOnlyList<PhoneMessage> texts)
    {
        var log = portal.PortalOutput;
        Assert.Contains(log, line => line.Contains("dbug: OverdueSmsPortal.", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
        // EF Core says so when parameter values go into the log; they never may.
        Assert.DoesNotContain(log, line => line.Contains("Sensitive data logging is enabled", StringComparison.Ordinal));

        var leaks = PersonalDataScan.Leaks(log, customers.Select(c => new PersonalDataScan.Person(c.AccountRef, c.Name, c.Phone)),
            texts.Select(t => t.Text));
        Assert.True(leaks.Count == 0,
            $"The portal's log holds personal data in full ({leaks.Count} findings):{Environment.NewLine}{string.Join(Environment.NewLine, leaks.Take(20))}");
    }

    private async Task<PortalPage> SignInAsync(string userName, string password, bool screenshot = false)
    {
        var context = await portal.NewContextAsync();
        contexts.Add(context);
        var page = new PortalPage(await context.NewPageAsync());
        if (screenshot)
        {
            await page.OpenLoginAsync();
            await page.UserNameInput.FillAsync(userName);
            await ScreenshotAsync(page, "sign-in");
        }
        await page.SignInAsync(userName, password);
        return page;
    }

    private async Task CreateUserAsync(PortalPage admin, string userName, string displayName, string password, string role)
    {
        var page = admin.Page;
        await page.Locator("[data-testid=new-user]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("input[data-testid=new-user-name]").FillAsync(userName);
        await dialog.Locator("input[data-testid=new-user-display-name]").FillAsync(displayName);
        await dialog.Locator("input[data-testid=new-user-password]").FillAsync(password);
        await dialog.Locator(".mud-input-control.mud-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = role }).ClickAsync();
        // A new user starts as a viewer (监控); these two do one job each.
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "监控" }).ClickAsync();
        // A multiple choice stays open; a click beside it closes it.
        await dialog.Locator(".mud-dialog-title").ClickAsync(new() { Force = true });
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        if (shot == 1)
        {
            // Each hint stays clear of the next field's label (they touched in a dialog too narrow and unspaced).
            var hint = await dialog.Locator(".mud-input-helper-text").First.BoundingBoxAsync();
            var nextLabel = await dialog.Locator("label", new() { HasText = "显示名称" }).BoundingBoxAsync();
            Assert.True(nextLabel!.Y - (hint!.Y + hint.Height) >= 8,
                $"The user name hint ends at {hint.Y + hint.Height:0} px, the next label starts at {nextLabel.Y:0} px.");
            await ScreenshotAsync(admin, "new-user-dialog");
        }
        await dialog.Locator("[data-testid=save-new-user]").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=users-grid] tr", new() { HasText = userName }).Locator(".mud-chip"))
            .ToHaveTextAsync([role, "正常"]);
    }

    /// <summary>Clicks the page's own upload button and picks the file in the dialog it opens, as a person does.</summary>
    private static async Task ChooseFileAsync(IPage page, ILocator button, string path)
    {
        await Expect(button).ToBeEnabledAsync();
        var chooser = await page.RunAndWaitForFileChooserAsync(() => button.ClickAsync());
        await chooser.SetFilesAsync(path);
    }

    private static ILocator Counter(PortalPage page, string status) =>
        page.Page.Locator($"[data-testid=run-counters] .run-counter[data-status={status}] [data-testid=counter-value]");

    /// <summary>Reloads the dashboard until every tile shows its figure: the roll-up runs every 20 s.</summary>
    private static async Task UntilDashboardShowsAsync(PortalPage page, IReadOnlyDictionary<string, string> figures)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await Expect(page.Page.Locator("[data-testid=dashboard-tiles]")).ToBeVisibleAsync();
            var shown = new Dictionary<string, string>();
            foreach (var tile in figures.Keys)
            {
                shown[tile] = (await page.Page.Locator($"[data-testid=tile-{tile}] [data-testid=tile-value]").InnerTextAsync()).Trim();
            }
            if (figures.All(f => shown[f.Key] == f.Value))
            {
                return;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                Assert.Equal(figures.OrderBy(f => f.Key).ToList(), shown.OrderBy(f => f.Key).ToList());
            }
            await Task.Delay(3000);
            await page.Page.ReloadAsync();
            await page.WaitUntilLiveAsync();
        }
    }

    private static async Task<IReadOnlyList<PhoneMessage>> WaitForPhonesAsync(KannelServer kannel, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var received = kannel.ReceivedMessages();
            if (received.Count >= count && received.All(m => m.Complete) || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.True(received.Count == count, $"The phones got {received.Count} messages, not {count}.{Environment.NewLine}{kannel.LogTail()}");
                return received;
            }
            await Task.Delay(250);
        }
    }

    private async Task ScreenshotAsync(PortalPage page, string step)
    {
        // Let a snackbar or a re-render settle so that the picture shows the state the step reached.
        await page.Page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(portal.ScreenshotDirectory, $"journey-{++shot:00}-{step}.png");
        Step(step);
    }

    private void Step(string step) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {step}");

    private async Task<string> WriteFileAsync(string name, string text)
    {
        var path = Path.Combine(portal.DataDirectory, name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    /// <summary>
    /// Twenty customers ten days overdue, with names and numbers no other part of the portal uses. They
    /// live in a fixed-offset zone where it is day now, so the contact hours let the messages leave at
    /// whatever hour the test runs.
    /// </summary>
    private static List<JourneyCustomer> JourneyCustomers(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Shanghai).Date);
        var zone = DaylightZone.At(now);
        return Enumerable.Range(1, CustomerCount).Select(i => new JourneyCustomer(
            $"JY{i:000000}",
            FamilyNames[i - 1] + GivenNames[i - 1],
            $"1391234{i:0000}",
            zone,
            1000m + i * 37.5m,
            today.AddDays(-10))).ToList();
    }

    private static string CustomerCsv(IEnumerable<JourneyCustomer> customers)
    {
        var csv = new StringBuilder("accountRef,name,title,phone,customerType,product,region,timeZone,amountDue,minimumDue,dueDate,dailyPenaltyRate,paydayOfMonth\n");
        foreach (var c in customers)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{c.AccountRef},{c.Name},先生,{c.Phone},salaried,credit_card,广东,{c.TimeZone},{c.AmountDue:0.00},{c.AmountDue / 10:0.00},{c.DueDate:yyyy-MM-dd},0.0005,15\n");
        }
        return csv.ToString();
    }

    private sealed record JourneyCustomer(string AccountRef, string Name, string Phone, string TimeZone, decimal AmountDue, DateOnly DueDate);
}
