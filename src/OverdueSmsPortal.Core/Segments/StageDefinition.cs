namespace OverdueSmsPortal.Core.Segments;

/// <summary>
/// One rung of the collection stage ladder (DESIGN §2.2): the days overdue it covers, both ends
/// inclusive, negative before the due date, <see cref="ToDaysOverdue"/> null for an open end. The key
/// is a contract of the API (<c>overdue_8_15</c>) and never changes; an Admin may rename and re-bound a stage.
/// </summary>
public class StageDefinition
{
    public const int MaxKeyLength = 32;
    public const int MaxNameLength = 40;

    public long Id { get; private set; }
    public string Key { get; private set; } = "";
    public string NameZh { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public int FromDaysOverdue { get; private set; }
    public int? ToDaysOverdue { get; private set; }
    public int Order { get; private set; }

    private StageDefinition()
    {
    }

    public StageDefinition(string key, string nameZh, string nameEn, int fromDaysOverdue, int? toDaysOverdue, int order)
    {
        Key = key;
        Update(nameZh, nameEn, fromDaysOverdue, toDaysOverdue, order);
    }

    public void Update(string nameZh, string nameEn, int fromDaysOverdue, int? toDaysOverdue, int order)
    {
        NameZh = nameZh.Trim();
        NameEn = nameEn.Trim();
        FromDaysOverdue = fromDaysOverdue;
        ToDaysOverdue = toDaysOverdue;
        Order = order;
    }

    public bool Contains(int daysOverdue) => daysOverdue >= FromDaysOverdue && (ToDaysOverdue is not { } to || daysOverdue <= to);

    /// <summary>
    /// The due dates that put a debt in this stage on <paramref name="today"/>, both ends inclusive
    /// (null = unbounded), so the stage becomes an indexed range on the due date.
    /// </summary>
    public (DateOnly? From, DateOnly? To) DueDateRange(DateOnly today)
    {
        // More days overdue means an earlier due date, so the bounds swap.
        DateOnly? from = ToDaysOverdue is { } to ? today.AddDays(-to) : null;
        return (from, today.AddDays(-FromDaysOverdue));
    }

    /// <summary>Whether the stage may use the formal legal notice tone: all of it 16+ days overdue.</summary>
    public bool AllowsLegalNotice => FromDaysOverdue >= Templates.Tones.LegalNoticeFromDaysOverdue;
}
