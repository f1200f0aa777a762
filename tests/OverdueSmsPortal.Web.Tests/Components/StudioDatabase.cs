using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>Registers the studio's real services over a migrated SQLite file, and seeds what a page needs.</summary>
public static class StudioServices
{
    public static void AddStudio(this IServiceCollection services, CustomerDatabase database, DateTimeOffset now)
    {
        database.AddContext(services);
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        services.AddOptions<PortalOptions>();
        services.AddOptions<LenderOptions>();
        services.AddMemoryCache();
        services.AddBusinessClock();
        services.AddScoped<AuditTrail>();
        services.AddScoped<SegmentCatalog>();
        services.AddScoped<LintVocabularyStore>();
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<TemplateInspector>();
        services.AddScoped<TemplatePreviewer>();
        services.AddScoped<TemplateStudio>();
    }

    /// <summary>The ladder, the word lists and one segment on <paramref name="stage"/> using <paramref name="tones"/>.</summary>
    public static async Task<Segment> SeedSegmentAsync(this IServiceProvider services, string stage, params Tone[] tones)
    {
        using var scope = services.CreateScope();
        var catalog = scope.ServiceProvider.GetRequiredService<SegmentCatalog>();
        await catalog.SeedLadderAsync();
        await scope.ServiceProvider.GetRequiredService<LintVocabularyStore>().SeedAsync("pay.example.cn");
        return await catalog.CreateAsync(new SegmentRules { Name = "测试客群", StageKey = stage, Tones = tones }, CampaignServices.Admin);
    }
}

public static class StudioCustomers
{
    public static CustomerDetails Overdue(string accountRef, string name, int days, DateOnly today, string phone = "+8613812345678") => new(
        accountRef, name, CustomerTitle.Ms, phone, CustomerType.Salaried, LoanProduct.CreditCard, "广东",
        Customer.DefaultTimeZone, 2400m, 240m, today.AddDays(-days), 0.0005m, null);
}
