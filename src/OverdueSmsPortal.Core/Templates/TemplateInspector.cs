using System.Globalization;
using OverdueSmsPortal.Core.Templates.Lint;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>The stage a template is written for, as the lint needs it.</summary>
public sealed record TemplateStage(string Key, int FromDaysOverdue, int? ToDaysOverdue);

/// <summary>Why a customer is in the preview: a sample member, or one of the edge cases.</summary>
public enum PreviewCase
{
    Member = 1,
    LongestName = 2,
    LargestAmount = 3,
    MissingOptionalFields = 4,

    /// <summary>A made-up customer, shown instead of real ones to roles that may not see personal data.</summary>
    MadeUp = 5,
}

/// <summary>A customer the preview renders the text for, with the label the editor shows.</summary>
public sealed record PreviewSubject(PreviewCase Case, string Label, TemplateCustomer Customer);

/// <summary>The text one subject would receive, and what it costs to send.</summary>
public sealed record PreviewMessage(
    PreviewSubject Subject, string? Text, SmsSize Size, IReadOnlyList<string> MissingValues, TemplateError? Error);

/// <summary>Everything the editor and the reviewer see about a text: previews and findings.</summary>
public sealed record TemplateInspection(IReadOnlyList<PreviewMessage> Messages, IReadOnlyList<LintFinding> Findings)
{
    public LintSummary Summary => new(
        Findings.Count(f => f.Severity == LintSeverity.Error),
        Findings.Count(f => f.Severity == LintSeverity.Warning));

    public IEnumerable<LintFinding> Errors => Findings.Where(f => f.Severity == LintSeverity.Error);
    public IEnumerable<LintFinding> Warnings => Findings.Where(f => f.Severity == LintSeverity.Warning);
}

/// <summary>
/// Renders a text for each preview subject, measures each message and lints the text, in one place,
/// so that the editor, the review and the API judge a text the same way.
/// </summary>
public sealed class TemplateInspector(TemplateRenderer renderer)
{
    public TemplateInspection Inspect(string body, Tone tone, TemplateStage stage, IReadOnlyList<PreviewSubject> subjects,
        LenderProfile lender, LintVocabulary vocabulary, CultureInfo culture)
    {
        var messages = subjects.Select(subject =>
        {
            var result = renderer.Render(body, subject.Customer, lender, culture);
            var size = result.Text is null ? SmsSize.Measure("") : SmsSize.Measure(result.Text);
            return new PreviewMessage(subject, result.Text, size, result.MissingValues, result.Error);
        }).ToList();

        var findings = new List<LintFinding>();
        if (!tone.IsAllowedFor(stage.FromDaysOverdue))
        {
            findings.Add(new LintFinding(LintRules.ToneNotAllowed, LintSeverity.Error, 0, 0, tone.Code()));
        }
        // A syntax error is the same for every subject; a runtime error (a limit) may hit only one.
        foreach (var error in messages.Select(m => m.Error).OfType<TemplateError>().DistinctBy(e => (e.Start, e.End, e.Message)))
        {
            findings.Add(new LintFinding(error.IsOverLimit ? LintRules.TemplateTooComplex : LintRules.LiquidError, LintSeverity.Error,
                error.Start, error.End, error.Message));
        }
        int? maxParts = messages.Count == 0 ? null : messages.Max(m => m.Size.Parts);
        findings.AddRange(TemplateLinter.Lint(body, new LintContext(stage.FromDaysOverdue, stage.ToDaysOverdue, maxParts), vocabulary));
        return new TemplateInspection(messages, findings.OrderBy(f => f.Severity).ThenBy(f => f.Start).ToList());
    }
}
