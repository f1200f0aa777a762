using Microsoft.Data.Sqlite;

namespace OverdueSmsPortal.Web.Tests.Hosting;

/// <summary>
/// Another writer holding a SQLite database: an open connection inside <c>BEGIN EXCLUSIVE</c>, in WAL
/// mode as the portal runs it, so that writers wait out their busy timeout and readers go on.
/// Disposing it rolls the transaction back and frees the database.
/// </summary>
public static class RivalWriter
{
    public static async Task<SqliteConnection> HoldAsync(string connectionString)
    {
        // Unpooled, so that disposing really closes the connection and ends its lock.
        var rival = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await rival.OpenAsync();
        await using var command = rival.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync();
        return rival;
    }
}
