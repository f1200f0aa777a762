using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Architecture;

/// <summary>
/// Every settings class of the portal is checked: a wrong value stops the portal at start with the
/// setting's name, instead of a fault on the first request that reads it, or a setting silently ignored.
/// </summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public void Every_settings_class_the_portal_binds_has_its_checks()
    {
        var registrations = PortalRegistrations.Of(portal);
        var bound = OwnOptionsTypes(registrations, typeof(IConfigureOptions<>));
        var validated = OwnOptionsTypes(registrations, typeof(IValidateOptions<>));

        Assert.NotEmpty(bound);
        Assert.Empty(bound.Except(validated).Select(t => t.FullName));
    }

    public void Dispose() => portal.Dispose();

    private static HashSet<Type> OwnOptionsTypes(IEnumerable<ServiceDescriptor> registrations, Type service) =>
        registrations
            .Where(d => d.ServiceType.IsConstructedGenericType && d.ServiceType.GetGenericTypeDefinition() == service)
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("OverdueSmsPortal", StringComparison.Ordinal) == true)
            .ToHashSet();
}
