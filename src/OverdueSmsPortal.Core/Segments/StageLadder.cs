using FluentValidation;

namespace OverdueSmsPortal.Core.Segments;

/// <summary>The stages in order, and the default ladder a new portal starts with.</summary>
public static class StageLadder
{
    /// <summary>The default ladder (DESIGN §2.2); its keys are the API's stage keys.</summary>
    public static IReadOnlyList<StageDefinition> Default() =>
    [
        new("pre_due_7", "到期前7天内", "Due within 7 days", -7, -1, 1),
        new("due_day", "到期当天", "Due today", 0, 0, 2),
        new("overdue_1_3", "逾期1–3天", "1–3 days overdue", 1, 3, 3),
        new("overdue_4_7", "逾期4–7天", "4–7 days overdue", 4, 7, 4),
        new("overdue_8_15", "逾期8–15天", "8–15 days overdue", 8, 15, 5),
        new("overdue_16_plus", "逾期16天及以上", "16+ days overdue", 16, null, 6),
    ];

    /// <summary>The stage a debt <paramref name="daysOverdue"/> days overdue is in, or null in a gap of the ladder.</summary>
    public static StageDefinition? StageOf(this IEnumerable<StageDefinition> ladder, int daysOverdue) =>
        ladder.OrderBy(s => s.Order).FirstOrDefault(s => s.Contains(daysOverdue));
}

/// <summary>An Admin's edit of one stage on the ladder page.</summary>
public sealed class StageInput
{
    public string Key { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int FromDaysOverdue { get; set; }
    public int? ToDaysOverdue { get; set; }

    public static StageInput From(StageDefinition stage) => new()
    {
        Key = stage.Key, NameZh = stage.NameZh, NameEn = stage.NameEn,
        FromDaysOverdue = stage.FromDaysOverdue, ToDaysOverdue = stage.ToDaysOverdue,
    };
}

/// <summary>
/// A ladder is valid when every stage is named and bounded sensibly and no two stages overlap: a debt
/// is in at most one stage. Gaps are allowed (days in no stage get no message).
/// </summary>
public sealed class StageLadderValidator : AbstractValidator<IReadOnlyList<StageInput>>
{
    public StageLadderValidator()
    {
        RuleForEach(ladder => ladder).ChildRules(stage =>
        {
            stage.RuleFor(s => s.NameZh).NotEmpty().WithErrorCode("stage.nameZh.required")
                .MaximumLength(StageDefinition.MaxNameLength).WithErrorCode("stage.name.tooLong");
            stage.RuleFor(s => s.NameEn).NotEmpty().WithErrorCode("stage.nameEn.required")
                .MaximumLength(StageDefinition.MaxNameLength).WithErrorCode("stage.name.tooLong");
            stage.RuleFor(s => s.FromDaysOverdue).InclusiveBetween(-60, 3650).WithErrorCode("stage.from.range");
            stage.RuleFor(s => s.ToDaysOverdue)
                .Must((s, to) => to is null || to >= s.FromDaysOverdue).WithErrorCode("stage.to.beforeFrom");
        });
        RuleFor(ladder => ladder)
            .Must(ladder => ladder.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() == ladder.Count)
            .WithErrorCode("stage.key.duplicate")
            .Must(NoOverlap).WithErrorCode("stage.overlap");
    }

    private static bool NoOverlap(IReadOnlyList<StageInput> ladder)
    {
        var ordered = ladder.OrderBy(s => s.FromDaysOverdue).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].ToDaysOverdue is not { } previousEnd || previousEnd >= ordered[i].FromDaysOverdue)
            {
                return false;
            }
        }
        return true;
    }
}
