using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure;
using OverdueSmsPortal.Infrastructure.Customers;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Components.Pages.Customers;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The customer list against a real SQLite database: who sees which personal data.</summary>
public sealed class CustomerListTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(15);

    private readonly CustomerDatabase database = new(Now,
        ACustomer("CC00000001", "张伟", "+8613812345678"),
        ACustomer("CL00000002", "李娜", "+8613987654321"),
        ACustomer("XL00000003", "王芳", "+8615011112222"));

    public CustomerListTests() => AddListServices(Services, database, Now);

    /// <summary>What the customer list needs: the real store, a fixed clock and the directory.</summary>
    internal static void AddListServices(IServiceCollection services, CustomerDatabase database, DateTimeOffset now)
    {
        database.AddContext(services);
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        services.AddOptions<PortalOptions>();
        services.AddBusinessClock();
        services.AddScoped<CustomerDirectory>();
    }

    [Fact]
    public void Viewer_sees_phone_numbers_masked()
    {
        SignInAs("viewer", PortalRoles.Viewer);

        var list = Render<CustomerList>();

        list.WaitForAssertion(() => Assert.Equal(["138****5678", "139****4321", "150****2222"], Phones(list)), LoadTimeout);
    }

    [Fact]
    public void Viewer_is_told_that_personal_data_is_masked()
    {
        using var _ = CultureScope.Use("zh-CN");
        SignInAs("viewer", PortalRoles.Viewer);

        var list = Render<CustomerList>();

        Assert.Contains("脱敏", list.Find("[data-testid=masking-notice]").TextContent);
    }

    [Fact]
    public void Admin_sees_full_phone_numbers()
    {
        SignInAs("admin", PortalRoles.Admin);

        var list = Render<CustomerList>();

        list.WaitForAssertion(() => Assert.Equal(["13812345678", "13987654321", "15011112222"], Phones(list)), LoadTimeout);
    }

    [Fact]
    public void Admin_is_not_shown_the_masking_notice()
    {
        SignInAs("admin", PortalRoles.Admin);

        var list = Render<CustomerList>();

        list.WaitForAssertion(() => Assert.Equal(3, Phones(list).Count), LoadTimeout);
        Assert.Empty(list.FindAll("[data-testid=masking-notice]"));
    }

    [Fact]
    public async Task Viewer_searching_by_the_first_digits_of_a_number_is_shown_nobody()
    {
        SignInAs("viewer", PortalRoles.Viewer);
        var list = Render<CustomerList>();
        list.WaitForAssertion(() => Assert.Equal(3, Phones(list).Count), LoadTimeout);

        await SearchAsync(list, "1381234");

        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=customers-empty]")), LoadTimeout);
        Assert.Empty(Phones(list));
    }

    [Fact]
    public async Task Viewer_finds_a_customer_by_the_whole_number()
    {
        SignInAs("viewer", PortalRoles.Viewer);
        var list = Render<CustomerList>();
        list.WaitForAssertion(() => Assert.Equal(3, Phones(list).Count), LoadTimeout);

        await SearchAsync(list, "138 1234 5678");

        list.WaitForAssertion(() => Assert.Equal(["138****5678"], Phones(list)), LoadTimeout);
    }

    [Fact]
    public void Viewer_is_offered_sorting_only_by_days_overdue_and_region()
    {
        using var _ = CultureScope.Use("en");
        SignInAs("viewer", PortalRoles.Viewer);

        var list = Render<CustomerList>();

        list.WaitForAssertion(() => Assert.Equal(["Region", "Days overdue"], SortableHeaders(list)), LoadTimeout);
    }

    [Fact]
    public void Admin_is_offered_sorting_by_amount_too()
    {
        using var _ = CultureScope.Use("en");
        SignInAs("admin", PortalRoles.Admin);

        var list = Render<CustomerList>();

        list.WaitForAssertion(() => Assert.Contains("Amount due", SortableHeaders(list)), LoadTimeout);
    }

    [Fact]
    public void Viewer_sees_account_references_masked()
    {
        SignInAs("viewer", PortalRoles.Viewer);

        var list = Render<CustomerList>();

        list.WaitForAssertion(() => Assert.Equal(["CC****01", "CL****02", "XL****03"], AccountRefs(list)), LoadTimeout);
    }

    [Theory]
    [InlineData(PortalRoles.Admin)]
    [InlineData(PortalRoles.Viewer)]
    public void Each_row_opens_its_customer_through_a_link_the_keyboard_reaches(string role)
    {
        SignInAs("reader", role);

        var list = Render<CustomerList>();

        list.WaitForAssertion(() => Assert.Equal(3, list.FindAll("[data-testid=customer-link]").Count), LoadTimeout);
        using var scope = Services.CreateScope();
        var ids = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Customers
            .OrderBy(c => c.AccountRef).Select(c => c.Id).ToList();
        var links = list.FindAll("[data-testid=customer-link]").OrderBy(a => a.TextContent, StringComparer.Ordinal).ToList();
        Assert.Equal(ids.Select(id => $"customers/{id}"), links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.Equal("A", a.TagName));
    }

    [Fact]
    public async Task A_search_made_while_the_first_page_is_loading_shows_its_own_rows()
    {
        // A slow database: the first page of customers answers only when the test lets it.
        var firstPage = new HeldFirstRead("Customers");
        database.AddInterceptors(Services, firstPage);
        SignInAs("admin", PortalRoles.Admin);
        var list = Render<CustomerList>();
        await firstPage.Held.Task.WaitAsync(LoadTimeout);

        var filters = list.FindComponent<CustomerFilters>();
        var searching = list.InvokeAsync(() => filters.Instance.FilterChanged.InvokeAsync(new CustomerFilter { Search = "李" }));
        firstPage.Release.SetResult();
        await searching.WaitAsync(LoadTimeout);

        list.WaitForAssertion(() => Assert.Equal(["13987654321"], Phones(list)), LoadTimeout);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }

    private static Task SearchAsync(IRenderedComponent<CustomerList> list, string text)
    {
        var filters = list.FindComponent<CustomerFilters>();
        return list.InvokeAsync(() => filters.Instance.FilterChanged.InvokeAsync(new CustomerFilter { Search = text }));
    }

    /// <summary>The titles of the columns whose header offers a sort button.</summary>
    private static List<string> SortableHeaders(IRenderedComponent<CustomerList> list) =>
        list.FindAll("[data-testid=customers-grid] th")
            .Where(th => th.QuerySelector(".sort-direction-icon") is not null)
            .Select(th => th.QuerySelector(".sortable-column-header")?.TextContent.Trim() ?? "")
            .ToList();

    /// <summary>The first cell of each row: the account reference.</summary>
    private static List<string> AccountRefs(IRenderedComponent<CustomerList> list) =>
        list.FindAll("[data-testid=customers-grid] tbody tr td:first-child").Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0).Order(StringComparer.Ordinal).ToList();

    private static List<string> Phones(IRenderedComponent<CustomerList> list) =>
        list.FindAll("[data-testid=customer-phone]").Select(e => e.TextContent).Order(StringComparer.Ordinal).ToList();

    private static CustomerDetails ACustomer(string accountRef, string name, string phone) => new(
        accountRef, name, CustomerTitle.Mr, phone, CustomerType.Salaried, LoanProduct.CreditCard, "北京", "Asia/Shanghai",
        AmountDue: 1000m, MinimumDue: 100m, DueDate: new DateOnly(2026, 11, 10), DailyPenaltyRate: 0.0005m, PaydayOfMonth: 15);
}
