using System.Text.RegularExpressions;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Architecture;

/// <summary>
/// The Web project asks Infrastructure's services for what it shows and never queries EF Core itself:
/// a query written in a page or an endpoint escapes the services' role checks, their tests on both
/// stores and the one place a reader looks for how the data is read. Only the composition root names
/// the context, to register its health check.
/// </summary>
public sealed partial class WebLayerTests
{
    private static readonly string[] CompositionRoot = ["Extensions.cs", "Program.cs"];

    [Fact]
    public void No_page_endpoint_or_helper_of_the_web_project_uses_ef_core_or_the_context()
    {
        var offenders = SourceFiles()
            .Where(file => !CompositionRoot.Contains(Path.GetRelativePath(SourceTree.WebProject.FullName, file.FullName)))
            .SelectMany(file => File.ReadLines(file.FullName)
                .Select((line, index) => (file, line, number: index + 1))
                .Where(x => EfCore().IsMatch(x.line)))
            .Select(x => $"{Path.GetRelativePath(SourceTree.Root.FullName, x.file.FullName)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_check_reads_the_web_projects_sources()
    {
        var files = SourceFiles().Select(f => f.Name).ToList();

        Assert.Contains("CampaignRuns.razor", files);
        Assert.Contains("TemplatesApi.cs", files);
        Assert.Matches(EfCore(), "        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();");
        Assert.Matches(EfCore(), "using Microsoft.EntityFrameworkCore;");
    }

    /// <summary>
    /// Every form is checked through <c>FluentValidator</c>, which turns Core's codes into the user's language
    /// in one place: a page that runs a validator itself and builds its own error list drifts from the others
    /// (one showed Core's codes, another the validator's English).
    /// </summary>
    [Fact]
    public void No_page_or_dialog_runs_a_validator_itself()
    {
        var offenders = SourceFiles()
            .Where(file => file.Extension == ".razor")
            .SelectMany(file => File.ReadLines(file.FullName)
                .Select((line, index) => (file, line, number: index + 1))
                .Where(x => OwnValidation().IsMatch(x.line)))
            .Select(x => $"{Path.GetRelativePath(SourceTree.Root.FullName, x.file.FullName)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("        errors = Validator.Validate(form).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);")]
    [InlineData("        errors = (await Validator.ValidateAsync(input)).Errors.GroupBy(e => e.PropertyName);")]
    [InlineData("        errors = new SegmentRulesValidator(ladder!).Validate(rules).Errors")]
    [InlineData("        var failures = CampaignDesk.Validator(Clock).Validate(form.ToPlan()).Errors")]
    [InlineData("            FluentValidation.ValidationContext<ComplaintClosing>.CreateWithOptions((ComplaintClosing)model, o => o.IncludeProperties(property)));")]
    [InlineData("    private Dictionary<string, string> errors = [];")]
    public void The_form_check_recognises_a_page_that_validates_by_itself(string line) => Assert.Matches(OwnValidation(), line);

    private static IEnumerable<FileInfo> SourceFiles() =>
        SourceTree.WebProject.EnumerateFiles("*.*", SearchOption.AllDirectories)
            .Where(f => f.Extension is ".cs" or ".razor")
            .Where(f => !f.FullName.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.FullName.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"\bPortalDbContext\b|\bMicrosoft\.EntityFrameworkCore\b")]
    private static partial Regex EfCore();

    [GeneratedRegex(@"\bValidator(\([^)]*\))?\.Validate(Async)?\(|\bnew \w+Validator\([^)]*\)\.Validate|\bValidationContext<|Dictionary<string, string> errors\b")]
    private static partial Regex OwnValidation();
}
