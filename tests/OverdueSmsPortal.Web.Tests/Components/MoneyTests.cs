using Bunit;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

public sealed class MoneyTests : PortalComponentTest
{
    [Fact]
    public void Amount_the_reader_may_not_see_is_masked()
    {
        var money = Render<Money>(p => p.Add(m => m.Amount, null));

        Assert.Equal("****", money.Find(".money").TextContent);
    }

    [Fact]
    public void Amount_is_shown_in_yuan_with_two_decimals()
    {
        using var _ = CultureScope.Use("zh-CN");

        var money = Render<Money>(p => p.Add(m => m.Amount, 12345.5m));

        Assert.Equal("¥12,345.50", money.Find(".money").TextContent);
    }
}
