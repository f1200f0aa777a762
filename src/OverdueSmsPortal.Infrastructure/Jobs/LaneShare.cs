using Quartz;

namespace OverdueSmsPortal.Infrastructure.Jobs;

/// <summary>
/// Spreads the lanes of a run over the cluster's live nodes. The node that starts a run is woken at
/// once and would take every lane itself, while the others wait out their idle time; so a node works
/// at most its share of a run, ceil(lanes / live nodes), and hands a lane beyond it back to the
/// cluster a moment later, for a node with room to take it. Quartz itself says which nodes are alive
/// and what each runs (its cluster and firing listings). After <see cref="MaxHandBacks"/> hand-backs a
/// node works the lane anyway: a lane never waits long on a node that is up but takes nothing.
/// </summary>
public static class LaneShare
{
    public const int MaxHandBacks = 8;

    /// <summary>
    /// How far ahead a handed-back lane is fired again: 1.5 to 2.5 s, about two idle waits, at random.
    /// The node handing it back was woken by its own scheduling and polls in step with it, so a fixed
    /// delay would let it take the lane first every time; at a random one another node polling in its
    /// own rhythm takes it about every other time.
    /// </summary>
    public static TimeSpan HandBackDelay() => TimeSpan.FromSeconds(1.5 + Random.Shared.NextDouble());

    /// <summary>
    /// Whether this node already works its share of the run's lanes, so <paramref name="lane"/> should
    /// go back to the cluster. Only lanes numbered below it count: lanes that start on one node at the
    /// same moment see each other, and the lowest of them stay. Never when this node is alone: a
    /// scheduler that is not clustered lists only itself.
    /// </summary>
    public static async Task<bool> IsFullAsync(IJobExecutionContext context, long runId, int lane, int lanes,
        CancellationToken cancellationToken)
    {
        if (lane == 0 || lanes <= 1 || HandBacksOf(context) >= MaxHandBacks)
        {
            return false;
        }
        var scheduler = context.Scheduler;
        var nodes = await scheduler.QueryClusterNodes(cancellationToken);
        var live = nodes.Count(node => node.IsCurrentNode || node.State == ClusterNodeState.Alive);
        if (live <= 1)
        {
            return false;
        }
        var running = await scheduler.QueryFireInstances(new FireInstanceQuery
        {
            SchedulerInstanceId = await scheduler.GetSchedulerInstanceId(cancellationToken),
            Take = PagedQuery.All,
        }, cancellationToken);
        var lowerLanes = Enumerable.Range(0, lane).Select(other => CampaignScheduler.RunJobKey(runId, other)).ToHashSet();
        var here = running.Items.Count(firing =>
            firing.FireInstanceId != context.FireInstanceId && firing.JobKey is { } job && lowerLanes.Contains(job));
        return here >= (lanes + live - 1) / live;
    }

    /// <summary>How many times the lane of <paramref name="context"/> was handed back before this firing.</summary>
    public static int HandBacksOf(IJobExecutionContext context) =>
        context.MergedJobDataMap.ContainsKey(CampaignScheduler.HandBacksKey) ? context.MergedJobDataMap.GetInt(CampaignScheduler.HandBacksKey) : 0;
}
