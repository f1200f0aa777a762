using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Web.Resources;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Localization;

/// <summary>The localizer the running portal injects answers in the reader's language.</summary>
public sealed class LocalizerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("zh-CN", "登录")]
    [InlineData("en", "Sign in")]
    public void Portal_localizer_answers_in_the_current_ui_culture(string culture, string expected)
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        using var _ = CultureScope.Use(culture);

        var text = localizer["Account.SignIn"];

        Assert.False(text.ResourceNotFound);
        Assert.Equal(expected, text.Value);
    }
}
