using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OverdueSmsPortal.Web.Tests.Components;

/// <summary>
/// A slow database for one query: the first read whose SQL names <paramref name="table"/> with a LIMIT (a page of
/// a grid) waits until the test releases it, so a filter can change while that page is still loading.
/// </summary>
public sealed class HeldFirstRead(string table) : DbCommandInterceptor
{
    private int pages;

    /// <summary>False while a test seeds its data through the same services: only reads after arming are held.</summary>
    public bool Armed { get; set; } = true;

    /// <summary>Completes when the first page's query has reached the database and is being held.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held query's caller cancelled it before the test let it run.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed by the test to let the held query run.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Armed && IsPage(command) && Interlocked.Increment(ref pages) == 1)
        {
            Held.SetResult();
            // A real query stops when its caller cancels it: the grid cancels a page it no longer wants.
            try
            {
                await Release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
        return result;
    }

    private bool IsPage(DbCommand command) =>
        command.CommandText.Contains($"FROM \"{table}\"", StringComparison.Ordinal) &&
        command.CommandText.Contains("LIMIT", StringComparison.Ordinal);
}
