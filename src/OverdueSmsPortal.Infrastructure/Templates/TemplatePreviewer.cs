using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Segments;

namespace OverdueSmsPortal.Infrastructure.Templates;

/// <summary>
/// What checking a text against one segment needs, loaded once per editing session so that each key
/// press renders and lints in memory instead of querying the database.
/// </summary>
public sealed record PreviewContext(
    string SegmentName, Tone Tone, TemplateStage Stage, IReadOnlyList<PreviewSubject> Subjects, LintVocabulary Vocabulary);

/// <summary>
/// Picks the customers a text is previewed for (DESIGN §2.5): a few real members of the segment and
/// the edge cases that break messages (the longest name, the largest amount, missing optional fields).
/// </summary>
public sealed class TemplatePreviewer(
    PortalDbContext db,
    BusinessClock businessClock,
    TemplateInspector inspector,
    LintVocabularyStore vocabularies,
    IOptions<LenderOptions> lender)
{
    public const int SampleSize = 5;

    public async Task<PreviewContext> LoadAsync(long segmentId, Tone tone, CancellationToken cancellationToken = default)
    {
        var segment = await db.Segments.AsNoTracking().FirstAsync(s => s.Id == segmentId, cancellationToken);
        var ladder = await db.StageDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        var stage = ladder.First(s => s.Key == segment.StageKey);
        var today = businessClock.Today();
        var members = SegmentMembers.Members(db.Customers.AsNoTracking(), segment, stage, today);

        var subjects = new List<PreviewSubject>();
        var sample = await members.OrderBy(c => c.Id).Take(SampleSize).ToListAsync(cancellationToken);
        subjects.AddRange(sample.Select(c => Subject(PreviewCase.Member, c, today)));
        var longestName = await members.OrderByDescending(c => c.Name.Length).ThenBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (longestName is not null)
        {
            subjects.Add(Subject(PreviewCase.LongestName, longestName, today));
        }
        var largestAmount = await members.OrderByDescending(c => c.AmountDue).ThenBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (largestAmount is not null)
        {
            subjects.Add(Subject(PreviewCase.LargestAmount, largestAmount, today));
        }
        subjects.Add(MissingOptionalFields(sample.FirstOrDefault(), stage, today));

        var vocabulary = await vocabularies.LoadAsync(cancellationToken);
        return new PreviewContext(segment.Name, tone, new TemplateStage(stage.Key, stage.FromDaysOverdue, stage.ToDaysOverdue),
            subjects, vocabulary);
    }

    public TemplateInspection Inspect(string body, PreviewContext context) =>
        inspector.Inspect(body, context.Tone, context.Stage, context.Subjects, lender.Value.Profile(), context.Vocabulary,
            lender.Value.Culture());

    /// <summary>
    /// The context with one made-up customer of the stage in place of the real ones: what a role that may not
    /// see personal data (DESIGN §4) is shown, so the text reads as sent without naming anyone.
    /// </summary>
    public PreviewContext WithoutPersonalData(PreviewContext context)
    {
        var today = businessClock.Today();
        var daysOverdue = context.Stage.FromDaysOverdue;
        var customer = new TemplateCustomer("王芳", CustomerTitle.Ms, 2680.00m, 268.00m, today.AddDays(-daysOverdue), daysOverdue, 0.0005m);
        return context with { Subjects = [new PreviewSubject(PreviewCase.MadeUp, "", customer)] };
    }

    private static PreviewSubject Subject(PreviewCase kind, Customer customer, DateOnly today) =>
        new(kind, $"{customer.Name} · {customer.AccountRef}", TemplateCustomer.From(customer, today));

    /// <summary>
    /// A customer of the stage with only the required fields: what a message reads like when the
    /// lender's file left the minimum due and the penalty rate out.
    /// </summary>
    private static PreviewSubject MissingOptionalFields(Customer? basis, StageDefinition stage, DateOnly today)
    {
        var daysOverdue = stage.FromDaysOverdue;
        var customer = basis is null
            ? new TemplateCustomer("王芳", CustomerTitle.Ms, 1280.00m, null, today.AddDays(-daysOverdue), daysOverdue, null)
            : TemplateCustomer.From(basis, today) with { MinimumDue = null, DailyPenaltyRate = null };
        return new PreviewSubject(PreviewCase.MissingOptionalFields, "", customer);
    }
}
