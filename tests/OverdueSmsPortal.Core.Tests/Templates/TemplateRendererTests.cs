using System.Globalization;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Tests.Templates;

public class TemplateRendererTests
{
    private static readonly TemplateRenderer Renderer = new();
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly LenderProfile Lender = new("示例银行", "95555", "https://pay.example.cn/r");

    private static readonly TemplateCustomer Customer = new(
        "张伟", CustomerTitle.Mr, 12345.6m, 1234.56m, new DateOnly(2026, 11, 15), 9, 0.0005m);

    private static string Render(string body, TemplateCustomer? customer = null, CultureInfo? culture = null)
    {
        var result = Renderer.Render(body, customer ?? Customer, Lender, culture ?? Chinese);
        Assert.Null(result.Error);
        return result.Text!;
    }

    [Theory]
    [InlineData("{{ customer.name }}", "张伟")]
    [InlineData("{{ customer.title }}", "先生")]
    [InlineData("{{ debt.amount_due }}", "¥12,345.60")]
    [InlineData("{{ debt.minimum_due }}", "¥1,234.56")]
    [InlineData("{{ debt.days_overdue }}", "9")]
    [InlineData("{{ debt.due_date }}", "2026年11月15日")]
    [InlineData("{{ debt.penalty_rate }}", "0.05%")]
    [InlineData("{{ lender.name }}", "示例银行")]
    [InlineData("{{ lender.hotline }}", "95555")]
    [InlineData("{{ lender.payment_link }}", "https://pay.example.cn/r")]
    public void Each_placeholder_renders_formatted_for_chinese(string body, string expected) =>
        Assert.Equal(expected, Render(body));

    [Theory]
    [InlineData("{{ customer.title }}", "Mr")]
    [InlineData("{{ debt.amount_due }}", "CNY 12,345.60")]
    [InlineData("{{ debt.due_date }}", "15 Nov 2026")]
    [InlineData("{{ debt.penalty_rate }}", "0.05%")]
    [InlineData("{{ debt.days_overdue }}", "9")]
    public void Amounts_dates_and_titles_follow_the_message_culture(string body, string expected) =>
        Assert.Equal(expected, Render(body, culture: English));

    [Fact]
    public void Ms_is_addressed_as_nüshi() =>
        Assert.Equal("李娜女士", Render("{{ customer.name }}{{ customer.title }}", Customer with { Name = "李娜", Title = CustomerTitle.Ms }));

    [Fact]
    public void Rendering_does_not_depend_on_the_thread_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("¥12,345.60 0.05%", Render("{{ debt.amount_due }} {{ debt.penalty_rate }}"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task A_render_on_a_blazor_dispatcher_thread_completes_without_waiting_for_that_dispatcher()
    {
        // A circuit renders the preview on its dispatcher and blocks it until the render returns: a
        // continuation posted back to that dispatcher would never run.
        var render = Task.Run(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new BlockedDispatcher());
            return Renderer.Render("{{ customer.name }}{% capture c %}{{ 'x' | append: 'y' }}{% endcapture %}{{ c }}", Customer, Lender, Chinese);
        });

        var result = await render.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("张伟xy", result.Text);
    }

