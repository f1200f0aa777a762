using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Web.Localization;
using OverdueSmsPortal.Web.Resources;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Localization;

/// <summary>A campaign's cron schedule said in words, in both of the portal's languages, from its resource files.</summary>
public sealed class CronSentencesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string, string> Described => new()
    {
        // Every day and specific times.
        { "0 30 9 * * ?", "Every day at 09:30", "每天 09:30" },
        { "0 30 9 ? * *", "Every day at 09:30", "每天 09:30" },
        { "0 30 9 * * ? *", "Every day at 09:30", "每天 09:30" },
        { "  0  30 9 * *   ?  ", "Every day at 09:30", "每天 09:30" },
        { "0 0 9,12,15 * * ?", "Every day at 09:00, 12:00 and 15:00", "每天 09:00、12:00、15:00" },
        { "0 0,30 9,18 * * ?", "Every day at 09:00, 09:30, 18:00 and 18:30", "每天 09:00、09:30、18:00、18:30" },
        { "0 0 9-11 * * ?", "Every day at 09:00, 10:00 and 11:00", "每天 09:00、10:00、11:00" },
        { "30 0 9 * * ?", "Every day at 09:00:30", "每天 09:00:30" },
        { "5 45 23 * * ?", "Every day at 23:45:05", "每天 23:45:05" },

        // Days of the week.
        { "0 30 9,18 ? * MON-FRI", "Monday to Friday at 09:30 and 18:30", "周一至周五 09:30、18:30" },
        { "0 30 9 ? * 2-6", "Monday to Friday at 09:30", "周一至周五 09:30" },
        { "0 30 9 ? * mon-fri", "Monday to Friday at 09:30", "周一至周五 09:30" },
        { "0 0 10 ? * SAT,SUN", "Saturday and Sunday at 10:00", "周六、周日 10:00" },
        { "0 0 10 ? * 1,7", "Saturday and Sunday at 10:00", "周六、周日 10:00" },
        { "0 0 10 ? * Sun,sat", "Saturday and Sunday at 10:00", "周六、周日 10:00" },
        { "0 0 10 ? * MON", "On Mondays at 10:00", "每周一 10:00" },
        { "0 0 10 ? * 2", "On Mondays at 10:00", "每周一 10:00" },
        { "0 0 10 ? * 1", "On Sundays at 10:00", "每周日 10:00" },
        { "0 0 10 ? * MON,WED,FRI", "Monday, Wednesday and Friday at 10:00", "周一、周三、周五 10:00" },
        { "0 0 10 ? * 2/2", "Monday, Wednesday and Friday at 10:00", "周一、周三、周五 10:00" },
        { "0 0 10 ? * 6L", "On the last Friday of every month at 10:00", "每月最后一个周五 10:00" },
        { "0 0 10 ? * fril", "On the last Friday of every month at 10:00", "每月最后一个周五 10:00" },
        { "0 0 10 ? * 2#1", "On the first Monday of every month at 10:00", "每月第一个周一 10:00" },
        { "0 0 10 ? * FRI#3", "On the third Friday of every month at 10:00", "每月第三个周五 10:00" },
        { "0 0 10 ? * 7#5", "On the fifth Saturday of every month at 10:00", "每月第五个周六 10:00" },

        // Days of the month.
        { "0 0 10 25 * ?", "On day 25 of every month at 10:00", "每月 25 日 10:00" },
        { "0 0 10 20-24 * ?", "On days 20 to 24 of every month at 10:00", "每月 20 日至 24 日 10:00" },
        { "0 0 10 1,15 * ?", "On days 1 and 15 of every month at 10:00", "每月 1 日、15 日 10:00" },
        { "0 0 10 1,10-12,20 * ?", "On days 1, 10 to 12 and 20 of every month at 10:00", "每月 1 日、10 日至 12 日、20 日 10:00" },
        { "0 0 10 1/7 * ?", "On days 1, 8, 15, 22 and 29 of every month at 10:00", "每月 1 日、8 日、15 日、22 日、29 日 10:00" },
        { "0 0 10 L * ?", "On the last day of every month at 10:00", "每月最后一天 10:00" },
        { "0 0 10 L-1 * ?", "On the 2nd-last day of every month at 10:00", "每月倒数第 2 天 10:00" },
        { "0 0 10 L-2 * ?", "On the 3rd-last day of every month at 10:00", "每月倒数第 3 天 10:00" },
        { "0 0 10 L-3 * ?", "On the 4th-last day of every month at 10:00", "每月倒数第 4 天 10:00" },
        { "0 0 10 L-20 * ?", "On the 21st-last day of every month at 10:00", "每月倒数第 21 天 10:00" },
        { "0 0 10 15W * ?", "On the weekday nearest day 15 of every month at 10:00", "每月离 15 日最近的工作日 10:00" },
        { "0 0 10 LW * ?", "On the last weekday of every month at 10:00", "每月最后一个工作日 10:00" },

        // Months.
        { "0 0 10 ? 1,7 6L", "On the last Friday of every month at 10:00, in January and July", "1月、7月 每月最后一个周五 10:00" },
        { "0 0 10 ? JAN,JUL 6L", "On the last Friday of every month at 10:00, in January and July", "1月、7月 每月最后一个周五 10:00" },
        { "0 0 9 1 MAR-MAY ?", "On day 1 of every month at 09:00, in March to May", "3月至5月 每月 1 日 09:00" },
        { "0 0 9 * jan,Jul ?", "Every day at 09:00, in January and July", "1月、7月 每天 09:00" },
        { "0 0 9 1 1/3 ?", "On day 1 of every month at 09:00, in January, April, July and October", "1月、4月、7月、10月 每月 1 日 09:00" },
        { "0 0 9 ? DEC MON-FRI", "Monday to Friday at 09:00, in December", "12月 周一至周五 09:00" },

        // Steps and repeating times.
        { "0 */15 9-17 * * ?", "Every 15 minutes from 09:00 to 17:59", "09:00 至 17:59 每 15 分钟" },
        { "0 */15 9-17 ? * MON-FRI", "Monday to Friday, every 15 minutes from 09:00 to 17:59", "周一至周五 09:00 至 17:59 每 15 分钟" },
        { "0 5/15 9-17 * * ?", "Every 15 minutes from 09:05 to 17:59", "09:05 至 17:59 每 15 分钟" },
        { "0 0/30 * * * ?", "Every 30 minutes", "每 30 分钟" },
        { "0 */5 * ? * SAT", "On Saturdays, every 5 minutes", "每周六 每 5 分钟" },
        { "0 0 8-20/2 * * ?", "Every 2 hours from 08:00 to 20:00", "08:00 至 20:00 每 2 小时" },
        { "0 30 8-21/2 * * ?", "Every 2 hours from 08:30 to 20:30", "08:30 至 20:30 每 2 小时" },
        { "0 0 */2 * * ?", "Every 2 hours", "每 2 小时" },
        { "0 0 8-18/2 * * ?", "Every day at 08:00, 10:00, 12:00, 14:00, 16:00 and 18:00", "每天 08:00、10:00、12:00、14:00、16:00、18:00" },
        { "0 0 0/6 * * ?", "Every day at 00:00, 06:00, 12:00 and 18:00", "每天 00:00、06:00、12:00、18:00" },
        { "0 0 9-17 * * ?", "Every hour from 09:00 to 17:00", "09:00 至 17:00 每小时" },
        { "0 0 * * * ?", "Every hour", "每小时" },
        { "0 * * * * ?", "Every minute", "每分钟" },
        { "0 * 9 * * ?", "Every minute from 09:00 to 09:59", "09:00 至 09:59 每分钟" },

        // Said by parts when there are more than six times.
        { "0 0,30 9-17 * * ?", "At minute 0 and 30 of hours 9–17", "9 点至 17 点的第 0、30 分钟" },
        { "0 0,30 9-17 ? * MON-FRI", "Monday to Friday, at minute 0 and 30 of hours 9–17", "周一至周五 9 点至 17 点的第 0、30 分钟" },
        { "0 0,30 9,12,15,18 ? * MON", "On Mondays, at minute 0 and 30 of hours 9, 12, 15 and 18", "每周一 9 点、12 点、15 点、18 点的第 0、30 分钟" },
        { "0 0-6 9 * * ?", "At minute 0–6 of hour 9", "9 点的第 0 至 6 分钟" },
        { "0 15 * * * ?", "At minute 15 of every hour", "每小时第 15 分钟" },
        { "0 */10 9,14 * * ?", "Every 10 minutes of hours 9 and 14", "9 点、14 点的每 10 分钟" },
        { "0 20/15 * * * ?", "Every 15 minutes from minute 20 to 59 of every hour", "每小时第 20 至 59 分钟每 15 分钟" },
    };

    private string Say(string expression, string culture)
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        using var _ = CultureScope.Use(culture);
        Assert.True(CronWords.TryDescribe(expression, out var phrase));
        return CronSentences.Say(phrase, localizer);
    }

    [Theory]
    [MemberData(nameof(Described))]
    public void Says_it_in_english(string expression, string english, string chinese)
    {
        _ = chinese;
        Assert.Equal(english, Say(expression, PortalCultures.English));
    }

    [Theory]
    [MemberData(nameof(Described))]
    public void Says_it_in_chinese(string expression, string english, string chinese)
    {
        _ = english;
        Assert.Equal(chinese, Say(expression, PortalCultures.Chinese));
    }

    [Theory]
    [InlineData("0 0 10 L-10 * ?", "On the 11th-last day of every month at 10:00")]
    [InlineData("0 0 10 L-11 * ?", "On the 12th-last day of every month at 10:00")]
    [InlineData("0 0 10 L-12 * ?", "On the 13th-last day of every month at 10:00")]
    [InlineData("0 0 10 L-21 * ?", "On the 22nd-last day of every month at 10:00")]
    [InlineData("0 0 10 L-22 * ?", "On the 23rd-last day of every month at 10:00")]
    [InlineData("0 0 10 L-30 * ?", "On the 31st-last day of every month at 10:00")]
    public void English_ordinals_follow_their_last_two_digits(string expression, string english) =>
        Assert.Equal(english, Say(expression, PortalCultures.English));

    [Fact]
    public void Every_key_a_schedule_may_name_has_words_in_both_languages() =>
        Assert.Empty(ResourceFiles.Missing(CronKeys.All()));

    [Fact]
    public void A_phrase_holding_something_without_words_is_a_programming_error()
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        Assert.Throws<ArgumentException>(() => CronSentences.Say(new CronPhrase(CronKeys.At, 1.5m), localizer));
    }
}
