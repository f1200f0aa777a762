using OverdueSmsPortal.Tests.Shared;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// A private, real PostgreSQL started by <c>scripts/postgres/start.sh</c> in a temporary folder on
/// 127.0.0.1 and a free port, with a random password; stopped and removed on dispose. Without
/// PostgreSQL installed it throws, so the tests fail and say so rather than pass unseen.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromSeconds(90);

    private PostgresServer(string folder, IReadOnlyDictionary<string, string> printed)
    {
        Folder = folder;
        Port = int.Parse(printed["POSTGRES_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        Password = printed["POSTGRES_PASSWORD"];
        ConnectionString = printed["POSTGRES_CONNECTION"];
    }

    /// <summary>The cluster's folder: data, logs and the Unix socket.</summary>
    public string Folder { get; }

    public int Port { get; }

    public string Password { get; }

    /// <summary>An Npgsql connection string to the <c>postgres</c> database as the <c>postgres</c> user.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        // The script makes the folder, so that it can hand it to the postgres user.
        var folder = Path.Combine(Path.GetTempPath(), $"portal-postgres-{Guid.NewGuid():N}");
        try
        {
            var printed = await RunScriptAsync("start.sh", "--dir", folder);
            return new PostgresServer(folder, RepositoryScript.Settings(printed, "POSTGRES_"));
        }
        catch
        {
            await RunScriptAsync("stop.sh", "--dir", folder, "--remove");
            throw;
        }
    }

    /// <summary>Stops the server; its folder stays until dispose.</summary>
    public Task StopAsync() => RunScriptAsync("stop.sh", "--dir", Folder);

    public async ValueTask DisposeAsync() => await RunScriptAsync("stop.sh", "--dir", Folder, "--remove");

    /// <summary>Runs one of scripts/postgres/*.sh and returns what it printed; a failure throws with its words.</summary>
    private static Task<string> RunScriptAsync(string script, params string[] arguments) =>
        RepositoryScript.RunAsync($"postgres/{script}", ScriptDeadline, arguments);
}
