using System.Globalization;
using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Demo;

/// <summary>
/// Generates realistic demo customers from a fixed seed: common Chinese family names with given
/// names drawn from frequent characters, valid mobile numbers, regions with their time zones, and
/// debts spread over every collection stage. Nothing is taken from real people.
/// </summary>
public static class DemoCustomers
{
    private const string FamilyNames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string GivenNameCharacters = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬建国文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";
    private static readonly string[] MobilePrefixes =
        ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159", "177", "180", "185", "186", "187", "188", "189", "199"];

    private static readonly (string Region, string TimeZone, int Weight)[] Regions =
    [
        ("北京", "Asia/Shanghai", 8), ("上海", "Asia/Shanghai", 8), ("广东", "Asia/Shanghai", 12),
        ("浙江", "Asia/Shanghai", 8), ("江苏", "Asia/Shanghai", 8), ("四川", "Asia/Shanghai", 7),
        ("湖北", "Asia/Shanghai", 6), ("河南", "Asia/Shanghai", 7), ("山东", "Asia/Shanghai", 7),
        ("福建", "Asia/Shanghai", 5), ("湖南", "Asia/Shanghai", 5), ("陕西", "Asia/Shanghai", 4),
        ("辽宁", "Asia/Shanghai", 4), ("重庆", "Asia/Shanghai", 4), ("云南", "Asia/Shanghai", 3),
        ("黑龙江", "Asia/Shanghai", 3), ("新疆", "Asia/Urumqi", 3), ("西藏", "Asia/Shanghai", 1),
    ];

    /// <summary>Days overdue to draw from, weighted so every stage of the ladder is well populated.</summary>
    private static readonly (int From, int To, int Weight)[] OverdueBands =
        [(-30, -8, 10), (-7, -1, 15), (0, 0, 5), (1, 3, 15), (4, 7, 15), (8, 15, 15), (16, 90, 25)];

    public static IEnumerable<CustomerDetails> Generate(int count, DateOnly today, int seed = 20261124)
    {
        var random = new Random(seed);
        var usedPhones = new HashSet<string>();
        for (var i = 1; i <= count; i++)
        {
            var product = (LoanProduct)random.Next(1, 4);
            var type = PickType(random);
            var (region, timeZone, _) = Pick(random, Regions, r => r.Weight);
            var band = Pick(random, OverdueBands, b => b.Weight);
            var daysOverdue = random.Next(band.From, band.To + 1);
            var amountDue = Amount(random, product);
            var minimumDue = product == LoanProduct.CreditCard
                ? Math.Round(amountDue * 0.1m, 2)
                : amountDue;
            string phone;
            do
            {
                phone = MobilePrefixes[random.Next(MobilePrefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            }
            while (!usedPhones.Add(phone));

            yield return new CustomerDetails(
                AccountRef: AccountPrefix(product) + i.ToString("D8", CultureInfo.InvariantCulture),
                Name: Name(random),
                Title: random.Next(2) == 0 ? CustomerTitle.Mr : CustomerTitle.Ms,
                Phone: "+86" + phone,
                CustomerType: type,
                Product: product,
                Region: region,
                TimeZone: timeZone,
                AmountDue: amountDue,
                MinimumDue: minimumDue,
                DueDate: today.AddDays(-daysOverdue),
                DailyPenaltyRate: product == LoanProduct.CashLoan ? 0.0008m : 0.0005m,
                PaydayOfMonth: type == CustomerType.Salaried || random.Next(3) == 0 ? random.Next(1, 29) : null);
        }
    }

    private static string AccountPrefix(LoanProduct product) => product switch
    {
        LoanProduct.CreditCard => "CC",
        LoanProduct.ConsumerLoan => "CL",
        _ => "XL",
    };

    private static CustomerType PickType(Random random) => random.Next(100) switch
    {
        < 20 => CustomerType.Young,
        < 65 => CustomerType.Salaried,
        < 90 => CustomerType.SelfEmployed,
        _ => CustomerType.Retired,
    };

    private static decimal Amount(Random random, LoanProduct product)
    {
        var (min, max) = product switch
        {
            LoanProduct.CreditCard => (300, 60_000),
            LoanProduct.ConsumerLoan => (2_000, 120_000),
            _ => (500, 12_000),
        };
        // Skewed towards small debts, as real books are.
        var skew = Math.Pow(random.NextDouble(), 2.2);
        return Math.Round((decimal)(min + skew * (max - min)) + random.Next(0, 100) / 100m, 2);
    }

    private static string Name(Random random)
    {
        var family = FamilyNames[random.Next(FamilyNames.Length)].ToString();
        var givenLength = random.Next(100) < 70 ? 2 : 1;
        var given = string.Concat(Enumerable.Range(0, givenLength)
            .Select(_ => GivenNameCharacters[random.Next(GivenNameCharacters.Length)]));
        return family + given;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, int> weight)
    {
        var roll = random.Next(items.Sum(weight));
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }
        return items[^1];
    }
}
