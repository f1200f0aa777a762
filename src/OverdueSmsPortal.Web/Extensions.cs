using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration.Json;
using MudBlazor;
using MudBlazor.Services;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Account;
using OverdueSmsPortal.Web.Api;
using OverdueSmsPortal.Web.Components;
using OverdueSmsPortal.Web.Health;
using OverdueSmsPortal.Web.Localization;
using OverdueSmsPortal.Web.Security;

namespace OverdueSmsPortal.Web;

/// <summary>The whole wiring of the portal, readable in one screen.</summary>
public static class Extensions
{
    public static void AddPortalServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.Configuration.AddLocalSettings(builder.Environment);
        // Serve package and project assets from the build output in every environment, not only
        // Development, so `--environment Production` works before publishing; no-op once published.
        builder.WebHost.UseStaticWebAssets();

        services.AddPortalInfrastructure(builder.Configuration);
        services.AddPortalDemo();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        services.AddLocalization();
        services.AddValidatorsFromAssemblyContaining<Program>();
        services.AddProblemDetails();
        services.AddOpenApi(OpenApiContract.Configure);

        services.AddSingleton<LoginPolicy>();
        services.AddScoped<PortalSignIn>();
        services.AddHttpContextAccessor();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddPortalRateLimits();
        services.AddTransient(typeof(Components.Shared.Operation<>));
        services.AddScoped<Components.Pages.Customers.CustomerImportRunner>();
        services.AddScoped<Components.Pages.Repayments.RepaymentUploadRunner>();
        services.AddScoped<Components.Pages.Complaints.ComplaintUploadRunner>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(
            ApiKeyAuthentication.SchemeName, null);
        services.AddPortalCookies();
        services.AddCircuitOriginCheck();
        services.AddAuthorizationBuilder().AddPortalPolicies();

        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database")
            .AddCheck<SchedulerHealthCheck>("scheduler")
            .AddCheck<DatabaseFaultHealthCheck>("database-writes")
            .AddCheck<GatewayHealthCheck>("gateway");
    }

    /// <summary>
    /// A developer's own settings (appsettings.Local.json, not committed) override the committed files,
    /// but not user secrets, environment variables or the command line, so a deployment or a test host
    /// can still say where the database is.
    /// </summary>
    internal static void AddLocalSettings(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var committed = configuration.Sources
            .Select((source, index) => (source, index))
            .LastOrDefault(s => s.source is JsonConfigurationSource { Path: var path }
                                && (path == "appsettings.json" || path == $"appsettings.{environment.EnvironmentName}.json"));
        var local = new JsonConfigurationSource { Path = "appsettings.Local.json", Optional = true, ReloadOnChange = true };
        configuration.Sources.Insert(committed.source is null ? configuration.Sources.Count : committed.index + 1, local);
    }

    public static void UsePortal(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseCircuitOriginCheck();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiProblems();

        app.UseRequestLocalization(PortalCultures.LocalizationOptions());
        app.UseMiddleware<DatabaseFaultMiddleware>();
        app.UseAuthentication();
        app.UsePortalRateLimits();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseApiRequestLimits();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(PortalPolicies.ApiClient);
        app.MapCustomersApi();
        app.MapTemplatesApi();
        app.MapCampaignsApi();
        app.MapPolicyApi();
        app.MapKannelGatewayApi();
        app.MapRepaymentsApi();
        app.MapDashboardExport();
        app.MapAuditExport();
        app.MapComplaintsApi();
        app.MapRepliesApi();
        app.MapImportTemplates();
        app.MapAccountEndpoints();
        app.MapCultureEndpoint();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
