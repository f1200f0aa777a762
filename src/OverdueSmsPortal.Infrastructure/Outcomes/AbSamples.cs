using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Infrastructure.Outcomes;

/// <summary>
/// One side of an A/B comparison as a reader needs it: the tone and version it sent (the most sent one
/// when the campaign's segments used several) and that version's text as one customer would read it.
/// </summary>
public sealed record AbSide(Variant Variant, Tone Tone, int Number, int OtherVersions, PreviewMessage? Sample);

/// <summary>
/// Names the sides of a campaign's A/B split and renders a sample of each, through the studio's preview
/// (same customers, same renderer, same render limits). Roles without personal data get the sample for
/// an example customer instead of a real one.
/// </summary>
public sealed class AbSamples(PortalDbContext db, TemplatePreviewer previewer, BusinessClock clock)
{
    public async Task<IReadOnlyDictionary<Variant, AbSide>> SidesAsync(long campaignId, DashboardFilter filter, bool seesPersonalData,
        CancellationToken cancellationToken = default)
    {
        var sent = await db.OutcomeSummaries.AsNoTracking()
            .Where(r => r.CampaignId == campaignId && r.Day >= filter.From && r.Day <= filter.To && r.TemplateVersionId != null)
            .GroupBy(r => new { r.Variant, r.TemplateVersionId })
            .Select(g => new { g.Key.Variant, g.Key.TemplateVersionId, Sent = g.Sum(r => r.Sent) })
            .ToListAsync(cancellationToken);
        var sides = new Dictionary<Variant, AbSide>();
        foreach (var variant in sent.GroupBy(s => s.Variant))
        {
            var versionId = variant.OrderByDescending(v => v.Sent).ThenBy(v => v.TemplateVersionId).First().TemplateVersionId!.Value;
            var version = await db.TemplateVersions.AsNoTracking()
                .Join(db.MessageTemplates, v => v.TemplateId, t => t.Id, (v, t) => new { v.Id, v.Number, v.Body, t.SegmentId, t.Tone })
                .FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
            if (version is null)
            {
                continue;
            }
            var context = await previewer.LoadAsync(version.SegmentId, version.Tone, cancellationToken);
            if (!seesPersonalData)
            {
                context = context with { Subjects = [Example(context.Stage)] };
            }
            var sample = previewer.Inspect(version.Body, context).Messages is [var first, ..] ? first : null;
            sides[variant.Key] = new AbSide(variant.Key, version.Tone, version.Number, variant.Count() - 1, sample);
        }
        return sides;
    }

    /// <summary>A customer who exists nowhere, in the stage of the segment: the text without anyone's data.</summary>
    private PreviewSubject Example(TemplateStage stage)
    {
        var today = clock.Today();
        var daysOverdue = Math.Max(stage.FromDaysOverdue, 0);
        return new PreviewSubject(PreviewCase.MissingOptionalFields, "",
            new TemplateCustomer("王芳", CustomerTitle.Ms, 1280.00m, null, today.AddDays(-daysOverdue), daysOverdue, null));
    }
}
