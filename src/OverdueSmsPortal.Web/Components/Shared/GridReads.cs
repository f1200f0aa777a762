using System.Diagnostics.CodeAnalysis;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// The database reads of one page: each in a service scope of its own, one at a time, in the order
/// they were asked for. A filter can change while a page of rows is still loading. Run side by side,
/// two reads on the circuit's one context collide, and in separate scopes the older, slower read can
/// answer last and put back rows the new filter leaves out.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim is only awaited; its wait handle is never created, so there is nothing to free, and disposing a gate still shared by running work would fault it.")]
public sealed class GridReads(IServiceScopeFactory scopes)
{
    // SemaphoreSlim hands its turn to asynchronous waiters first come, first served.
    private readonly SemaphoreSlim turn = new(1, 1);
    private int pending;

    /// <summary>True while a read is running or waiting for its turn: the grid's loading bar.</summary>
    public bool Busy => Volatile.Read(ref pending) > 0;

    public async Task<TResult> ReadAsync<TService, TResult>(Func<TService, Task<TResult>> read) where TService : notnull
    {
        Interlocked.Increment(ref pending);
        try
        {
            await turn.WaitAsync();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await read(scope.ServiceProvider.GetRequiredService<TService>());
            }
            finally
            {
                turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref pending);
        }
    }
}
