using System.Collections.Concurrent;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// Spaces a campaign's messages at its throughput cap. The cap is the campaign's, so every run of the
/// campaign draws its turns from one schedule.
/// </summary>
public sealed class CampaignPacer(TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, Slot> slots = new();

    private sealed class Slot
    {
        public readonly Lock Gate = new();
        public DateTimeOffset Next = DateTimeOffset.MinValue;
    }

    /// <summary>Waits until the campaign may send its next message.</summary>
    public async Task WaitTurnAsync(long campaignId, int perSecond, CancellationToken cancellationToken)
    {
        var slot = slots.GetOrAdd(campaignId, _ => new Slot());
        DateTimeOffset turn;
        lock (slot.Gate)
        {
            var now = clock.GetUtcNow();
            turn = slot.Next > now ? slot.Next : now;
            slot.Next = turn + TimeSpan.FromTicks(TimeSpan.TicksPerSecond / Math.Max(1, perSecond));
        }
        var wait = turn - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
