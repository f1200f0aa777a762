using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Reviews;

/// <summary>What waits for one approver: template versions and campaigns in review that they may decide.</summary>
public sealed record ReviewCount(int Templates, int Campaigns)
{
    public int Total => Templates + Campaigns;
}

/// <summary>
/// Counts the work waiting for a reviewer (DESIGN §2.4, §2.7). Maker-checker is applied as the
/// approval itself applies it, so the count never offers what the approver would be refused.
/// </summary>
public sealed class ReviewInbox(PortalDbContext db)
{
    /// <summary>What others made and submitted that <paramref name="reviewer"/> may decide; refused to roles that may not review.</summary>
    public async Task<ReviewCount> CountForAsync(Actor reviewer, CancellationToken cancellationToken = default)
    {
        // Like every service that acts for a user, it checks the role itself: the menu asks only for approvers.
        reviewer.Demand(PortalAction.Review);
        // Few versions are ever in review at once; their templates' other versions come too, because an
        // author of an unapproved draft a version grew from is one of its makers.
        // A version and its template's list point at each other: a no-tracking query follows that only with identity resolution.
        var versions = await db.TemplateVersions.AsNoTrackingWithIdentityResolution()
            .Where(v => v.Status == TemplateVersionStatus.InReview)
            .Include(v => v.Template).ThenInclude(t => t!.Versions)
            .ToListAsync(cancellationToken);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.InReview)
            .ToListAsync(cancellationToken);
        return new ReviewCount(versions.Count(v => !v.IsMadeBy(reviewer)), campaigns.Count(c => !c.IsMadeBy(reviewer)));
    }
}