    private sealed class BlockedDispatcher : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }

        public override void Send(SendOrPostCallback d, object? state)
        {
        }
    }

    [Fact]
    public void A_missing_value_renders_empty_and_is_reported()
    {
        var customer = Customer with { MinimumDue = null, DailyPenaltyRate = null };

        var result = Renderer.Render("最低{{ debt.minimum_due }}，罚息{{ debt.penalty_rate }}，应还{{ debt.amount_due }}", customer, Lender, Chinese);

        Assert.Equal("最低，罚息，应还¥12,345.60", result.Text);
        Assert.Equal(["debt.minimum_due", "debt.penalty_rate"], result.MissingValues);
    }

    [Fact]
    public void Every_customer_value_can_be_missing()
    {
        var nobody = new TemplateCustomer(null, null, null, null, null, null, null);
        var body = string.Join("|", TemplatePlaceholders.All.Where(p => !p.StartsWith("lender.", StringComparison.Ordinal)).Select(p => $"{{{{ {p} }}}}"));

        var result = Renderer.Render(body, nobody, Lender, Chinese);

        Assert.Equal(new string('|', TemplatePlaceholders.All.Count(p => !p.StartsWith("lender.", StringComparison.Ordinal)) - 1), result.Text);
        Assert.Equal(TemplatePlaceholders.All.Where(p => !p.StartsWith("lender.", StringComparison.Ordinal)).Order(StringComparer.Ordinal), result.MissingValues);
    }

    [Theory]
    [InlineData("王芳", "王")]
    [InlineData("欧阳娜娜", "欧阳")]
    [InlineData("司马光", "司马")]
    [InlineData("诸葛亮", "诸葛")]
    [InlineData("上官婉儿", "上官")]
    [InlineData("尉迟恭", "尉迟")]
    [InlineData("令狐冲", "令狐")]
    [InlineData("  张伟 ", "张")]
    [InlineData("欧阳", "欧阳")]
    [InlineData("马", "马")]
    [InlineData("John Smith", "Smith")]
    [InlineData("Mary Anne  O'Neil", "O'Neil")]
    [InlineData("Li", "Li")]
    [InlineData("买买提·吐尔逊", "买买提·吐尔逊")]
    public void The_surname_is_the_family_name_of_the_customer_name(string name, string surname) =>
        Assert.Equal(surname, Render("{{ customer.surname }}", Customer with { Name = name }));

    [Fact]
    public void The_family_name_of_a_name_in_a_character_outside_the_basic_plane_is_not_cut_in_half() =>
        Assert.Equal("𠀋", Render("{{ customer.surname }}", Customer with { Name = "𠀋一" }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_name_the_surname_is_missing(string? name)
    {
        var result = Renderer.Render("尊敬的{{ customer.surname }}{{ customer.title }}", Customer with { Name = name }, Lender, Chinese);

        Assert.Equal("尊敬的先生", result.Text);
        Assert.Equal(["customer.surname"], result.MissingValues);
    }

    [Theory]
    [InlineData(-7, "2026年11月15日")]   // before the due date: the due date
    [InlineData(0, "2026年11月15日")]    // on the due date: still the due date
    [InlineData(1, "2026年11月19日")]    // a day overdue (sent 16 Nov): three days from the message
    [InlineData(9, "2026年11月27日")]    // sent 24 Nov
    public void Pay_by_is_the_due_date_until_it_passes_then_a_few_days_from_the_message(int daysOverdue, string payBy) =>
        Assert.Equal(payBy, Render("{{ debt.pay_by }}", Customer with { DaysOverdue = daysOverdue }));

    [Fact]
    public void Pay_by_counts_the_days_the_lender_sets()
    {
        var result = Renderer.Render("{{ debt.pay_by }}", Customer, Lender with { PayWithinDays = 0 }, Chinese);
        Assert.Equal("2026年11月24日", result.Text);
    }

    [Fact]
    public void Pay_by_is_written_like_the_due_date_and_is_a_date_to_the_date_filter()
    {
        Assert.Equal("27 Nov 2026", Render("{{ debt.pay_by }}", culture: English));
        Assert.Equal("11月27日", Render("{{ debt.pay_by | date: \"%m月%d日\" }}"));
    }

    [Fact]
    public void Pay_by_is_missing_without_a_due_date_or_past_the_calendar_end()
    {
        var undated = Renderer.Render("{{ debt.pay_by }}", Customer with { DueDate = null }, Lender, Chinese);
        var endOfTime = Renderer.Render("{{ debt.pay_by }}", Customer with { DueDate = DateOnly.MaxValue.AddDays(-1), DaysOverdue = 1 }, Lender, Chinese);

        Assert.Equal(["debt.pay_by"], undated.MissingValues);
        Assert.Equal(["debt.pay_by"], endOfTime.MissingValues);
    }

    [Fact]
    public void A_missing_lender_value_is_reported_too()
    {
        var result = Renderer.Render("{{ lender.hotline }}", Customer, Lender with { Hotline = "" }, Chinese);
        Assert.Equal("", result.Text);
        Assert.Equal(["lender.hotline"], result.MissingValues);
    }

    [Fact]
    public void The_default_filter_fills_a_missing_value() =>
        Assert.Equal("¥12,345.60", Render("{{ debt.minimum_due | default: debt.amount_due }}", Customer with { MinimumDue = null }));

    [Fact]
    public void Filters_work_on_the_underlying_numbers_and_dates()
    {
        Assert.Equal("12245.6", Render("{{ debt.amount_due | minus: 100 }}"));
        Assert.Equal("11月15日", Render("{{ debt.due_date | date: \"%m月%d日\" }}"));
        Assert.Equal("MR", Render("{{ customer.title | upcase }}", culture: English));
        Assert.Equal("yes", Render("{% if debt.days_overdue > 7 %}yes{% else %}no{% endif %}"));
    }

    [Fact]
    public void A_syntax_error_is_a_result_with_its_line_not_an_exception()
    {
        var body = "【{{ lender.name }}】\n您好，\n请还款{{ debt.amount_due \n谢谢";

        var result = Renderer.Render(body, Customer, Lender, Chinese);

        Assert.Null(result.Text);
        var error = Assert.IsType<TemplateError>(result.Error);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("{{ debt.amount_due", body[error.Start..error.End]);
    }

    [Theory]
    [InlineData("{% if %}x{% endif %}")]
    [InlineData("{% unknowntag %}")]
    [InlineData("{{ 'x' | append: }}")]
    public void Broken_liquid_is_an_error_result(string body)
    {
        var result = Renderer.Render(body, Customer, Lender, Chinese);
        Assert.Null(result.Text);
        Assert.NotNull(result.Error);
        Assert.Equal(result.Error, Renderer.Check(body));
    }

    [Fact]
    public void An_unknown_filter_is_an_error_rather_than_silently_dropped()
    {
        var result = Renderer.Render("{{ customer.name | shout }}", Customer, Lender, Chinese);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData("{{ customer.GetType }}")]
    [InlineData("{{ customer.Name }}")]
    [InlineData("{{ debt.amount_due.Scale }}")]
    [InlineData("{{ customer.phone }}{{ customer.account_ref }}")]
    [InlineData("{{ system }}{{ environment.machine_name }}")]
    public void Nothing_outside_the_documented_model_is_reachable(string body) =>
        Assert.Equal("", Render(body));

    [Theory]
    [InlineData("{% include 'appsettings.json' %}")]
    [InlineData("{% render '../../etc/passwd' %}")]
    public void Templates_cannot_read_files(string body)
    {
        var result = Renderer.Render(body, Customer, Lender, Chinese);
        Assert.Null(result.Text);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}")]
    [InlineData("{% for i in (1..debt.amount_due) %}x{% endfor %}")]
    [InlineData("{% for i in (-5000..5) %}x{% endfor %}")]
    public void A_huge_or_variable_range_is_refused_before_it_is_built(string body)
    {
        var result = Renderer.Render(body, Customer, Lender, Chinese);

        Assert.Null(result.Text);
        Assert.Contains("range", result.Error!.Message);
        Assert.StartsWith("(", body[result.Error.Start..result.Error.End]);
    }

    [Fact]
    public void A_small_literal_range_works() =>
        Assert.Equal("123", Render("{% for i in (1..3) %}{{ i }}{% endfor %}"));

    [Fact]
    public void Nested_loops_that_run_away_end_as_an_error()
    {
        var result = Renderer.Render("{% for i in (1..999) %}{% for j in (1..999) %}{% endfor %}{% endfor %}", Customer, Lender, Chinese);
        Assert.Null(result.Text);
        Assert.Contains("steps", result.Error!.Message);
    }

    [Fact]
    public void An_output_longer_than_the_cap_is_an_error()
    {
        var result = Renderer.Render("{% for i in (1..600) %}还款提醒{% endfor %}", Customer, Lender, Chinese);
        Assert.Null(result.Text);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void A_customer_from_the_database_maps_zero_minimum_and_zero_penalty_to_missing()
    {
        var details = new CustomerDetails("CC1", "王芳", CustomerTitle.Ms, "+8613800000000", CustomerType.Salaried,
            LoanProduct.CreditCard, "广东", "Asia/Shanghai", 800m, 0m, new DateOnly(2026, 11, 20), 0m, null);

        var customer = TemplateCustomer.From(details, new DateOnly(2026, 11, 24));

        Assert.Equal(new TemplateCustomer("王芳", CustomerTitle.Ms, 800m, null, new DateOnly(2026, 11, 20), 4, null), customer);
    }
}
