using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Settings;

/// <summary>
/// The cadence one customer would get under the send policy (<see cref="ContactTimeline"/>), with the
/// stage ladder and the business time zone as they are now: what the timeline API answers and what the
/// send policy page draws, from the same rules the planner and the dispatcher apply.
/// </summary>
public sealed class PolicyTimelines(PortalDbContext db, SendPolicyStore policyStore, BusinessClock businessClock)
{
    public Task<List<StageDefinition>> LadderAsync(CancellationToken cancellationToken = default) =>
        db.StageDefinitions.AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);

    /// <summary>Simulates <paramref name="scenario"/> under <paramref name="settings"/>, or under the saved policy when null.</summary>
    public async Task<TimelineResult> SimulateAsync(TimelineScenario scenario, PolicySettings? settings = null,
        CancellationToken cancellationToken = default)
    {
        var policy = settings ?? await policyStore.LoadAsync(cancellationToken);
        var ladder = await LadderAsync(cancellationToken);
        return ContactTimeline.Simulate(scenario, policy, ladder, businessClock.Zone);
    }
}
