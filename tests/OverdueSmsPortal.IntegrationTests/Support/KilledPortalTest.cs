using Microsoft.Data.Sqlite;
using OverdueSmsPortal.Tests.Shared;
using Xunit.Abstractions;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// What the tests that kill the portal process share: a folder of their own for its database, counts
/// read from the file by a read-only connection while it runs or after it died, and the portal's last
/// lines printed when a step fails.
/// </summary>
public abstract class KilledPortalTest(string name, ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory($"portal-{name}-").FullName;

    protected ITestOutputHelper Output { get; } = output;

    protected string DatabasePath => Path.Combine(folder, "portal.db");

    /// <summary>Runs <paramref name="steps"/> against <paramref name="portal"/>, and kills it at the end whatever happened.</summary>
    protected async Task WithPortalAsync(PortalProcess portal, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            Output.WriteLine(string.Join(Environment.NewLine, portal.Output.TakeLast(80)));
            throw;
        }
        finally
        {
            portal.Kill();
        }
    }

    protected async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 30;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder later; a file still open must not fail a green run.
        }
        GC.SuppressFinalize(this);
    }
}
