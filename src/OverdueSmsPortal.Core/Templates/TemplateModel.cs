using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>
/// Who the messages speak for: the values behind the <c>lender.*</c> placeholders, and how many days
/// after a message an overdue customer is asked to pay by (<c>debt.pay_by</c>).
/// </summary>
public sealed record LenderProfile(string Name, string Hotline, string PaymentLink, int PayWithinDays = LenderProfile.DefaultPayWithinDays)
{
    public const int DefaultPayWithinDays = 3;

    /// <summary>
    /// The date <paramref name="customer"/> is asked to pay by: the due date while it has not passed; once
    /// overdue, the day of the message plus <see cref="PayWithinDays"/>. Null without a due date.
    /// </summary>
    public DateOnly? PayBy(TemplateCustomer customer)
    {
        if (customer.DueDate is not { } due)
        {
            return null;
        }
        var daysOverdue = customer.DaysOverdue ?? 0;
        if (daysOverdue <= 0)
        {
            return due;
        }
        // A lender's file may hold any date; a day past the calendar's end has no date to print.
        var dayNumber = (long)due.DayNumber + daysOverdue + PayWithinDays;
        return dayNumber <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber((int)dayNumber) : null;
    }
}

/// <summary>
/// What a template may see of a customer, and nothing more: no phone number, no account reference.
/// A null is a missing value: it renders empty and the preview says so.
/// </summary>
public sealed record TemplateCustomer(
    string? Name,
    CustomerTitle? Title,
    decimal? AmountDue,
    decimal? MinimumDue,
    DateOnly? DueDate,
    int? DaysOverdue,
    decimal? DailyPenaltyRate)
{
    /// <summary>
    /// The customer's values on <paramref name="today"/>. A minimum due of zero and a penalty rate of
    /// zero mean the lender sent none, so they count as missing rather than as "¥0.00" or "0%".
    /// </summary>
    public static TemplateCustomer From(Customer customer, DateOnly today) => From(customer.Details(), today);

    public static TemplateCustomer From(CustomerDetails details, DateOnly today) => new(
        string.IsNullOrWhiteSpace(details.Name) ? null : details.Name,
        details.Title,
        details.AmountDue,
        details.MinimumDue > 0 ? details.MinimumDue : null,
        details.DueDate,
        CollectionStages.DaysOverdue(details.DueDate, today),
        details.DailyPenaltyRate > 0 ? details.DailyPenaltyRate : null);
}

/// <summary>
/// A Liquid error and where it is in the text (1-based line and column, 0-based offsets).
/// <paramref name="IsOverLimit"/>: the text passed one of the <see cref="RenderLimits"/> (too complex, or its output too long)
/// rather than being wrong Liquid; a limit hit has no place of its own unless a range caused it.
/// </summary>
public sealed record TemplateError(string Message, int Line, int Column, int Start, int End, bool IsOverLimit = false);

/// <summary>The rendered text, or the error that stopped it, and the placeholders that had no value.</summary>
public sealed record TemplateRenderResult(string? Text, TemplateError? Error, IReadOnlyList<string> MissingValues);
