using System.Globalization;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.IntegrationTests.Persistence;

/// <summary>The texts a new portal starts with are the examples authors copy: they must pass the lint they are judged by.</summary>
public sealed class DemoTemplatesTests
{
    private static readonly LenderProfile Lender = new LenderOptions().Profile();
    private static readonly LintVocabulary Vocabulary = new(DefaultLintTerms.All, [new LenderOptions().PaymentHost()]);
    private static readonly DateOnly Today = new(2026, 12, 6);

    public static TheoryData<string, Tone> Templates()
    {
        var data = new TheoryData<string, Tone>();
        foreach (var (stage, tone, _) in DemoTemplates.All)
        {
            data.Add(stage, tone);
        }
        return data;
    }

    /// <summary>Customers like the demo's: a common and a compound surname, a long name, no title, no penalty rate, a large amount.</summary>
    private static IReadOnlyList<PreviewSubject> Subjects(StageDefinition stage)
    {
        var daysOverdue = stage.FromDaysOverdue;
        var due = Today.AddDays(-daysOverdue);
        return
        [
            new(PreviewCase.Member, "王", new TemplateCustomer("王芳", CustomerTitle.Ms, 1280.00m, 200m, due, daysOverdue, 0.0005m)),
            new(PreviewCase.Member, "欧阳", new TemplateCustomer("欧阳建国", CustomerTitle.Mr, 356.40m, null, due, daysOverdue, null)),
            new(PreviewCase.LongestName, "长名", new TemplateCustomer("司马长风云", null, 8999.99m, null, due, daysOverdue, 0.0005m)),
            new(PreviewCase.LargestAmount, "大额", new TemplateCustomer("李四", CustomerTitle.Mr, 128_000.00m, 10_000m, due,
                stage.ToDaysOverdue ?? daysOverdue + 40, 0.00065m)),
        ];
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_demo_template_passes_the_lint_of_its_stage_without_errors_or_warnings(string stageKey, Tone tone)
    {
        var stage = StageLadder.Default().Single(s => s.Key == stageKey);
        var body = DemoTemplates.For(stageKey, tone)!;

        var inspection = new TemplateInspector(new TemplateRenderer()).Inspect(body, tone,
            new TemplateStage(stage.Key, stage.FromDaysOverdue, stage.ToDaysOverdue), Subjects(stage), Lender, Vocabulary,
            CultureInfo.GetCultureInfo("zh-CN"));

        var texts = string.Join("\n", inspection.Messages.Select(m => $"{m.Size.Parts}: {m.Text}"));
        Assert.True(inspection.Findings.Count == 0,
            $"{stageKey}/{tone}: {string.Join(", ", inspection.Findings.Select(f => f.Rule + " " + f.Subject))}\n{texts}");
        // Only what the texts test for with {% if %} may be missing.
        Assert.All(inspection.Messages, m => Assert.DoesNotContain(m.MissingValues,
            v => v is not TemplatePlaceholders.PenaltyRate and not TemplatePlaceholders.CustomerTitle));
    }

    [Fact]
    public void No_two_demo_templates_have_the_same_text()
    {
        var bodies = DemoTemplates.All.Select(t => t.Body).ToList();
        Assert.Equal(bodies.Count, bodies.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_customer_without_a_title_is_addressed_as_a_customer_not_by_a_bare_surname()
    {
        var body = DemoTemplates.For("overdue_1_3", Tone.Gentle)!;
        var customer = new TemplateCustomer("王芳", null, 100m, null, Today.AddDays(-2), 2, null);

        var text = new TemplateRenderer().Render(body, customer, Lender, CultureInfo.GetCultureInfo("zh-CN")).Text;

        Assert.Contains("尊敬的客户，您好", text, StringComparison.Ordinal);
    }
}
