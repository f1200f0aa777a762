using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Tests.Shared;
using OverdueSmsPortal.Web.Components.Pages.Repayments;
using OverdueSmsPortal.Web.Security;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The repayment upload page over real SQLite: what it says before, during and after an upload.</summary>
public sealed class RepaymentUploadTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private const string AFile =
        "paymentId,accountRef,amount,paidAt\r\n" +
        "PAY-1,CC0001,1000,2026-11-23 10:00:00\r\n" +
        "PAY-2,CC0002,234.5,2026-11-23 11:00:00\r\n" +
        "PAY-3,NO-SUCH,50,2026-11-23 12:00:00\r\n";

    private readonly CustomerDatabase database = new(Now, ACustomer("CC0001"), ACustomer("CC0002"));

    public RepaymentUploadTests()
    {
        Services.AddCampaigns(database, Now);
        Services.AddScoped<RepaymentUploadRunner>();
    }

    private IRenderedComponent<RepaymentUpload> Open(string role = PortalRoles.Admin)
    {
        SignInAs(role.ToLowerInvariant(), role);
        RenderAsLiveCircuit();
        return Render<RepaymentUpload>();
    }

    private static void Upload(IRenderedComponent<RepaymentUpload> page, string text, string fileName = "repayments.csv") =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, fileName));

    private static string Cell(IRenderedComponent<RepaymentUpload> page, string row) =>
        page.Find($"[data-testid=repayments-{row}] td:last-child").TextContent.Trim();

    private async Task<int> RepaymentCountAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Repayments.CountAsync();
    }

    [Fact]
    public void Before_any_upload_the_page_names_the_columns_and_says_nothing_was_uploaded_yet()
    {
        using var _ = CultureScope.Use("zh-CN");

        var page = Open();

        Assert.Contains("paymentId, accountRef, amount, paidAt", page.Markup);
        Assert.Contains("尚未上传文件", page.Find("[data-testid=repayments-empty]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=repayments-summary]"));
    }

    [Fact]
    public void The_page_lists_every_accepted_column_in_chinese_and_links_the_template_file()
    {
        using var _ = CultureScope.Use("zh-CN");

        var page = Open();

        var columns = page.Find("[data-testid=import-columns]").TextContent;
        Assert.All(["还款编号", "账号", "还款金额", "还款时间"], heading => Assert.Contains(heading, columns));
        Assert.NotNull(page.Find("[data-testid=import-column-paidAt]"));
        Assert.EndsWith("import-templates/repayments.csv", page.Find("[data-testid=import-template]").GetAttribute("href"));
    }

    [Fact]
    public async Task An_upload_shows_what_was_recorded_the_amount_in_yuan_and_each_refused_row_with_its_reason()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = Open();

        Upload(page, AFile);

        page.WaitForElement("[data-testid=repayments-summary]", Wait);
        Assert.Equal(("2", "0", "1"), (Cell(page, "recorded"), Cell(page, "already"), Cell(page, "refused")));
        Assert.Equal("¥1,234.50", Cell(page, "amount"));
        var errors = page.Find("[data-testid=import-errors]").TextContent;
        Assert.Contains("NO-SUCH", errors);
        Assert.Contains("没有这个账户号的客户", errors);
        Assert.Empty(page.FindAll("[data-testid=repayments-empty]"));
        Assert.Equal(2, await RepaymentCountAsync());
    }

    [Fact]
    public async Task The_same_file_again_is_reported_as_already_recorded_and_records_nothing()
    {
        using var _ = CultureScope.Use("en");
        var page = Open();
        Upload(page, AFile);
        page.WaitForElement("[data-testid=repayments-summary]", Wait);

        Upload(page, AFile);

        page.WaitForAssertion(() => Assert.Equal("2", Cell(page, "already")), Wait);
        Assert.Equal(("0", "¥0.00"), (Cell(page, "recorded"), Cell(page, "amount")));
        Assert.Contains("nothing new was recorded", page.Find("[data-testid=repayments-summary]").TextContent);
        Assert.Equal(2, await RepaymentCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_is_refused_with_the_limit_and_nothing_is_recorded()
    {
        using var _ = CultureScope.Use("zh-CN");
        Services.Configure<UploadOptions>(options => options.MaxFileBytes = 100);
        var page = Open();

        Upload(page, AFile);

        page.WaitForAssertion(() => Assert.Contains("文件过大：最大 1 KB", page.Find("[data-testid=repayments-file-error]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=repayments-summary]"));
        Assert.Equal(0, await RepaymentCountAsync());
    }

    [SqliteOnlyFact("it holds SQLite's single write lock from another connection")]
    public async Task An_upload_the_database_stops_says_it_stopped_and_that_the_same_file_completes_it()
    {
        using var _ = CultureScope.Use("zh-CN");
        // A short busy timeout keeps the test quick; the portal's own is DependencyInjection.DefaultBusyTimeoutSeconds.
        Services.ConfigureDbContext<PortalDbContext>(options => options.UseSqlite(database.ConnectionString + ";Default Timeout=1"));
        var page = Open();

        await using (await RivalWriter.HoldAsync(database.ConnectionString))
        {
            Upload(page, AFile);

            page.WaitForAssertion(() => Assert.Contains("导入中途停止：数据库正忙", page.Find("[data-testid=repayments-file-error]").TextContent), Wait);
        }
        SqliteConnection.ClearAllPools();

        Assert.Contains("重新上传同一文件即可补齐", page.Find("[data-testid=repayments-file-error]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=repayments-summary]"));
        Assert.Equal(0, await RepaymentCountAsync());
    }

    [Fact]
    public void A_file_that_is_not_csv_or_excel_is_refused_with_a_clear_message()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = Open();

        Upload(page, "%PDF-1.7", "repayments.pdf");

        page.WaitForAssertion(() => Assert.Contains("只能导入 .csv 或 .xlsx 文件", page.Find("[data-testid=repayments-file-error]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=repayments-summary]"));
    }

    [Fact]
    public void A_file_without_the_repayment_columns_names_the_missing_ones()
    {
        using var _ = CultureScope.Use("en");
        var page = Open();

        Upload(page, "paymentId,accountRef\r\nPAY-1,CC0001\r\n");

        page.WaitForAssertion(() => Assert.Contains("amount,paidAt", page.Find("[data-testid=repayments-file-error]").TextContent), Wait);
    }

    [Fact]
    public void A_file_with_only_its_header_says_it_holds_no_repayments()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = Open();

        Upload(page, "paymentId,accountRef,amount,paidAt\r\n");

        page.WaitForAssertion(() => Assert.Contains("没有还款行", page.Find("[data-testid=repayments-summary]").TextContent), Wait);
        Assert.Equal("0", Cell(page, "recorded"));
    }

    [Fact]
    public async Task Someone_without_the_Admin_role_who_reaches_the_upload_records_nothing()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = Open(PortalRoles.Author);

        Upload(page, AFile);

        page.WaitForAssertion(() => Assert.Contains("无权执行此操作", page.Find("[data-testid=repayments-file-error]").TextContent), Wait);
        Assert.Equal(0, await RepaymentCountAsync());
    }

    private static CustomerDetails ACustomer(string accountRef) => new(
        accountRef, "张伟", CustomerTitle.Mr, "+86138" + accountRef[^4..].PadLeft(8, '1'), CustomerType.Salaried, LoanProduct.CreditCard, "北京",
        "Asia/Shanghai", AmountDue: 5000m, MinimumDue: 500m, DueDate: new DateOnly(2026, 11, 10), DailyPenaltyRate: 0.0005m, PaydayOfMonth: 15);
}
