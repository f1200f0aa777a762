using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.ApiKeys;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests;

public sealed class InfrastructureWiringTests
{
    [Theory]
    [InlineData(typeof(CustomerImporter))]
    [InlineData(typeof(CustomerUpsert))]
    [InlineData(typeof(CustomerDirectory))]
    [InlineData(typeof(ApiKeyService))]
    [InlineData(typeof(UserAdministration))]
    [InlineData(typeof(DatabaseInitializer))]
    [InlineData(typeof(AuditTrail))]
    [InlineData(typeof(BusinessClock))]
    public async Task The_infrastructure_alone_builds_every_feature_service_without_a_web_host(Type service)
    {
        await using var portal = PortalDatabase.Create();
        await using var scope = portal.Services.CreateAsyncScope();

        Assert.IsType(service, scope.ServiceProvider.GetRequiredService(service));
    }

    /// <summary>
    /// EF Core writes parameter values (customers' numbers, names, texts) into its SQL log only with
    /// sensitive data logging, which the portal never turns on; the journey's log scan relies on it.
    /// </summary>
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task The_database_context_never_logs_parameter_values(string environmentName)
    {
        await using var portal = PortalDatabase.Create(environmentName);
        await using var scope = portal.Services.CreateAsyncScope();
        // The options the context was built with, whichever provider's context type it is.
        var options = scope.ServiceProvider.GetRequiredService<PortalDbContext>().GetService<IDbContextOptions>();

        Assert.False(options.FindExtension<CoreOptionsExtension>()?.IsSensitiveDataLoggingEnabled ?? false);
    }
}
