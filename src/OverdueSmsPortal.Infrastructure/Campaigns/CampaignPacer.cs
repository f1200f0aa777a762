using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// Spaces messages at a throughput cap that holds for the whole cluster: a campaign's cap for all its
/// runs and lanes on every node, and the gateway's cap for all campaigns. The next free turn of each
/// cap is a row of <see cref="PaceTurn"/>; a node takes a block of consecutive turns from it with one
/// atomic update (the database's row lock orders the nodes), then hands them out one by one. A turn
/// the node could not use in time is dropped, never used late, so that no second ever gets more
/// messages than the cap allows (give or take one).
/// </summary>
public sealed class CampaignPacer(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The key of the gateway's own cap (campaign ids are positive).</summary>
    public const long GatewayPace = -1;

    /// <summary>A block is this share of a second's turns: about ten reservations a second per node at most.</summary>
    private const int BlocksPerSecond = 10;

    /// <summary>A block is never smaller than this (nor than the cap): at a low cap a block is a second or so.</summary>
    private const int MinBlock = 8;

    private const int MaxBlock = 100;

    private readonly ConcurrentDictionary<long, Block> blocks = new();

    [SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim is only awaited; its wait handle is never created, so there is nothing to free, and disposing a gate still shared by running work would fault it.")]
    private sealed class Block
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long NextTicks;
        public long IntervalTicks;
        public int Left;
    }

    /// <summary>Waits until <paramref name="paceKey"/> may send its next message at <paramref name="perSecond"/>.</summary>
    public async Task WaitTurnAsync(long paceKey, int perSecond, CancellationToken cancellationToken)
    {
        var block = blocks.GetOrAdd(paceKey, _ => new Block());
        var cap = Math.Max(1, perSecond);
        var interval = TimeSpan.TicksPerSecond / cap;
        long turn;
        await block.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow().UtcTicks;
            if (block.IntervalTicks != interval)
            {
                // The cap changed: the turns held were cut for the old one.
                block.Left = 0;
            }
            else if (block.Left > 0 && block.NextTicks + interval < now)
            {
                var passed = (now - block.NextTicks) / interval;
                block.Left = (int)Math.Max(0, block.Left - passed);
                block.NextTicks += passed * interval;
            }
            if (block.Left == 0)
            {
                var size = Math.Clamp(cap / BlocksPerSecond, Math.Min(cap, MinBlock), MaxBlock);
                block.NextTicks = await ReserveAsync(paceKey, size, interval, now, cancellationToken);
                block.IntervalTicks = interval;
                block.Left = size;
            }
            turn = block.NextTicks;
            block.NextTicks += interval;
            block.Left--;
        }
        finally
        {
            block.Gate.Release();
        }
        var wait = new DateTimeOffset(turn, TimeSpan.Zero) - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Takes <paramref name="count"/> turns from the shared schedule; answers the first one's time in ticks.</summary>
    internal async Task<long> ReserveAsync(long key, int count, long interval, long now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var span = count * interval;
        for (var attempt = 0; ; attempt++)
        {
            // One statement: the row's lock makes a concurrent reservation wait and then start after this one.
            var first = await db.Database.SqlQuery<long>($"""
                UPDATE "PaceTurns"
                SET "NextTicks" = (CASE WHEN "NextTicks" > {now} THEN "NextTicks" ELSE {now} END) + {span}
                WHERE "Key" = {key}
                RETURNING "NextTicks" - {span} AS "Value"
                """).ToListAsync(cancellationToken);
            if (first.Count == 1)
            {
                return first[0];
            }
            if (attempt > 0)
            {
                throw new InvalidOperationException($"The pace {key} has no row to reserve turns from.");
            }
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "PaceTurns" ("Key", "NextTicks") VALUES ({key}, 0) ON CONFLICT ("Key") DO NOTHING
                """, cancellationToken);
        }
    }
}
