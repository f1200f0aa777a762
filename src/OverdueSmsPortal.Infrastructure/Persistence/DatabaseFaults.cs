using Microsoft.Data.Sqlite;
using Npgsql;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>What went wrong with the database itself, as opposed to the data: the same for every feature.</summary>
public enum DatabaseFault
{
    /// <summary>
    /// Another writer held the database longer than the busy timeout (SQLITE_BUSY, SQLITE_LOCKED), or on
    /// PostgreSQL a lock or statement timeout, a deadlock, a serialization failure, all connections taken,
    /// or no answer within the command timeout: try again.
    /// </summary>
    Busy = 1,
    /// <summary>The disk or the database's size limit is reached (SQLITE_FULL), or the PostgreSQL server is out of disk, memory or another resource.</summary>
    Full = 2,
    /// <summary>The file cannot be written (SQLITE_READONLY), or the PostgreSQL database or server takes no writes (read_only_sql_transaction: a standby, or default_transaction_read_only).</summary>
    ReadOnly = 3,
    /// <summary>The operating system failed a read or a write (SQLITE_IOERR, PostgreSQL's io_error).</summary>
    IoError = 4,
    /// <summary>The PostgreSQL server cannot be reached: refused, gone, shutting down or starting up (never on SQLite).</summary>
    Unreachable = 5,
}

/// <summary>
/// Recognises the database's own failures, SQLite's result codes and PostgreSQL's SQLSTATEs, under
/// whatever wraps them (EF's DbUpdateException, an InvalidOperationException of a query), so that pages
/// and endpoints say one clear thing for each. Both roll back the statement (and the transaction EF
/// opened for a save) that failed with these codes, and a PostgreSQL server that cannot be reached
/// stored nothing, so an operation that meets one has written nothing. A query the caller cancelled
/// (an OperationCanceledException, which Npgsql raises around the server's query_canceled) is no fault.
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
            if (e is OperationCanceledException)
            {
                return null;
            }
            if (e is SqliteException sqlite && Classify(sqlite.SqliteErrorCode) is { } fault)
            {
                return fault;
            }
            if (e is PostgresException postgres)
            {
                return Classify(postgres.SqlState);
            }
            if (e is NpgsqlException npgsql && !HasInner<PostgresException>(npgsql))
            {
                // Npgsql's own failure, not the server's answer: the command or the pool timed out, or the
                // server could not be reached (refused, reset, name unknown).
                return HasInner<TimeoutException>(npgsql) ? DatabaseFault.Busy : DatabaseFault.Unreachable;
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

    /// <summary>Maps a PostgreSQL SQLSTATE (Npgsql's <see cref="PostgresErrorCodes"/>).</summary>
    public static DatabaseFault? Classify(string? sqlState) => sqlState switch
    {
        PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
            // query_canceled that reaches here is statement_timeout's: a cancel by the caller comes as OperationCanceledException.
            or PostgresErrorCodes.QueryCanceled
            // Every connection slot is taken: it passes as connections are given back.
            or PostgresErrorCodes.TooManyConnections => DatabaseFault.Busy,
        PostgresErrorCodes.ReadOnlySqlTransaction => DatabaseFault.ReadOnly,
        PostgresErrorCodes.IoError => DatabaseFault.IoError,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => DatabaseFault.Unreachable,
        // Class 53, insufficient resources: disk full, out of memory, a configured limit.
        ['5', '3', ..] => DatabaseFault.Full,
        // Class 08, connection exception.
        ['0', '8', ..] => DatabaseFault.Unreachable,
        _ => null,
    };

    private static bool HasInner<T>(Exception exception) where T : Exception
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The resource key of the message shown for <paramref name="fault"/>.</summary>
    public static string MessageKey(DatabaseFault fault) => $"Database.Fault.{fault}";

    /// <summary>Busy is a moment's contention; the others need someone to act, so the portal counts as degraded.</summary>
    public static bool NeedsAttention(DatabaseFault fault) => fault != DatabaseFault.Busy;
}

/// <summary>
/// The last database fault that needed attention (full, read-only, I/O, unreachable), for the health check: the
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
