using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Web.Components.Shared;
using OverdueSmsPortal.Web.Resources;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>Days overdue and the business time zone as an operator reads them, not as the code counts them.</summary>
public sealed class DaysOverdueTests : PortalComponentTest
{
    [Theory]
    [InlineData("zh-CN", -2, "未到期（2 天后到期）")]
    [InlineData("zh-CN", -1, "未到期（明天到期）")]
    [InlineData("zh-CN", 0, "今日到期")]
    [InlineData("zh-CN", 9, "9")]
    [InlineData("en", -2, "Not yet due (due in 2 days)")]
    [InlineData("en", 0, "Due today")]
    public void A_customer_not_yet_due_is_said_to_be_due_in_so_many_days_not_minus_days(string culture, int days, string shown)
    {
        using var _ = CultureScope.Use(culture);

        var text = Render<DaysOverdue>(p => p.Add(d => d.Days, days));

        Assert.Equal(shown, text.Find(".days-overdue").TextContent);
    }

    [Theory]
    [InlineData("zh-CN", "北京时间（UTC+8）")]
    [InlineData("en", "Beijing time (UTC+8)")]
    public void The_business_time_zone_is_named_as_people_say_it_not_by_its_IANA_id(string culture, string shown)
    {
        using var _ = CultureScope.Use(culture);
        var localizer = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        Assert.Equal(shown, ZoneName.Of("Asia/Shanghai", localizer));
    }

    [Fact]
    public void A_zone_without_a_name_of_its_own_keeps_its_id_with_its_offset()
    {
        using var _ = CultureScope.Use("en");
        var localizer = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        Assert.Equal("Asia/Kolkata (UTC+5:30)", ZoneName.Of("Asia/Kolkata", localizer));
    }
}
