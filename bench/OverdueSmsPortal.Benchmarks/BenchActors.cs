using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// Who the benchmarks act as: an Admin known in audit entries as "benchmark" sets segments up; an
/// Author and an Approver take templates and campaigns through maker-checker.
/// </summary>
public static class BenchActors
{
    public static readonly Actor Admin = new("bench-admin", "benchmark") { Roles = [PortalRoles.Admin] };
    public static readonly Actor Author = new("bench-author", "bench-author") { Roles = [PortalRoles.Author] };
    public static readonly Actor Approver = new("bench-approver", "bench-approver") { Roles = [PortalRoles.Approver] };
}
