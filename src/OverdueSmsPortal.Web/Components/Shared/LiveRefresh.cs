namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// Refreshes a live page on a timer: from <see cref="Start"/> until the refresh says it is done or the
/// page goes away. State is read from the database each time, so every portal node shows the same.
/// </summary>
public sealed class LiveRefresh : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task? loop;

    /// <summary>Starts the refresh once; later calls do nothing. <paramref name="refresh"/> returns false to stop.</summary>
    public void Start(TimeSpan interval, Func<CancellationToken, Task<bool>> refresh) =>
        loop ??= RunAsync(interval, refresh, stop.Token);

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
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }
        stop.Dispose();
    }
}
