using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Templates;

/// <summary>The sentence a finding shows in the portal's language: one resource per rule.</summary>
public static class FindingText
{
    public static string Of(IStringLocalizer<SharedResource> localizer, LintFinding finding) =>
        localizer[$"Lint.{finding.Rule}", finding.Subject ?? ""];
}
