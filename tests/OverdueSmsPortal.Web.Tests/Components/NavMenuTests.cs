using Bunit;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Web.Components.Layout;

namespace OverdueSmsPortal.Web.Tests.Components;

public sealed class NavMenuTests : PortalComponentTest
{
    [Fact]
    public void Admin_sees_every_page()
    {
        SignInAs("admin", PortalRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.Equal(["dashboard", "customers", "customers/contact-check", "segments", "templates", "campaigns", "replies", "complaints", "repayments/upload", "users", "settings", "audit"], Links(menu));
    }

    [Theory]
    [InlineData(PortalRoles.Viewer)]
    [InlineData(PortalRoles.Author)]
    [InlineData(PortalRoles.Approver)]
    public void Other_roles_see_customers_segments_templates_campaigns_replies_and_complaints_but_not_administration(string role)
    {
        SignInAs(role.ToLowerInvariant(), role);

        var menu = Render<NavMenu>();

        Assert.Equal(["dashboard", "customers", "customers/contact-check", "segments", "templates", "campaigns", "replies", "complaints"], Links(menu));
    }

    private static List<string?> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
}
