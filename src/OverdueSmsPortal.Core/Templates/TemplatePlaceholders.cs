namespace OverdueSmsPortal.Core.Templates;

/// <summary>
/// The documented placeholders a template may use (DESIGN §2.4). The renderer exposes exactly these,
/// the lint flags any other, and the editor offers them by click.
/// </summary>
public static class TemplatePlaceholders
{
    public const string CustomerName = "customer.name";
    public const string CustomerTitle = "customer.title";

    /// <summary>The family name taken from the customer's name (<see cref="PersonNames.Surname"/>).</summary>
    public const string CustomerSurname = "customer.surname";
    public const string AmountDue = "debt.amount_due";
    public const string MinimumDue = "debt.minimum_due";
    public const string DaysOverdue = "debt.days_overdue";
    public const string DueDate = "debt.due_date";
    public const string PenaltyRate = "debt.penalty_rate";

    /// <summary>The date the lender asks payment by: the due date until then, afterwards a few days from the message.</summary>
    public const string PayBy = "debt.pay_by";
    public const string LenderName = "lender.name";
    public const string LenderHotline = "lender.hotline";
    public const string PaymentLink = "lender.payment_link";

    public static readonly IReadOnlyList<string> All =
    [
        CustomerName, CustomerSurname, CustomerTitle,
        AmountDue, MinimumDue, DaysOverdue, DueDate, PayBy, PenaltyRate,
        LenderName, LenderHotline, PaymentLink,
    ];

    /// <summary>The objects at the root of the model: <c>customer</c>, <c>debt</c>, <c>lender</c>.</summary>
    public static readonly IReadOnlyList<string> Roots = ["customer", "debt", "lender"];

    public static bool IsKnown(string path) => All.Contains(path, StringComparer.Ordinal);
}
