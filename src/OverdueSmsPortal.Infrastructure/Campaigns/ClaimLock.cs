using System.Diagnostics.CodeAnalysis;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>One claimer at a time across all runs of this process (see <see cref="OutboxDispatcher"/>).</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim is only awaited; its wait handle is never created, so there is nothing to free, and disposing a gate still shared by running work would fault it.")]
public sealed class ClaimLock
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
