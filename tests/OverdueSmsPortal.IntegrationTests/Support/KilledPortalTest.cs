using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Tests.Shared;
using Xunit.Abstractions;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// What the tests that kill the portal process share: a database of their own (a file in a folder of
/// their own, or a PostgreSQL database), counts read past the portal while it runs or after it died,
/// and the portal's last lines printed when a step fails. SQL given to <see cref="CountAsync"/> quotes
/// its names, so that it reads the same on either store.
/// </summary>
public abstract class KilledPortalTest : IDisposable
{
    private readonly string folder;

    protected KilledPortalTest(string name, ITestOutputHelper output)
    {
        folder = Directory.CreateTempSubdirectory($"portal-{name}-").FullName;
        Output = output;
        Store = TestStore.Create(folder);
    }

    protected ITestOutputHelper Output { get; }

    /// <summary>The portal's database, which this test owns and removes.</summary>
    protected TestDatabase Store { get; }

    /// <summary>A portal process over <see cref="Store"/> with <paramref name="settings"/>.</summary>
    /// <param name="outputLimit">How many of its last lines it keeps (<see cref="PortalProcess.OutputLimit"/>); none: all.</param>
    protected PortalProcess NewPortal(IReadOnlyDictionary<string, string?> settings, int? outputLimit = 2000) =>
        new(Store.ConnectionString, Store.Settings.Concat(settings).ToDictionary()) { OutputLimit = outputLimit };

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
        await using var db = Store.NewContext();
        var connection = db.Database.GetDbConnection();
        if (Store.FilePath is { } file)
        {
            // Read-only and unpooled: this side never holds the file's write lock or keeps it open.
            connection.ConnectionString = $"Data Source={file};Mode=ReadOnly;Pooling=False";
        }
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 30;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
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
