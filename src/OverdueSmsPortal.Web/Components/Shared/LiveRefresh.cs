namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// Refreshes a live page on a timer: from <see cref="Start"/> until the refresh says it is done or the
/// page goes away. State is read from the database each time, so every portal node shows the same.
/// </summary>
public sealed class LiveRefresh : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private bool disposed;

    /// <summary>
    /// Starts the refresh once; later calls do nothing, and so does a call after the page went away (a user who
    /// leaves while the page's first read runs). <paramref name="refresh"/> returns false to stop.
    /// </summary>
    public void Start(TimeSpan interval, Func<CancellationToken, Task<bool>> refresh)
    {
        if (!disposed)
        {
            loop ??= RunAsync(interval, refresh, stop.Token);
        }
    }

    private static async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task<bool>> refresh, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken) && await refresh(cancellationToken))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }
        stop.Dispose();
    }
}
