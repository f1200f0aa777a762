using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Templates;

/// <summary>The sentence a finding shows in the portal's language: one resource per rule.</summary>
public static class FindingText
{
    public static string Of(IStringLocalizer<SharedResource> localizer, LintFinding finding)
    {
        if (finding.Rule != LintRules.LiquidError)
        {
            return localizer[$"Lint.{finding.Rule}", finding.Subject ?? ""];
        }
        // The finding keeps Fluid's English for the API; the author reads the mistake in their own words.
        var problem = LiquidProblem.Read(finding.Subject);
        return localizer[$"Lint.liquid_error.{problem.Kind}", problem.Name ?? ""];
    }

    /// <summary>
    /// The part of the text to mark for a finding: the name the error is about when it lies within the
    /// finding's span (the filter "money", not the whole tag), otherwise the span itself.
    /// </summary>
    public static (int Start, int End) Mark(LintFinding finding, string body)
    {
        var start = Math.Clamp(finding.Start, 0, body.Length);
        var end = Math.Clamp(finding.End, start, body.Length);
        if (finding.Rule == LintRules.LiquidError && LiquidProblem.Read(finding.Subject).Name is { Length: > 0 } name)
        {
            // Errors found while rendering come without a place; the name is then looked for in the whole text.
            var at = end > start ? body.IndexOf(name, start, end - start, StringComparison.Ordinal) : -1;
            if (at < 0 && end <= start)
            {
                at = body.IndexOf(name, StringComparison.Ordinal);
            }

            if (at >= 0)
            {
                return (at, at + name.Length);
            }
        }
        return (start, end);
    }
}
