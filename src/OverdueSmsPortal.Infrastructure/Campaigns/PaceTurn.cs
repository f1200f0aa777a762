namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>
/// The next free turn of one pace (a campaign's throughput cap, or the gateway's), kept in the
/// database so that every node of a cluster draws its turns from one schedule. See <see cref="CampaignPacer"/>.
/// </summary>
public sealed class PaceTurn
{
    /// <summary>A campaign's id, or <see cref="CampaignPacer.GatewayPace"/> for the gateway's own cap.</summary>
    public long Key { get; set; }

    /// <summary>The first turn not yet given to any node, in UTC ticks.</summary>
    public long NextTicks { get; set; }
}
