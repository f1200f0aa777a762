using System.Globalization;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Tests.Templates;

/// <summary>
/// The mistakes authors make in Liquid, read from what the real renderer says about them: if Fluid words an
/// error differently one day, these fail instead of the page quietly falling back to a vaguer sentence.
/// </summary>
public class LiquidProblemTests
{
    private static readonly TemplateRenderer Renderer = new();
    private static readonly LenderProfile Lender = new("示例银行", "95555", "https://pay.example.cn/r");
    private static readonly TemplateCustomer Customer = new("王芳", CustomerTitle.Ms, 1280m, 128m, new DateOnly(2026, 11, 1), 9, 0.0005m);

    private static LiquidProblem ProblemOf(string body)
    {
        var error = Renderer.Render(body, Customer, Lender, CultureInfo.GetCultureInfo("zh-CN")).Error;
        Assert.NotNull(error);
        return LiquidProblem.Read(error.Message);
    }

    [Fact]
    public void An_author_who_invents_a_filter_is_told_its_name() =>
        Assert.Equal(new LiquidProblem(LiquidProblemKind.UnknownFilter, "money"), ProblemOf("您的欠款{{ debt.amount_due | money }}"));

    [Fact]
    public void An_author_who_invents_a_tag_is_told_its_name() =>
        Assert.Equal(new LiquidProblem(LiquidProblemKind.UnknownTag, "remind"), ProblemOf("{% remind %}请还款"));

    [Fact]
    public void An_if_left_open_is_named() =>
        Assert.Equal(new LiquidProblem(LiquidProblemKind.UnclosedBlock, "if"), ProblemOf("{% if debt.days_overdue > 3 %}请尽快还款"));

    [Fact]
    public void An_output_without_its_closing_braces_is_named() =>
        Assert.Equal(LiquidProblemKind.UnclosedTag, ProblemOf("尊敬的{{ customer.name 您好").Kind);

    [Fact]
    public void Empty_braces_miss_a_value() =>
        Assert.Equal(LiquidProblemKind.MissingValue, ProblemOf("尊敬的{{ }}您好").Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Something entirely new went wrong")]
    public void What_is_not_recognised_is_other_and_names_nothing(string? message) =>
        Assert.Equal(new LiquidProblem(LiquidProblemKind.Other, null), LiquidProblem.Read(message));

    [Fact]
    public void A_huge_name_is_not_taken_as_a_name()
    {
        var problem = LiquidProblem.Read($"Undefined filter '{new string('x', 5000)}'");

        Assert.Equal(LiquidProblemKind.Other, problem.Kind);
    }
}
