using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OverdueSmsPortal.BrowserTests;

/// <summary>The template studio through a real browser: edit, preview, submit, then review as someone else.</summary>
[Collection(PortalCollection.Name)]
public sealed class TemplateStudioTests(PortalFixture portal) : IAsyncLifetime
{
    private IBrowserContext _authorContext = null!;
    private IBrowserContext _approverContext = null!;

    public async Task InitializeAsync()
    {
        _authorContext = await portal.NewContextAsync();
        _approverContext = await portal.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        await _authorContext.CloseAsync();
        await _approverContext.CloseAsync();
    }

    [Fact]
    public async Task Author_edits_and_submits_a_template_and_another_user_approves_it()
    {
        var author = new PortalPage(await _authorContext.NewPageAsync());
        await author.SignInAsync(DemoUsers.Author);
        var studioPath = await OpenFirstTemplateAsync(author, "standard");

        var body = author.Page.Locator("textarea[data-testid=template-body], [data-testid=template-body] textarea").First;
        await Expect(body).ToBeEditableAsync();
        var firstPreview = author.Page.Locator("[data-testid=preview-text]").First;
        await Expect(firstPreview).ToBeVisibleAsync();
        var marker = $"如需帮助请回复“帮助”{DateTime.UtcNow:HHmmss}";

        await body.PressAsync("End");
        await body.PressSequentiallyAsync(marker);

        // The preview follows the text without a save: the marker shows in the rendered message.
        await Expect(firstPreview).ToContainTextAsync(marker);
        await Expect(author.Page.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await author.Page.Locator("[data-testid=save-draft]").ClickAsync();
        await Expect(author.Page.Locator("[data-testid=unsaved]")).ToHaveCountAsync(0);
        await author.Page.Locator("[data-testid=submit-review]").ClickAsync();
        await Expect(author.Page.Locator(".studio-state [data-testid=version-status]")).ToContainTextAsync("待审批");
        await author.ScreenshotAsync(portal.ScreenshotDirectory, "template-studio-zh-CN.png");

        var approver = new PortalPage(await _approverContext.NewPageAsync());
        await approver.SignInAsync(DemoUsers.Approver);
        await approver.OpenAsync(studioPath);
        await WaitForPreviewAsync(approver);
        var review = approver.Page.Locator("[data-testid=review-panel]");
        await Expect(review).ToBeVisibleAsync();
        var warningsRead = approver.Page.Locator("input[data-testid=review-warnings-read], [data-testid=review-warnings-read] input");
        if (await warningsRead.CountAsync() > 0)
        {
            await Expect(approver.Page.Locator("[data-testid=review-approve]")).ToBeDisabledAsync();
            await warningsRead.First.CheckAsync();
        }
        await approver.Page.Locator("[data-testid=review-comment] textarea, textarea[data-testid=review-comment]").First.FillAsync("文字清楚，同意发送。");
        await approver.Page.Locator("[data-testid=review-approve]").ClickAsync();

        await Expect(review).ToHaveCountAsync(0);
        await Expect(approver.Page.Locator(".studio-state [data-testid=version-status]")).ToContainTextAsync("已批准");
        await approver.Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("版本历史") }).ClickAsync();
        await Expect(approver.Page.Locator("[data-testid=version-history]")).ToContainTextAsync("文字清楚，同意发送。");
        // The newest version against the one before: the marker is the change on the new side.
        await Expect(approver.Page.Locator("[data-testid=version-diff] .diff-new mark").Last).ToContainTextAsync(marker[^6..]);
        await approver.ScreenshotAsync(portal.ScreenshotDirectory, "template-history-zh-CN.png");
    }

    [Fact]
    public async Task A_careless_early_reminder_shows_the_collection_findings_as_it_is_typed()
    {
        var author = new PortalPage(await _authorContext.NewPageAsync());
        await author.SignInAsync(DemoUsers.Author);
        await OpenFirstTemplateAsync(author, "gentle");
        var body = author.Page.Locator("textarea[data-testid=template-body], [data-testid=template-body] textarea").First;

        // The first gentle template is the reminder seven days before the due date.
        await body.FillAsync("【{{ lender.name }}】您的账单{{ debt.amount_due }}已逾期{{ debt.days_overdue }}天，逾期将影响征信，" +
                             "否则我们将采取法律手段，委托第三方机构上门。金额单位：元。详见 {{ lender.payment_link }}");

        var findings = author.Page.Locator("[data-testid=findings]").First;
        await Expect(findings.Locator("[data-rule=legal_wording_early]").First).ToContainTextAsync("法律手段");
        await Expect(findings.Locator("[data-rule=credit_notice_early]")).ToContainTextAsync("征信");
        await Expect(findings.Locator("[data-rule=days_overdue_before_due]")).ToHaveCountAsync(1);
        await Expect(findings.Locator("[data-rule=missing_name]")).ToHaveCountAsync(1);
        await Expect(findings.Locator("[data-rule=missing_contact]")).ToContainTextAsync("客服电话");
        await Expect(findings.Locator("[data-rule=no_paid_notice]")).ToHaveCountAsync(1);
        await Expect(findings.Locator("[data-rule=third_party]")).ToHaveCountAsync(0);
        await Expect(author.Page.Locator("[data-testid=save-and-submit]")).ToBeDisabledAsync();
        await author.ScreenshotAsync(portal.ScreenshotDirectory, "template-studio-findings-zh-CN.png");
    }

    [Fact]
    public async Task The_studio_speaks_english_when_asked()
    {
        var author = new PortalPage(await _authorContext.NewPageAsync());
        await author.SignInAsync(DemoUsers.Author);
        var studioPath = await OpenFirstTemplateAsync(author, "gentle");
        await author.OpenAsync($"culture/set?culture=en&returnUrl={Uri.EscapeDataString("/" + studioPath)}");
        await WaitForPreviewAsync(author);

        await Expect(author.Page.Locator("[data-testid=save-draft]")).ToContainTextAsync("Save draft");
        await Expect(author.Page.Locator("[data-testid=preview-size]").First).ToContainTextAsync("parts");
        await author.ScreenshotAsync(portal.ScreenshotDirectory, "template-studio-en.png");
    }

    private static async Task WaitForPreviewAsync(PortalPage page) =>
        await Expect(page.Page.Locator("[data-testid=preview]")).ToBeVisibleAsync();

    /// <summary>Opens the overview and the first template cell of that tone; returns the studio's path.</summary>
    private static async Task<string> OpenFirstTemplateAsync(PortalPage page, string tone)
    {
        await page.OpenAsync("templates");
        var cell = page.Page.Locator($"[data-testid=templates-grid] td[data-tone={tone}] a").First;
        await cell.ClickAsync();
        await page.Page.WaitForURLAsync(new Regex($"/templates/\\d+/{tone}$"));
        await WaitForPreviewAsync(page);
        return new Uri(page.Page.Url).AbsolutePath.TrimStart('/');
    }
}
