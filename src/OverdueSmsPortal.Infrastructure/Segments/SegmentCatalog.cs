using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Segments;

/// <summary>A segment in the list: its rules, its stage and how many customers match now.</summary>
public sealed record SegmentSummary(Segment Segment, StageDefinition Stage, int MemberCount);

/// <summary>A customer in a segment's sample, masked when the reader may not see personal data.</summary>
public sealed record SegmentSampleRow(string AccountRef, string Name, string Region, decimal? AmountDue, int DaysOverdue);

/// <summary>Who a set of rules reaches now: the count and the first few customers.</summary>
public sealed record SegmentMatch(int Count, IReadOnlyList<SegmentSampleRow> Sample);

/// <summary>
/// Segments and the stage ladder: reading them with live member counts, and every change validated
/// against the ladder as it stands and written to the audit trail with the change.
/// </summary>
public sealed class SegmentCatalog(PortalDbContext db, AuditTrail audit, TimeProvider clock, BusinessClock businessClock)
{
    public const int SampleSize = 10;

    public Task<List<StageDefinition>> LadderAsync(CancellationToken cancellationToken = default) =>
        db.StageDefinitions.AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SegmentSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var ladder = await LadderAsync(cancellationToken);
        var segments = await db.Segments.AsNoTracking().ToListAsync(cancellationToken);
        var today = businessClock.Today();
        var rows = new List<SegmentSummary>();
        foreach (var segment in segments)
        {
            var stage = ladder.First(s => s.Key == segment.StageKey);
            var count = await SegmentMembers.Members(db.Customers.AsNoTracking(), segment, stage, today).CountAsync(cancellationToken);
            rows.Add(new SegmentSummary(segment, stage, count));
        }
        return rows.OrderBy(r => r.Stage.Order).ThenBy(r => r.Segment.Name, StringComparer.Ordinal).ToList();
    }

    public Task<Segment?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The regions customers are in, for the region picker.</summary>
    public Task<List<string>> RegionsAsync(CancellationToken cancellationToken = default) =>
        db.Customers.AsNoTracking().Select(c => c.Region).Distinct().OrderBy(r => r).ToListAsync(cancellationToken);

    /// <summary>How many customers <paramref name="rules"/> reach now, and a sample of them.</summary>
    public async Task<SegmentMatch> MatchAsync(SegmentRules rules, bool seesPersonalData, CancellationToken cancellationToken = default)
    {
        var stage = await db.StageDefinitions.AsNoTracking().FirstOrDefaultAsync(s => s.Key == rules.StageKey, cancellationToken);
        if (stage is null)
        {
            return new SegmentMatch(0, []);
        }
        var today = businessClock.Today();
        var members = SegmentMembers.Members(db.Customers.AsNoTracking(), rules, stage, today);
        var count = await members.CountAsync(cancellationToken);
        var sample = await members.OrderBy(c => c.Id).Take(SampleSize)
            .Select(c => new { c.AccountRef, c.Name, c.Region, c.AmountDue, c.DueDate })
            .ToListAsync(cancellationToken);
        return new SegmentMatch(count, sample.Select(c => new SegmentSampleRow(
            seesPersonalData ? c.AccountRef : PersonalDataMask.AccountRef(c.AccountRef),
            seesPersonalData ? c.Name : PersonalDataMask.Name(c.Name),
            c.Region,
            seesPersonalData ? c.AmountDue : null,
            CollectionStages.DaysOverdue(c.DueDate, today))).ToList());
    }

    public async Task<Segment> CreateAsync(SegmentRules rules, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSegments);
        var stage = await ValidateAsync(rules, null, cancellationToken);
        var segment = new Segment(rules, stage, clock.GetUtcNow());
        // The entry names the segment by the key its insert gets: both saves in one transaction.
        return await audit.TogetherAsync(async () =>
        {
            db.Segments.Add(segment);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(by.Name, AuditNames.Segment, segment.Id.ToString(CultureInfo.InvariantCulture), AuditNames.Created, after: segment.Rules(),
                cancellationToken: cancellationToken);
            return segment;
        }, cancellationToken: cancellationToken);
    }

    public async Task<Segment> UpdateAsync(long id, SegmentRules rules, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSegments);
        var stage = await ValidateAsync(rules, id, cancellationToken);
        var segment = await db.Segments.FirstAsync(s => s.Id == id, cancellationToken);
        var before = segment.Rules();
        segment.Update(rules, stage, clock.GetUtcNow());
        audit.Add(by.Name, AuditNames.Segment, id.ToString(CultureInfo.InvariantCulture), AuditNames.Updated, before, segment.Rules());
        await db.SaveChangesAsync(cancellationToken);
        return segment;
    }

    /// <summary>Whether templates were written for the segment; such a segment is kept for their history.</summary>
    public Task<bool> IsInUseAsync(long id, CancellationToken cancellationToken = default) =>
        db.MessageTemplates.AnyAsync(t => t.SegmentId == id, cancellationToken);

    /// <summary>Deletes a segment that has no templates; false when it has some.</summary>
    public async Task<bool> DeleteAsync(long id, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSegments);
        if (await IsInUseAsync(id, cancellationToken))
        {
            return false;
        }
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (segment is null)
        {
            return true;
        }
        db.Segments.Remove(segment);
        audit.Add(by.Name, AuditNames.Segment, id.ToString(CultureInfo.InvariantCulture), AuditNames.Deleted, before: segment.Rules());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Saves an Admin's edit of the ladder: names and bounds of the existing stages (keys never change).</summary>
    public async Task SaveLadderAsync(IReadOnlyList<StageInput> edits, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSegments);
        new StageLadderValidator().ValidateAndThrow(edits);
        var stages = await db.StageDefinitions.OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var before = stages.Select(StageInput.From).ToList();
        foreach (var stage in stages)
        {
            var edit = edits.FirstOrDefault(e => e.Key == stage.Key)
                ?? throw new ValidationException([new ValidationFailure("Key", "stage.key.missing") { ErrorCode = "stage.key.missing" }]);
            stage.Update(edit.NameZh, edit.NameEn, edit.FromDaysOverdue, edit.ToDaysOverdue, stage.Order);
        }
        // A re-bounded stage may no longer allow the legal notice that a segment on it uses.
        var segments = await db.Segments.AsNoTracking().ToListAsync(cancellationToken);
        if (segments.Any(s => s.Tones.Any(tone => !tone.IsAllowedFor(stages.First(st => st.Key == s.StageKey).FromDaysOverdue))))
        {
            throw new ValidationException([new ValidationFailure("", "stage.legalNoticeInUse") { ErrorCode = "stage.legalNoticeInUse" }]);
        }
        audit.Add(by.Name, AuditNames.StageLadder, "ladder", AuditNames.Updated, before, stages.Select(StageInput.From).ToList());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Seeds the default ladder into an empty table.</summary>
    public async Task SeedLadderAsync(CancellationToken cancellationToken = default)
    {
        if (await db.StageDefinitions.AnyAsync(cancellationToken))
        {
            return;
        }
        db.StageDefinitions.AddRange(StageLadder.Default());
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<StageDefinition> ValidateAsync(SegmentRules rules, long? id, CancellationToken cancellationToken)
    {
        var ladder = await LadderAsync(cancellationToken);
        var result = new SegmentRulesValidator(ladder).Validate(rules);
        var name = rules.Name.Trim();
        if (await db.Segments.AnyAsync(s => s.Name == name && s.Id != id, cancellationToken))
        {
            result.Errors.Add(new ValidationFailure(nameof(SegmentRules.Name), "segment.name.taken") { ErrorCode = "segment.name.taken" });
        }
        if (!result.IsValid)
        {
            throw new ValidationException(result.Errors);
        }
        return ladder.First(s => s.Key == rules.StageKey);
    }
}
