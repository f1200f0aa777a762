using Bunit;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Web.Components.Pages.Customers;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>The customer list says days overdue as an operator does: a customer not yet due is no "-2".</summary>
public sealed class CustomerDaysOverdueTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);

    private readonly CustomerDatabase database = new(Now,
        StudioCustomers.Overdue("CC00000001", "陈美玲", -2, Today, "+8613812345678"),
        StudioCustomers.Overdue("CC00000002", "欧阳娜娜", 9, Today, "+8613987654321"));

    public CustomerDaysOverdueTests() => CustomerListTests.AddListServices(Services, database, Now);

    [Fact]
    public void A_customer_due_in_two_days_is_listed_as_not_yet_due_and_an_overdue_one_by_its_days()
    {
        using var _ = CultureScope.Use("zh-CN");
        SignInAs("admin", PortalRoles.Admin);

        var list = Render<CustomerList>();

        list.WaitForAssertion(() => Assert.Equal(["9", "未到期（2 天后到期）"],
            list.FindAll(".days-overdue").Select(d => d.TextContent.Trim()).Order(StringComparer.Ordinal).ToList()), TimeSpan.FromSeconds(15));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
