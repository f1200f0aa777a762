using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Demo;

public static class DemoRegistration
{
    /// <summary>
    /// Lets a start seed the demo data (<see cref="DemoSeed"/>, which does nothing unless <c>Portal:Demo:Seed</c>
    /// is on). Call it after <c>AddPortalInfrastructure</c>, which binds and checks <c>Portal:Demo</c>.
    /// </summary>
    public static IServiceCollection AddPortalDemo(this IServiceCollection services)
    {
        services.AddScoped<DemoHistory>();
        services.AddScoped<IStartupSeed, DemoSeed>();
        return services;
    }
}
