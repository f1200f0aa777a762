using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>Who the benchmarks set segments up as: an Admin known in audit entries as "benchmark".</summary>
public static class BenchActors
{
    public static readonly Actor Admin = new("bench-admin", "benchmark") { Roles = [PortalRoles.Admin] };
}
