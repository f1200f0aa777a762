using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CustomerBuilder;

namespace OverdueSmsPortal.IntegrationTests.Customers;

public sealed class CustomerDirectoryTests : DatabaseTest
{
    [Fact]
    public async Task A_page_holds_its_share_of_the_list_and_the_total_counts_every_match()
    {
        await Portal.GivenCustomersAsync(Enumerable.Range(1, 23).Select(i => ACustomer($"CC{i:D4}").Build()).ToArray());

        var page = await FindAsync(new CustomerQuery { Sort = CustomerSort.AccountRef, Descending = false, Page = 2, PageSize = 10 });

        Assert.Equal(23, page.TotalCount);
        Assert.Equal(["CC0021", "CC0022", "CC0023"], page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001"), ACustomer("CC0002"));

        var page = await FindAsync(new CustomerQuery { Page = 1, PageSize = 10 });

        Assert.Equal(2, page.TotalCount);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Page_sizes_are_kept_between_one_and_the_maximum()
    {
        await Portal.GivenCustomersAsync(Enumerable.Range(1, CustomerDirectory.MaxPageSize + 5)
            .Select(i => ACustomer($"CC{i:D4}").Build()).ToArray());

        var tooLarge = await FindAsync(new CustomerQuery { PageSize = 10_000 });
        var tooSmall = await FindAsync(new CustomerQuery { PageSize = 0, Page = -3 });

        Assert.Equal(CustomerDirectory.MaxPageSize, tooLarge.Items.Count);
        Assert.Equal("CC0001", Assert.Single(tooSmall.Items).AccountRef);
    }

    [Theory]
    [InlineData(CustomerSort.AccountRef, false, "A1,B2,C3,D4")]
    [InlineData(CustomerSort.AccountRef, true, "D4,C3,B2,A1")]
    [InlineData(CustomerSort.Name, false, "B2,C3,A1,D4")]
    [InlineData(CustomerSort.Name, true, "D4,A1,C3,B2")]
    [InlineData(CustomerSort.AmountDue, false, "B2,D4,C3,A1")]
    [InlineData(CustomerSort.AmountDue, true, "A1,C3,D4,B2")]
    [InlineData(CustomerSort.DaysOverdue, false, "C3,D4,B2,A1")]
    [InlineData(CustomerSort.DaysOverdue, true, "A1,B2,D4,C3")]
    [InlineData(CustomerSort.Region, false, "C3,B2,D4,A1")]
    [InlineData(CustomerSort.Region, true, "A1,D4,B2,C3")]
    public async Task The_list_sorts_by_each_column_both_ways(CustomerSort sort, bool descending, string expected)
    {
        // Names and regions sort by code point: 李 < 王 < 赵 < 陈 and 上海 < 北京 < 四川 < 广东.
        await Portal.GivenCustomersAsync(
            ACustomer("A1").Named("赵六").Owing(400).DaysOverdue(20).InRegion("广东"),
            ACustomer("B2").Named("李四").Owing(100).DaysOverdue(5).InRegion("北京"),
            ACustomer("C3").Named("王五").Owing(300).DaysOverdue(-3).InRegion("上海"),
            ACustomer("D4").Named("陈七").Owing(200).DaysOverdue(0).InRegion("四川"));

        var page = await FindAsync(new CustomerQuery { Sort = sort, Descending = descending });

        Assert.Equal(expected.Split(','), page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task Customers_that_sort_equal_keep_a_stable_order_across_pages()
    {
        await Portal.GivenCustomersAsync(Enumerable.Range(1, 9).Select(i => ACustomer($"CC{i:D4}").Owing(100).Build()).ToArray());

        var pages = new List<string>();
        for (var page = 0; page < 3; page++)
        {
            var items = (await FindAsync(new CustomerQuery { Sort = CustomerSort.AmountDue, Page = page, PageSize = 4 })).Items;
            pages.AddRange(items.Select(c => c.AccountRef));
        }

        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"CC{i:D4}"), pages);
    }

    [Theory]
    [InlineData("pre_due_7", "-7,-1")]
    [InlineData("due_day", "0")]
    [InlineData("overdue_1_3", "1,3")]
    [InlineData("overdue_4_7", "4,7")]
    [InlineData("overdue_8_15", "8,15")]
    [InlineData("overdue_16_plus", "16,400")]
    public async Task The_stage_filter_finds_the_debts_at_both_ends_of_the_stage(string stage, string daysOverdue)
    {
        await Portal.SeedLadderAndWordListsAsync();
        int[] ladder = [-30, -8, -7, -1, 0, 1, 3, 4, 7, 8, 15, 16, 400];
        await Portal.GivenCustomersAsync(ladder.Select(days => ACustomer($"D{days}").DaysOverdue(days).Build()).ToArray());

        var page = await FindAsync(new CustomerQuery { StageKey = stage, Sort = CustomerSort.DaysOverdue, Descending = false });

        Assert.Equal(daysOverdue.Split(',').Select(int.Parse), page.Items.Select(c => c.DaysOverdue));
        Assert.All(page.Items, c => Assert.Equal(stage, c.Stage?.Key));
    }

    [Fact]
    public async Task Debts_outside_the_ladder_are_in_no_stage()
    {
        await Portal.SeedLadderAndWordListsAsync();
        await Portal.GivenCustomersAsync(ACustomer("EARLY").DaysOverdue(-8), ACustomer("LATE").DaysOverdue(-7));

        var page = await FindAsync(new CustomerQuery { Sort = CustomerSort.DaysOverdue, Descending = false });

        Assert.Equal([("EARLY", null), ("LATE", "pre_due_7")], page.Items.Select(c => (c.AccountRef, c.Stage?.Key)));
    }

    [Fact]
    public async Task The_stage_filter_follows_the_ladder_an_admin_edited()
    {
        await Portal.SeedLadderAndWordListsAsync();
        await Portal.GivenCustomersAsync(ACustomer("D8").DaysOverdue(8), ACustomer("D9").DaysOverdue(9));
        var ladder = (await Portal.Service<SegmentCatalog>().LadderAsync()).Select(StageInput.From).ToList();
        ladder.Single(s => s.Key == "overdue_4_7").ToDaysOverdue = 8;
        ladder.Single(s => s.Key == "overdue_8_15").FromDaysOverdue = 9;
        await Portal.Service<SegmentCatalog>().SaveLadderAsync(ladder, StudioSetup.Admin);

        var page = await FindAsync(new CustomerQuery { StageKey = "overdue_4_7" });

        Assert.Equal(["D8"], page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task Today_is_the_date_in_the_business_time_zone_not_in_UTC()
    {
        // 00:30 on 24 November in Shanghai is still 23 November in UTC.
        await using var portal = await PortalDatabase.MigratedAsync(now: new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero));
        await portal.SeedLadderAndWordListsAsync();
        await portal.GivenCustomersAsync(ACustomer("CC0001").DueOn(new DateOnly(2026, 11, 24)));

        var page = await portal.Service<CustomerDirectory>().FindAsync(new CustomerQuery { StageKey = "due_day" }, true);

        var customer = Assert.Single(page.Items);
        Assert.Equal((0, "due_day"), (customer.DaysOverdue, customer.Stage?.Key));
    }

    [Fact]
    public async Task The_list_filters_by_customer_type()
    {
        await Portal.GivenCustomersAsync(
            ACustomer("CC0001").OfType(CustomerType.Young),
            ACustomer("CC0002").OfType(CustomerType.Retired),
            ACustomer("CC0003").OfType(CustomerType.Young));

        var page = await FindAsync(new CustomerQuery { CustomerType = CustomerType.Young, Sort = CustomerSort.AccountRef, Descending = false });

        Assert.Equal(["CC0001", "CC0003"], page.Items.Select(c => c.AccountRef));
        Assert.Equal(2, page.TotalCount);
    }

    [Fact]
    public async Task The_list_filters_by_product()
    {
        await Portal.GivenCustomersAsync(
            ACustomer("CC0001").WithProduct(LoanProduct.CreditCard),
            ACustomer("XL0002").WithProduct(LoanProduct.CashLoan),
            ACustomer("CL0003").WithProduct(LoanProduct.ConsumerLoan));

        var page = await FindAsync(new CustomerQuery { Product = LoanProduct.CashLoan });

        Assert.Equal(["XL0002"], page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task The_list_filters_by_region()
    {
        await Portal.GivenCustomersAsync(
            ACustomer("CC0001").InRegion("广东"),
            ACustomer("CC0002").InRegion("新疆"),
            ACustomer("CC0003").InRegion("广东"));

        var page = await FindAsync(new CustomerQuery { Region = "新疆" });

        Assert.Equal(["CC0002"], page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task Filters_combine()
    {
        await Portal.SeedLadderAndWordListsAsync();
        await Portal.GivenCustomersAsync(
            ACustomer("CC0001").OfType(CustomerType.Young).InRegion("广东").DaysOverdue(5),
            ACustomer("CC0002").OfType(CustomerType.Young).InRegion("广东").DaysOverdue(20),
            ACustomer("CC0003").OfType(CustomerType.Salaried).InRegion("广东").DaysOverdue(5),
            ACustomer("CC0004").OfType(CustomerType.Young).InRegion("北京").DaysOverdue(5));

        var page = await FindAsync(new CustomerQuery
        {
            CustomerType = CustomerType.Young, Region = "广东", StageKey = "overdue_4_7",
        });

        Assert.Equal(["CC0001"], page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task Search_finds_names_that_start_with_the_text()
    {
        await Portal.GivenCustomersAsync(
            ACustomer("CC0001").Named("张三"),
            ACustomer("CC0002").Named("张小华"),
            ACustomer("CC0003").Named("李张"),
            ACustomer("CC0004").Named("王五"));

        var page = await FindAsync(new CustomerQuery { Search = "张", Sort = CustomerSort.AccountRef, Descending = false });

        Assert.Equal(["CC0001", "CC0002"], page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task Search_finds_names_whose_next_character_lies_outside_the_basic_plane()
    {
        // Rare characters in names (生僻字) often lie in CJK Extension B and beyond: four bytes in UTF-8.
        await Portal.GivenCustomersAsync(
            ACustomer("CC0001").Named("张\U0002A6A5"),
            ACustomer("CC0002").Named("张三"),
            ACustomer("CC0003").Named("\U00020BB7张"));

        var page = await FindAsync(new CustomerQuery { Search = "张", Sort = CustomerSort.AccountRef, Descending = false });

        Assert.Equal(["CC0001", "CC0002"], page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task Search_finds_account_references_that_start_with_the_text()
    {
        await Portal.GivenCustomersAsync(
            ACustomer("CC00010"),
            ACustomer("CC00011"),
            ACustomer("CC00020"),
            ACustomer("XCC0001"));

        var page = await FindAsync(new CustomerQuery { Search = "CC0001", Sort = CustomerSort.AccountRef, Descending = false });

        Assert.Equal(["CC00010", "CC00011"], page.Items.Select(c => c.AccountRef));
    }

    [Theory]
    [InlineData("1381234")]
    [InlineData("138 1234")]
    [InlineData("+861381234")]
    public async Task Search_finds_mobile_numbers_that_start_with_the_digits(string search)
    {
        await Portal.GivenCustomersAsync(
            ACustomer("CC0001").WithPhone("+8613812345678"),
            ACustomer("CC0002").WithPhone("+8613812349999"),
            ACustomer("CC0003").WithPhone("+8613912345678"),
            ACustomer("CC0004").WithPhone("+8615013812340"));

        var page = await FindAsync(new CustomerQuery { Search = search, Sort = CustomerSort.AccountRef, Descending = false });

        Assert.Equal(["CC0001", "CC0002"], page.Items.Select(c => c.AccountRef));
    }

    [Fact]
    public async Task Readers_without_access_to_personal_data_see_it_masked()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001").Named("张三").WithPhone("+8613812345678").Owing(5230.50m));

        var customer = Assert.Single((await FindAsync(new CustomerQuery(), seesPersonalData: false)).Items);

        Assert.Equal(("张*", "138****5678", (decimal?)null), (customer.Name, customer.Phone, customer.AmountDue));
    }

    [Fact]
    public async Task Readers_with_access_to_personal_data_see_it_whole()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001").Named("张三").WithPhone("+8613812345678").Owing(5230.50m));

        var customer = Assert.Single((await FindAsync(new CustomerQuery(), seesPersonalData: true)).Items);

        Assert.Equal(("张三", "13812345678", (decimal?)5230.50m), (customer.Name, customer.Phone, customer.AmountDue));
    }

    [Fact]
    public async Task The_detail_masks_amounts_for_readers_without_access_to_personal_data()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001").Named("张三").Owing(1000m).DaysOverdue(10));
        var id = Assert.Single((await FindAsync(new CustomerQuery())).Items).Id;

        var masked = (await Portal.Service<CustomerDirectory>().GetAsync(id, seesPersonalData: false))!;
        var whole = (await Portal.Service<CustomerDirectory>().GetAsync(id, seesPersonalData: true))!;

        Assert.Equal(("张*", (decimal?)null, (decimal?)null, (decimal?)null),
            (masked.Summary.Name, masked.Summary.AmountDue, masked.MinimumDue, masked.PenaltyAccrued));
        Assert.Equal(("张三", (decimal?)1000m, (decimal?)523.05m, (decimal?)5.00m),
            (whole.Summary.Name, whole.Summary.AmountDue, whole.MinimumDue, whole.PenaltyAccrued));
    }

    private Task<CustomerPage> FindAsync(CustomerQuery query, bool seesPersonalData = true) =>
        Portal.Service<CustomerDirectory>().FindAsync(query, seesPersonalData);
}
