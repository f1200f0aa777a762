using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Architecture;

/// <summary>
/// No interactive page keeps a database context: a context injected into a page, or into a service the
/// page holds, lives as long as the circuit, is shared by every read and save the page starts, and is
/// disposed under a read still running when the tab closes. Pages reach the database only through
/// <c>Operation&lt;TService&gt;</c> (a scope per call) or a scope of their own.
/// </summary>
public sealed class ComponentDatabaseLifetimeTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public void No_component_receives_a_database_context_directly_or_through_a_service_it_holds()
    {
        var registrations = Registrations();
        var holders = new List<string>();
        foreach (var component in InteractiveComponents())
        {
            foreach (var injected in InjectedTypes(component))
            {
                if (ReachesContext(injected, registrations, []) is { } path)
                {
                    holders.Add($"{component.Name} → {string.Join(" → ", path.Select(t => t.Name))}");
                }
            }
        }

        Assert.Empty(holders);
    }

    [Fact]
    public void The_check_finds_a_service_that_holds_a_context()
    {
        // The rule above would pass on an empty registration list or a walk that stops too early.
        var registrations = Registrations();
        var path = ReachesContext(typeof(Infrastructure.Campaigns.CampaignDesk), registrations, []);

        Assert.NotNull(path);
        Assert.Equal(typeof(PortalDbContext), path![^1]);
        Assert.NotEmpty(InteractiveComponents());
        Assert.Contains(InteractiveComponents(), c => c.Name == "CampaignPage");
    }

    public void Dispose() => portal.Dispose();

    private ILookup<Type, ServiceDescriptor> Registrations() => PortalRegistrations.Of(portal).ToLookup(d => d.ServiceType);

    /// <summary>
    /// Components that run in a circuit. The account pages render once per HTTP request (static server
    /// rendering, as Identity's pages do), so the request's scope is their one operation.
    /// </summary>
    private static List<Type> InteractiveComponents() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => t.Namespace?.StartsWith("OverdueSmsPortal.Web.Components.Account", StringComparison.Ordinal) != true)
            .ToList();

    private static IEnumerable<Type> InjectedTypes(Type component)
    {
        for (var type = component; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (property.GetCustomAttribute<InjectAttribute>() is not null)
                {
                    yield return property.PropertyType;
                }
            }
        }
    }

    /// <summary>The chain of constructor dependencies from <paramref name="type"/> to the context, or null.</summary>
    private static List<Type>? ReachesContext(Type type, ILookup<Type, ServiceDescriptor> registrations, HashSet<Type> seen)
    {
        if (typeof(PortalDbContext).IsAssignableFrom(type))
        {
            return [type];
        }
        if (!seen.Add(type))
        {
            return null;
        }
        foreach (var implementation in Implementations(type, registrations))
        {
            foreach (var parameter in implementation.GetConstructors().SelectMany(c => c.GetParameters()))
            {
                if (ReachesContext(parameter.ParameterType, registrations, seen) is { } rest)
                {
                    return [type, .. rest];
                }
            }
        }
        return null;
    }

    private static IEnumerable<Type> Implementations(Type type, ILookup<Type, ServiceDescriptor> registrations)
    {
        var key = type.IsConstructedGenericType && !registrations.Contains(type) ? type.GetGenericTypeDefinition() : type;
        foreach (var descriptor in registrations[key])
        {
            if (descriptor.IsKeyedService || descriptor.ImplementationType is not { } implementation)
            {
                continue;
            }
            yield return implementation.IsGenericTypeDefinition && type.IsConstructedGenericType
                ? implementation.MakeGenericType(type.GetGenericArguments())
                : implementation;
        }
        if (!registrations.Contains(key) && type.IsClass && !type.IsAbstract && type.Namespace?.StartsWith("OverdueSmsPortal", StringComparison.Ordinal) == true)
        {
            // Created by the component itself (new GridReads(...)) or not registered at all: its constructor still counts.
            yield return type;
        }
    }
}
