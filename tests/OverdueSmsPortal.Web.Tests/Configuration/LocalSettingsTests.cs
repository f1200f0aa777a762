using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace OverdueSmsPortal.Web.Tests.Configuration;

/// <summary>
/// appsettings.Local.json is a developer's own override of the committed settings; it must not
/// override what the host is told from outside (environment variables, command line), or a stray
/// file would point a deployment, or the test host, at the wrong database.
/// </summary>
public sealed class LocalSettingsTests : IDisposable
{
    private const string Key = "ConnectionStrings:Portal";
    private readonly DirectoryInfo contentRoot = Directory.CreateTempSubdirectory("portal-settings-");

    public LocalSettingsTests()
    {
        Write("appsettings.json", "committed.db");
        Write("appsettings.Production.json", "committed-production.db");
        Write("appsettings.Local.json", "local.db");
    }

    [Fact]
    public void Local_settings_override_the_committed_settings()
    {
        var configuration = DefaultSources();

        configuration.AddLocalSettings(new HostingEnvironment { EnvironmentName = "Production" });

        Assert.Equal("local.db", configuration[Key]);
    }

    [Fact]
    public void Command_line_overrides_local_settings()
    {
        var configuration = DefaultSources("--" + Key + "=from-command-line.db");

        configuration.AddLocalSettings(new HostingEnvironment { EnvironmentName = "Production" });

        Assert.Equal("from-command-line.db", configuration[Key]);
    }

    public void Dispose() => contentRoot.Delete(recursive: true);

    /// <summary>The file and command-line sources a web application builder starts with, in its order.</summary>
    private ConfigurationManager DefaultSources(params string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(contentRoot.FullName);
        configuration.AddJsonFile("appsettings.json", optional: true);
        configuration.AddJsonFile("appsettings.Production.json", optional: true);
        configuration.AddCommandLine(args);
        return configuration;
    }

    private void Write(string fileName, string database) =>
        File.WriteAllText(Path.Combine(contentRoot.FullName, fileName), $$"""{ "ConnectionStrings": { "Portal": "{{database}}" } }""");
}
