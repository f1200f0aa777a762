namespace OverdueSmsPortal.Web.Tests.Hosting;

/// <summary>The checked-out sources, found by walking up from the test binaries to the solution file.</summary>
public static class SourceTree
{
    public static DirectoryInfo Root { get; } = FindRoot();

    public static DirectoryInfo WebProject { get; } = new(Path.Combine(Root.FullName, "src", "OverdueSmsPortal.Web"));

    private static DirectoryInfo FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OverdueSmsPortal.sln")))
            {
                return directory;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains OverdueSmsPortal.sln.");
    }
}
