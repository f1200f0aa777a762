using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Replies;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>Replies as a gateway hands them over, classified by the default rules, for the pages that show them.</summary>
public static class ReplyServices
{
    public const string TestGateway = "test";

    public static async Task SeedReplyRulesAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReplyRuleStore>().SeedAsync();
    }

    /// <summary>A reply from <paramref name="phone"/>, matched and applied as the intake does for a real one.</summary>
    public static async Task<ReplyReceipt> ReceiveReplyAsync(this IServiceProvider services, string phone, string text)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReplyIntake>().ReceiveAsync(new InboundSms(phone, null, text, TestGateway));
    }

    public static async Task<Customer> CustomerAsync(this IServiceProvider services, string accountRef)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Customers.AsNoTracking().FirstAsync(c => c.AccountRef == accountRef);
    }
}
