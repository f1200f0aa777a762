using System.Reflection;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Web.Tests.Architecture;

/// <summary>
/// The demo data and its outcome simulator live in an assembly of their own, reached only through the
/// start-up seed the portal registers: the runtime assemblies carry none of it. The demo settings stay with
/// the runtime, which refuses the demo password outside Development.
/// </summary>
public sealed class DemoAssemblyTests
{
    [Fact]
    public void The_runtime_assemblies_hold_no_demo_data_or_simulator()
    {
        Assembly[] runtime = [typeof(Core.Customers.Customer).Assembly, typeof(PortalDbContext).Assembly, typeof(Program).Assembly];

        var demo = runtime.SelectMany(a => a.GetTypes())
            .Where(t => t.Name.StartsWith("Demo", StringComparison.Ordinal) || t.Namespace?.Contains(".Demo", StringComparison.Ordinal) == true)
            .Where(t => t != typeof(DemoOptions))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(demo);
    }

    [Fact]
    public void The_demo_assembly_holds_the_seed_the_start_runs()
    {
        Assert.Equal("OverdueSmsPortal.Demo", typeof(DemoHistory).Assembly.GetName().Name);
        Assert.True(typeof(IStartupSeed).IsAssignableFrom(typeof(DemoSeed)));
        Assert.Contains(typeof(DemoSeed).Assembly.GetTypes(), t => t.Name == nameof(DemoCustomers));
    }
}
