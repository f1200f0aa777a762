using System.ComponentModel.DataAnnotations;

namespace OverdueSmsPortal.Infrastructure.Jobs;

/// <summary>
/// How the nodes of a cluster share Quartz (<c>Portal:Cluster</c>); used on PostgreSQL only, where
/// Quartz's clustered store keeps the schedule in the portal's database.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Portal:Cluster";

    /// <summary>Every node's scheduler has this name: nodes with the same name and database form one cluster.</summary>
    public const string SchedulerName = "OverdueSmsPortal";

    /// <summary>The <see cref="InstanceId"/> that lets Quartz make a unique one at start (host name and time).</summary>
    public const string AutomaticInstanceId = "AUTO";

    /// <summary>This node's name in the cluster, unique among the nodes; <c>AUTO</c> by default.</summary>
    [Required]
    public string InstanceId { get; set; } = AutomaticInstanceId;

    /// <summary>How often a node records that it is alive.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long past a missed check-in the other nodes wait before they take a node for dead and fire
    /// its run lanes again; longer than the worst pause of a live node (a GC, a database failover).
    /// </summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a node's scheduler sleeps when it finds nothing due before it asks the database
    /// again: the longest a firing scheduled by another node (a run's lane, a campaign approved there)
    /// waits to be taken. Quartz takes one second at least; its own default is 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(1);
}
