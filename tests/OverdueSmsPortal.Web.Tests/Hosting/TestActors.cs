using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Web.Tests.Hosting;

/// <summary>Who the tests act as when they set up keys and users through the portal's own services.</summary>
public static class TestActors
{
    /// <summary>An Admin known in audit entries as "tests".</summary>
    public static readonly Actor Admin = new("id-tests", "tests") { Roles = [PortalRoles.Admin] };
}
