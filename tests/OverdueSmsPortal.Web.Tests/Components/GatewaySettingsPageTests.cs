using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Gateways.Kannel;
using OverdueSmsPortal.Web.Components.Pages.Settings;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The Admin's gateway settings over real SQLite: validation next to the fields, a password never shown, and the token shown once.</summary>
public sealed class GatewaySettingsPageTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private const string Password = "kannel-secret-7361";

    private readonly CustomerDatabase database = new(Now);

    public GatewaySettingsPageTests() => Services.AddCampaigns(database, Now);

    private IRenderedComponent<GatewaySettingsPage> Open()
    {
        SignInAs("admin", PortalRoles.Admin);
        RenderAsLiveCircuit();
        var page = Render<GatewaySettingsPage>();
        page.WaitForElement("[data-testid=gateway-form]", Wait);
        return page;
    }

    private static IElement Field(IRenderedComponent<GatewaySettingsPage> page, string name) =>
        page.Find($"[data-testid=gateway-{name}] input, input[data-testid=gateway-{name}]");

    private static string FieldText(IRenderedComponent<GatewaySettingsPage> page, string name) =>
        Field(page, name).Closest(".mud-input-control")!.TextContent;

    private static void ChooseKannel(IRenderedComponent<GatewaySettingsPage> page) =>
        OnRenderer(page, () => page.Find("[data-testid=provider-Kannel] input, input[data-testid=provider-Kannel]").Click());

    private static void FillInKannel(IRenderedComponent<GatewaySettingsPage> page)
    {
        ChooseKannel(page);
        page.WaitForElement("[data-testid=gateway-KannelUrl]", Wait);
        OnRenderer(page, () => Field(page, "KannelUrl").Input("http://kannel.example:13013/cgi-bin/sendsms"));
        OnRenderer(page, () => Field(page, "KannelUsername").Input("portal"));
        OnRenderer(page, () => Field(page, "NewKannelPassword").Input(Password));
        OnRenderer(page, () => Field(page, "SenderId").Input("10690000"));
        OnRenderer(page, () => Field(page, "CallbackBaseUrl").Input("https://portal.example/"));
    }

    private async Task<bool> AcceptsAsync(string token)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GatewayConfiguration>().AcceptsTokenAsync(token);
    }

    private async Task<GatewaySettings> StoredAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GatewaySettingsStore>().LoadAsync();
    }

    [Fact]
    public async Task Kannel_without_a_sendsms_url_shows_the_error_next_to_that_field_and_saves_nothing()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = Open();
        FillInKannel(page);

        await page.InvokeAsync(() => Field(page, "KannelUrl").Input(""));
        await page.InvokeAsync(() => page.Find("[data-testid=save-gateway]").Click());

        page.WaitForAssertion(() => Assert.Contains("sendsms 地址", FieldText(page, "KannelUrl")), Wait);
        Assert.DoesNotContain("请填写", FieldText(page, "KannelUsername"));
        Assert.Equal(GatewayProvider.Development, (await StoredAsync()).Provider);
    }

    [Fact]
    public async Task Saved_kannel_settings_are_stored_and_the_password_is_never_rendered_back()
    {
        using var _ = CultureScope.Use("zh-CN");
        var page = Open();
        FillInKannel(page);

        await page.InvokeAsync(() => page.Find("[data-testid=save-gateway]").Click());

        page.WaitForAssertion(() => Assert.Contains("已保存密码", FieldText(page, "NewKannelPassword")), Wait);
        var stored = await StoredAsync();
        Assert.Equal(GatewayProvider.Kannel, stored.Provider);
        Assert.Equal("https://portal.example", stored.CallbackBaseUrl);
        Assert.DoesNotContain(Password, page.Markup);
        Assert.DoesNotContain(Password, Open().Markup);
    }

    [Fact]
    public async Task A_mask_without_delivered_reports_is_refused()
    {
        using var _ = CultureScope.Use("en");
        var page = Open();
        FillInKannel(page);

        await page.InvokeAsync(() => page.Find("[data-testid=dlr-Delivered] input, input[data-testid=dlr-Delivered]").Change(false));
        await page.InvokeAsync(() => page.Find("[data-testid=save-gateway]").Click());

        page.WaitForAssertion(() => Assert.Contains("delivered and failed", page.Find("[data-testid=dlr-mask-error]").TextContent), Wait);
        Assert.Equal(GatewayProvider.Development, (await StoredAsync()).Provider);
    }

    [Fact]
    public async Task Issuing_a_token_shows_it_and_the_reply_address_for_kannel_conf_once()
    {
        var (_, dialogs) = RenderProviders();
        var page = Open();
        FillInKannel(page);
        await page.InvokeAsync(() => page.Find("[data-testid=save-gateway]").Click());
        page.WaitForElement("[data-testid=token-issued-with-save]", Wait);
        var first = page.Find("[data-testid=token-value]").TextContent.Trim();
        Assert.True(await AcceptsAsync(first), "the token the first switch to Kannel issued is the one shown");

        await page.InvokeAsync(() => page.Find("[data-testid=issue-token]").Click());
        var question = Confirm(dialogs);

        // The first token is still on the page until the new one is saved: wait for the new one.
        page.WaitForAssertion(() => Assert.NotEqual(first, page.Find("[data-testid=token-value]").TextContent.Trim()), Wait);
        var token = page.Find("[data-testid=token-value]").TextContent.Trim();
        Assert.Contains("一天", question);
        var snippet = page.Find("[data-testid=mo-url]").TextContent;
        Assert.Contains($"get-url = \"{KannelGateway.MoUrl("https://portal.example", token)}\"", snippet);
        Assert.Contains("max-messages = 0", snippet);
        Assert.Contains("catch-all = true", snippet);
        Assert.NotEqual(first, token);
        Assert.DoesNotContain(token, Open().Markup);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
