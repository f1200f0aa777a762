using FluentValidation;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Segments;

/// <summary>
/// A group of customers by rules an operator edits (DESIGN §2.2): one collection stage, optionally
/// narrowed by customer type, product, region and amount due; and the tones its messages may take.
/// An empty set means "any".
/// </summary>
public class Segment
{
    public const int MaxNameLength = 50;

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string StageKey { get; private set; } = "";
    public List<CustomerType> CustomerTypes { get; private set; } = [];
    public List<LoanProduct> Products { get; private set; } = [];
    public List<string> Regions { get; private set; } = [];
    public decimal? AmountMin { get; private set; }
    public decimal? AmountMax { get; private set; }
    public List<Tone> Tones { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private Segment()
    {
    }

    public Segment(SegmentRules rules, StageDefinition stage, DateTimeOffset now)
    {
        CreatedAt = now;
        Update(rules, stage, now);
    }

    /// <summary>Takes new rules; refuses a tone the stage may not use (the legal notice before 16 days).</summary>
    public void Update(SegmentRules rules, StageDefinition stage, DateTimeOffset now)
    {
        if (rules.StageKey != stage.Key)
        {
            throw new ArgumentException("The rules name another stage.", nameof(stage));
        }
        if (rules.Tones.Any(tone => !tone.IsAllowedFor(stage.FromDaysOverdue)))
        {
            throw new InvalidOperationException($"Stage {stage.Key} may not use the legal notice tone.");
        }
        Name = rules.Name.Trim();
        StageKey = stage.Key;
        CustomerTypes = [.. rules.CustomerTypes.Distinct().Order()];
        Products = [.. rules.Products.Distinct().Order()];
        Regions = [.. rules.Regions.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().Order(StringComparer.Ordinal)];
        AmountMin = rules.AmountMin;
        AmountMax = rules.AmountMax;
        Tones = [.. rules.Tones.Distinct().Order()];
        UpdatedAt = now;
    }

    public SegmentRules Rules() => new()
    {
        Name = Name, StageKey = StageKey, CustomerTypes = [.. CustomerTypes], Products = [.. Products],
        Regions = [.. Regions], AmountMin = AmountMin, AmountMax = AmountMax, Tones = [.. Tones],
    };
}

/// <summary>The rules of a segment as the editor holds them.</summary>
public sealed class SegmentRules
{
    public string Name { get; set; } = "";
    public string StageKey { get; set; } = "";
    public IReadOnlyCollection<CustomerType> CustomerTypes { get; set; } = [];
    public IReadOnlyCollection<LoanProduct> Products { get; set; } = [];
    public IReadOnlyCollection<string> Regions { get; set; } = [];
    public decimal? AmountMin { get; set; }
    public decimal? AmountMax { get; set; }
    public IReadOnlyCollection<Tone> Tones { get; set; } = [];
}

/// <summary>Checks a segment's rules against the ladder as it is: the stage exists and allows the tones.</summary>
public sealed class SegmentRulesValidator : AbstractValidator<SegmentRules>
{
    public SegmentRulesValidator(IReadOnlyList<StageDefinition> ladder)
    {
        RuleFor(r => r.Name).NotEmpty().WithErrorCode("segment.name.required")
            .MaximumLength(Segment.MaxNameLength).WithErrorCode("segment.name.tooLong");
        RuleFor(r => r.StageKey).Must(key => ladder.Any(s => s.Key == key)).WithErrorCode("segment.stage.required");
        RuleFor(r => r.AmountMin).GreaterThanOrEqualTo(0).When(r => r.AmountMin is not null).WithErrorCode("segment.amount.negative");
        RuleFor(r => r.AmountMax)
            .Must((r, max) => max is null || r.AmountMin is null || max >= r.AmountMin).WithErrorCode("segment.amount.range");
        RuleFor(r => r.Tones).NotEmpty().WithErrorCode("segment.tones.required")
            .Must((r, tones) => tones.All(tone => tone.IsAllowedFor(ladder.FirstOrDefault(s => s.Key == r.StageKey)?.FromDaysOverdue ?? int.MinValue)))
            .WithErrorCode("segment.tones.legalNoticeEarly");
    }
}
