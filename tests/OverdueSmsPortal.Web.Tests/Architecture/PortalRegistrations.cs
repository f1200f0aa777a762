using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Architecture;

/// <summary>The portal's own service registrations, as it builds them at start.</summary>
public static class PortalRegistrations
{
    public static IReadOnlyList<ServiceDescriptor> Of(PortalFactory portal)
    {
        IServiceCollection? captured = null;
        using var factory = portal.WithWebHostBuilder(builder => builder.ConfigureServices(services => captured = services));
        _ = factory.Services;
        return captured!.ToList();
    }
}
