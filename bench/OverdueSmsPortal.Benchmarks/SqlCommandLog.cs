using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>A SQL statement EF Core ran: its text, its parameter values and how long it took to run and read.</summary>
internal sealed record SqlStatement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters, TimeSpan Duration);

/// <summary>
/// Records the statements EF Core runs, from its diagnostic events, so the benchmark can split a
/// call's time between its statements and ask SQLite for their plans without touching the portal's
/// wiring.
/// </summary>
internal sealed class SqlCommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly List<SqlStatement> statements = [];
    private readonly Dictionary<Guid, TimeSpan> executing = [];
    private readonly Lock gate = new();

    public SqlCommandLog() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>Returns the statements recorded since the last call and starts a new list.</summary>
    public IReadOnlyList<SqlStatement> Take()
    {
        lock (gate)
        {
            var taken = statements.ToList();
            statements.Clear();
            executing.Clear();
            return taken;
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (gate)
            {
                subscriptions.Add(listener.Subscribe(this, name =>
                    name == RelationalEventId.CommandExecuted.Name || name == RelationalEventId.DataReaderDisposing.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // SQLite does most of a query's work in the first step, inside ExecuteReader; the rest while
        // the reader is read. A statement's time is both: from CommandExecuted and from DataReaderDisposing.
        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                lock (gate)
                {
                    executing[executed.CommandId] = executed.Duration;
                }
                break;
            case DataReaderDisposingEventData reading:
                var parameters = reading.Command.Parameters.Cast<System.Data.Common.DbParameter>()
                    .Select(p => (p.ParameterName, p.Value))
                    .ToList();
                lock (gate)
                {
                    executing.Remove(reading.CommandId, out var execution);
                    statements.Add(new SqlStatement(reading.Command.CommandText, parameters, execution + reading.Duration));
                }
                break;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (gate)
        {
            subscriptions.ForEach(s => s.Dispose());
            subscriptions.Clear();
        }
    }
}
