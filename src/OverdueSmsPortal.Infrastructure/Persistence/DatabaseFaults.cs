using Microsoft.Data.Sqlite;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>What went wrong with the database itself, as opposed to the data: the same for every feature.</summary>
public enum DatabaseFault
{
    /// <summary>Another writer held the database longer than the busy timeout (SQLITE_BUSY, SQLITE_LOCKED): try again.</summary>
    Busy = 1,
    /// <summary>The disk or the database's size limit is reached (SQLITE_FULL): nothing more can be written.</summary>
    Full = 2,
    /// <summary>The file cannot be written (SQLITE_READONLY).</summary>
    ReadOnly = 3,
    /// <summary>The operating system failed a read or a write (SQLITE_IOERR).</summary>
    IoError = 4,
}

/// <summary>
/// Recognises SQLite's own failures under whatever wraps them (EF's DbUpdateException, an
/// InvalidOperationException of a query), so that pages and endpoints say one clear thing for each.
/// SQLite rolls back the statement (and the transaction EF opened for a save) that failed with
/// these codes, so an operation that meets one has written nothing.
/// </summary>
public static class DatabaseFaults
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;

    public static DatabaseFault? Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite && Classify(sqlite.SqliteErrorCode) is { } fault)
            {
                return fault;
            }
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate && Classify(aggregate.InnerExceptions[0]) is { } inner)
            {
                return inner;
            }
        }
        return null;
    }

    /// <summary>Maps a SQLite result code, primary or extended (the low byte is the primary code).</summary>
    public static DatabaseFault? Classify(int sqliteCode) => (sqliteCode & 0xFF) switch
    {
        SqliteBusy or SqliteLocked => DatabaseFault.Busy,
        SqliteFull => DatabaseFault.Full,
        SqliteReadOnly => DatabaseFault.ReadOnly,
        SqliteIoError => DatabaseFault.IoError,
        _ => null,
    };

    /// <summary>The resource key of the message shown for <paramref name="fault"/>.</summary>
    public static string MessageKey(DatabaseFault fault) => $"Database.Fault.{fault}";

    /// <summary>Busy is a moment's contention; the others need someone to act, so the portal counts as degraded.</summary>
    public static bool NeedsAttention(DatabaseFault fault) => fault != DatabaseFault.Busy;
}

/// <summary>
/// The last database fault that needed attention (full, read-only, I/O), for the health check: the
/// portal still serves reads, so it reports degraded rather than down, for <see cref="Memory"/> after the fault.
/// </summary>
public sealed class DatabaseFaultMonitor(TimeProvider clock)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(5);

    private (DatabaseFault Fault, DateTimeOffset At)? last;

    public void Record(DatabaseFault fault)
    {
        if (DatabaseFaults.NeedsAttention(fault))
        {
            last = (fault, clock.GetUtcNow());
        }
    }

    /// <summary>The fault seen within <see cref="Memory"/>, if any.</summary>
    public (DatabaseFault Fault, DateTimeOffset At)? Recent =>
        last is { } seen && clock.GetUtcNow() - seen.At < Memory ? seen : null;
}
