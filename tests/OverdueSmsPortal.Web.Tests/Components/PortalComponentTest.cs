using Bunit;
using Bunit.TestDoubles;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>
/// Registers what every portal component needs once: MudBlazor, localization, loose JS interop and
/// a signed-in user. The user comes from bUnit's fake authentication, but policies are the portal's
/// real ones, so a test shows what a role really sees.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    private readonly BunitAuthorizationContext authorization;

    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        // As the portal wires it: a page's database calls each run in a scope of their own.
        Services.AddTransient(typeof(Operation<>));
        // As the portal wires it: every form's validator, for FluentValidator to find.
        Services.AddValidatorsFromAssemblyContaining<Program>();
        Services.AddAuthorizationBuilder().AddPortalPolicies();
        authorization = AddAuthorization();
        // bUnit's fake only knows policies by name; evaluate the portal's policies against the user's roles instead.
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
    }

    // MudBlazor registers services that can only be disposed asynchronously.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// Disposes the pages first, so that their timers stop and their reads are cancelled, before the
    /// services go. A read still finishing owns its scope and its context and closes them itself.
    /// </summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        if (Services.IsProviderInitialized)
        {
            await DisposeComponentsAsync();
        }
        await base.DisposeAsyncCore();
    }

    /// <summary>Renders as in a live circuit (interactive, on the server); call once every service is registered.</summary>
    protected void RenderAsLiveCircuit() =>
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    /// <summary>
    /// Renders what the layout holds for menus and dialogs: a page's menu items appear in
    /// <see cref="MudPopoverProvider"/>, its confirmations in <see cref="MudDialogProvider"/>.
    /// </summary>
    protected (IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudDialogProvider> Dialogs) RenderProviders() =>
        (Render<MudPopoverProvider>(), Render<MudDialogProvider>());

    /// <summary>
    /// Runs <paramref name="act"/> (find an element, raise its event) in one turn of the renderer. On PostgreSQL
    /// a page's reads complete on other threads, so the page can render between a Find and a Click and leave
    /// the found element's handler stale ("no event handler with ID"); within one turn nothing renders.
    /// </summary>
    protected static void OnRenderer<TComponent>(IRenderedComponent<TComponent> component, Action act) where TComponent : IComponent =>
        component.InvokeAsync(act).GetAwaiter().GetResult();

    /// <summary>Answers the open message box with its confirming button, and returns what it said.</summary>
    protected static string Confirm(IRenderedComponent<MudDialogProvider> dialogs)
    {
        var text = dialogs.WaitForElement(".mud-dialog", TimeSpan.FromSeconds(10)).TextContent;
        OnRenderer(dialogs, () => dialogs.FindAll(".mud-dialog-actions button")[^1].Click());
        return text;
    }

    protected void SignInAs(string userName, params string[] roles) =>
        authorization.SetAuthorized(userName).SetRoles(roles)
            .SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, $"id-{userName}"));
}
