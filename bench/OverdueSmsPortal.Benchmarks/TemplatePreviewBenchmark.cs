using System.Diagnostics;
using System.Globalization;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Demo;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// What one key press costs in the template studio: the text is new, so it is parsed, rendered for
/// the eight preview customers, measured and linted (DESIGN §2.5). Core only, no database: the
/// studio loads the customers and word lists once per page and inspects in memory.
/// </summary>
internal static class TemplatePreviewBenchmark
{
    public static Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var inspector = new TemplateInspector(new TemplateRenderer());
        var lender = new LenderProfile("示例消费金融", "400-800-1234", "https://pay.example.cn/repay");
        var culture = CultureInfo.GetCultureInfo("zh-CN");
        var vocabulary = LintVocabulary.Default;
        var stage = new TemplateStage("overdue_4_7", 4, 7);
        var today = new DateOnly(2026, 11, 24);
        var subjects = DemoCustomers.Generate(8, today)
            .Select((c, i) => new PreviewSubject(i < 5 ? PreviewCase.Member : PreviewCase.LongestName, c.Name, TemplateCustomer.From(c, today)))
            .ToList();
        var body = DemoTemplates.For("overdue_4_7", Tone.Firm)!;

        output.WriteLine($"preview: {subjects.Count} customers, a {body.Length}-character text typed one key at a time, {options.Repetitions} passes");
        // Warm-up: JIT, the traditional-to-simplified table, regexes.
        inspector.Inspect(body, Tone.Firm, stage, subjects, lender, vocabulary, culture);

        var perKey = new List<double>();
        for (var pass = 0; pass < options.Repetitions; pass++)
        {
            for (var length = 1; length <= body.Length; length++)
            {
                // A new text every time, as typing makes; the marker defeats the parse cache across passes.
                var text = body[..length] + new string(' ', pass);
                var watch = Stopwatch.StartNew();
                inspector.Inspect(text, Tone.Firm, stage, subjects, lender, vocabulary, culture);
                perKey.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        var sorted = perKey.Order().ToArray();
        output.WriteLine($"  per key press (parse + 8 renders + sizes + lint): median {Statistics.Median(perKey):0.00} ms, " +
                         $"p95 {sorted[(int)(sorted.Length * 0.95)]:0.00} ms, max {sorted[^1]:0.00} ms over {perKey.Count} texts");

        var again = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var watch = Stopwatch.StartNew();
            inspector.Inspect(body, Tone.Firm, stage, subjects, lender, vocabulary, culture);
            again.Add(watch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"  same text again (parse cached): median {Statistics.Median(again):0.00} ms");

        var lint = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var watch = Stopwatch.StartNew();
            TemplateLinter.Lint(body, new LintContext(4, 7, 2), vocabulary);
            lint.Add(watch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"  lint alone ({vocabulary.Terms.Count} terms): median {Statistics.Median(lint):0.00} ms");
        return Task.CompletedTask;
    }
}
