using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.IntegrationTests.Support;
using static OverdueSmsPortal.IntegrationTests.Support.CustomerBuilder;

namespace OverdueSmsPortal.IntegrationTests.Customers;

/// <summary>
/// A reader who sees personal data masked (a Viewer) must not unmask it through the customer list's
/// search or sort: a number found digit by digit, or debts listed largest first, are the data itself.
/// </summary>
public sealed class MaskedCustomerSearchTests : DatabaseTest
{
    [Theory]
    [InlineData("139")]
    [InlineData("1391234")]
    [InlineData("+861391234")]
    [InlineData("1391234567")]
    public async Task A_viewer_searching_by_the_first_digits_of_a_number_finds_nobody(string digits)
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001").WithPhone("+8613912345678"));

        var page = await ViewerFindsAsync(new CustomerQuery { Search = digits });

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
    }

    [Theory]
    [InlineData("13912345678")]
    [InlineData("139 1234 5678")]
    [InlineData("139-1234-5678")]
    [InlineData("+86 139 1234 5678")]
    [InlineData("008613912345678")]
    public async Task A_viewer_finds_a_customer_by_the_whole_number_in_any_spelling_the_import_reads(string number)
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001").WithPhone("+8613912345678"), ACustomer("CC0002").WithPhone("+8613912345679"));

        var customer = Assert.Single((await ViewerFindsAsync(new CustomerQuery { Search = number })).Items);

        Assert.Equal(await IdOfAsync("CC0001"), customer.Id);
    }

    [Fact]
    public async Task A_viewer_searching_by_the_start_of_an_account_reference_finds_nobody()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC00010"), ACustomer("CC00011"));

        var page = await ViewerFindsAsync(new CustomerQuery { Search = "CC0001" });

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task A_viewer_finds_a_customer_by_the_whole_account_reference()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC00010"), ACustomer("CC00011"));

        var customer = Assert.Single((await ViewerFindsAsync(new CustomerQuery { Search = " CC00011 " })).Items);

        Assert.Equal(await IdOfAsync("CC00011"), customer.Id);
    }

    [Fact]
    public async Task A_viewer_searching_by_a_family_name_alone_finds_nobody()
    {
        // Names are masked to 张* for a Viewer: finding 张三 by typing 张, 张三… would unmask them one character at a time.
        await Portal.GivenCustomersAsync(ACustomer("CC0001").Named("张三"), ACustomer("CC0002").Named("张小华"));

        var page = await ViewerFindsAsync(new CustomerQuery { Search = "张" });

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task A_viewer_finds_a_customer_by_the_whole_name()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001").Named("张三"), ACustomer("CC0002").Named("张三丰"));

        var customer = Assert.Single((await ViewerFindsAsync(new CustomerQuery { Search = "张三" })).Items);

        Assert.Equal(await IdOfAsync("CC0001"), customer.Id);
    }

    [Theory]
    [InlineData(CustomerSort.AmountDue, true)]
    [InlineData(CustomerSort.AmountDue, false)]
    [InlineData(CustomerSort.Name, false)]
    [InlineData(CustomerSort.AccountRef, false)]
    public async Task A_viewer_asking_to_sort_by_masked_data_gets_the_list_by_days_overdue(CustomerSort sort, bool descending)
    {
        // Sorted by amount, name (李 < 王 < 赵 < 陈) or reference, none of these lists runs 40, 30, 20, 10.
        await Portal.GivenCustomersAsync(
            ACustomer("D4").Named("陈四").Owing(100).DaysOverdue(40),
            ACustomer("C3").Named("赵三").Owing(900).DaysOverdue(30),
            ACustomer("B2").Named("王二").Owing(500).DaysOverdue(20),
            ACustomer("A1").Named("李一").Owing(300).DaysOverdue(10));

        var page = await ViewerFindsAsync(new CustomerQuery { Sort = sort, Descending = descending });

        Assert.Equal([40, 30, 20, 10], page.Items.Select(c => c.DaysOverdue));
    }

    [Theory]
    [InlineData(CustomerSort.DaysOverdue, false, "10,20,30,40")]
    [InlineData(CustomerSort.Region, false, "30,20,10,40")]
    public async Task A_viewer_still_sorts_by_what_is_shown_whole(CustomerSort sort, bool descending, string daysOverdue)
    {
        // 上海 < 北京 < 四川 < 广东 by code point.
        await Portal.GivenCustomersAsync(
            ACustomer("A1").DaysOverdue(40).InRegion("广东"),
            ACustomer("B2").DaysOverdue(30).InRegion("上海"),
            ACustomer("C3").DaysOverdue(20).InRegion("北京"),
            ACustomer("D4").DaysOverdue(10).InRegion("四川"));

        var page = await ViewerFindsAsync(new CustomerQuery { Sort = sort, Descending = descending });

        Assert.Equal(daysOverdue.Split(',').Select(int.Parse), page.Items.Select(c => c.DaysOverdue));
    }

    [Fact]
    public async Task A_viewer_sees_account_references_masked()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC00000001"));

        var customer = Assert.Single((await ViewerFindsAsync(new CustomerQuery())).Items);

        Assert.Equal("CC****01", customer.AccountRef);
    }

    [Fact]
    public async Task A_viewer_sees_the_account_reference_masked_on_the_customer_s_detail()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC00000001"));

        var detail = await Portal.Service<CustomerDirectory>().GetAsync(await IdOfAsync("CC00000001"), seesPersonalData: false);

        Assert.Equal("CC****01", detail!.Summary.AccountRef);
    }

    [Fact]
    public async Task An_operator_who_sees_personal_data_still_finds_numbers_by_their_first_digits()
    {
        await Portal.GivenCustomersAsync(ACustomer("CC0001").WithPhone("+8613912345678"));

        var page = await Portal.Service<CustomerDirectory>().FindAsync(new CustomerQuery { Search = "1391234" }, seesPersonalData: true);

        Assert.Equal("CC0001", Assert.Single(page.Items).AccountRef);
    }

    private Task<CustomerPage> ViewerFindsAsync(CustomerQuery query) =>
        Portal.Service<CustomerDirectory>().FindAsync(query, seesPersonalData: false);

    private async Task<long> IdOfAsync(string accountRef) =>
        Assert.Single((await Portal.Service<CustomerDirectory>().FindAsync(new CustomerQuery { Search = accountRef }, true)).Items,
            c => c.AccountRef == accountRef).Id;
}
