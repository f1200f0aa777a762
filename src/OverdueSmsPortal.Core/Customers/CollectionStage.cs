namespace OverdueSmsPortal.Core.Customers;

/// <summary>
/// Where a debt stands on the default stage ladder (DESIGN §2.2): pre-due within 7 days, the due
/// day, then overdue 1–3, 4–7, 8–15 and 16+ days. Debts further than 7 days from due are
/// <see cref="NotYetDue"/> and get no collection message.
/// </summary>
public enum CollectionStage
{
    NotYetDue = 0,
    PreDue = 1,
    DueDay = 2,
    Overdue1To3 = 3,
    Overdue4To7 = 4,
    Overdue8To15 = 5,
    Overdue16Plus = 6,
}

public static class CollectionStages
{
    public const int PreDueWindowDays = 7;

    /// <summary>Days overdue on <paramref name="today"/>: negative before the due date, 0 on it.</summary>
    public static int DaysOverdue(DateOnly dueDate, DateOnly today) => today.DayNumber - dueDate.DayNumber;

    public static CollectionStage ForDaysOverdue(int daysOverdue) => daysOverdue switch
    {
        < -PreDueWindowDays => CollectionStage.NotYetDue,
        < 0 => CollectionStage.PreDue,
        0 => CollectionStage.DueDay,
        <= 3 => CollectionStage.Overdue1To3,
        <= 7 => CollectionStage.Overdue4To7,
        <= 15 => CollectionStage.Overdue8To15,
        _ => CollectionStage.Overdue16Plus,
    };

    /// <summary>
    /// The due dates that put a debt in <paramref name="stage"/> on <paramref name="today"/>, both ends
    /// inclusive (null = unbounded), so that a stage filter becomes an indexed range on the due date.
    /// </summary>
    public static (DateOnly? From, DateOnly? To) DueDateRange(CollectionStage stage, DateOnly today)
    {
        (int? minOverdue, int? maxOverdue) = stage switch
        {
            CollectionStage.NotYetDue => ((int?)null, (int?)(-PreDueWindowDays - 1)),
            CollectionStage.PreDue => (-PreDueWindowDays, -1),
            CollectionStage.DueDay => (0, 0),
            CollectionStage.Overdue1To3 => (1, 3),
            CollectionStage.Overdue4To7 => (4, 7),
            CollectionStage.Overdue8To15 => (8, 15),
            CollectionStage.Overdue16Plus => (16, null),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
        };
        // More days overdue means an earlier due date, so the bounds swap.
        DateOnly? from = maxOverdue is { } max ? today.AddDays(-max) : null;
        DateOnly? to = minOverdue is { } min ? today.AddDays(-min) : null;
        return (from, to);
    }
}
