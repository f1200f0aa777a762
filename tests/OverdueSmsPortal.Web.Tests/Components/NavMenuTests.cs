using Bunit;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Web.Components.Layout;

namespace OverdueSmsPortal.Web.Tests.Components;

public sealed class NavMenuTests : PortalComponentTest
{
    [Fact]
    public void Admin_sees_customers_users_and_settings()
    {
        SignInAs("admin", PortalRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.Equal(["customers", "users", "settings"], Links(menu));
    }

    [Fact]
    public void Viewer_sees_only_customers()
    {
        SignInAs("viewer", PortalRoles.Viewer);

        var menu = Render<NavMenu>();

        Assert.Equal(["customers"], Links(menu));
    }

    private static List<string?> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
}
