using Microsoft.Extensions.DependencyInjection;
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
}
