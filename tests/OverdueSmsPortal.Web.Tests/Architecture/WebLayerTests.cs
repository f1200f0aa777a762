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

    private static IEnumerable<FileInfo> SourceFiles() =>
        SourceTree.WebProject.EnumerateFiles("*.*", SearchOption.AllDirectories)
            .Where(f => f.Extension is ".cs" or ".razor")
            .Where(f => !f.FullName.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.FullName.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"\bPortalDbContext\b|\bMicrosoft\.EntityFrameworkCore\b")]
    private static partial Regex EfCore();
}
