namespace OverdueSmsPortal.Core.Customers;

/// <summary>
/// Days overdue, the one fact the collection stages are read from. The stages themselves are data
/// (<see cref="Segments.StageDefinition"/>, editable by an Admin), never a fixed list in code.
/// </summary>
public static class CollectionStages
{
    /// <summary>Days overdue on <paramref name="today"/>: negative before the due date, 0 on it.</summary>
    public static int DaysOverdue(DateOnly dueDate, DateOnly today) => today.DayNumber - dueDate.DayNumber;
}
