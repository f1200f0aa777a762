using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Customers;

/// <summary>
/// A borrower and the debt the lender reminds them of (DESIGN §2.1). Days overdue, and with it the
/// collection stage, are derived from the due date and today, never stored.
/// </summary>
public class Customer
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public long Id { get; private set; }

    /// <summary>The lender's loan or card account reference; the key imports upsert by.</summary>
    public string AccountRef { get; private set; } = "";

    public string Name { get; private set; } = "";
    public CustomerTitle Title { get; private set; }

    /// <summary>Mobile number in E.164 form, e.g. +8613812345678.</summary>
    public string Phone { get; private set; } = "";

    public CustomerType CustomerType { get; private set; }
    public LoanProduct Product { get; private set; }
    public string Region { get; private set; } = "";

    /// <summary>IANA time zone; contact hours are judged in it.</summary>
    public string TimeZone { get; private set; } = DefaultTimeZone;

    public decimal AmountDue { get; private set; }
    public decimal MinimumDue { get; private set; }
    public DateOnly DueDate { get; private set; }

    /// <summary>Penalty per day as a fraction of the amount due (0.0005 = 万分之五).</summary>
    public decimal DailyPenaltyRate { get; private set; }

    public int? PaydayOfMonth { get; private set; }

    /// <summary>When the customer opted out of SMS; null while they may be contacted.</summary>
    public DateTimeOffset? OptedOutAt { get; private set; }

    /// <summary>A complaint or legal hold: no message while it stands.</summary>
    public CustomerHold Hold { get; private set; }

    public DateTimeOffset? HoldSince { get; private set; }

    /// <summary>When the customer last promised to pay; the policy waits longer after it (replies set it).</summary>
    public DateTimeOffset? PromisedToPayAt { get; private set; }

    /// <summary>When the customer last replied to a message; it ends a run of unanswered messages.</summary>
    public DateTimeOffset? LastRepliedAt { get; private set; }

    /// <summary>When a payment (full or partial) was last recorded; like a reply it ends a run of unanswered messages.</summary>
    public DateTimeOffset? LastRepaidAt { get; private set; }

    /// <summary>
    /// When someone answering this number said it is not the customer's (不是本人, 打错了): the number gets
    /// nothing more until the lender corrects it or confirms it. Null while the number is taken as theirs.
    /// </summary>
    public DateTimeOffset? WrongNumberSince { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private Customer()
    {
    }

    public static Customer Create(CustomerDetails details, DateTimeOffset now)
    {
        var customer = new Customer { AccountRef = details.AccountRef, CreatedAt = now };
        customer.Update(details, now);
        return customer;
    }

    /// <summary>Takes the lender's current view of the customer; consent state is ours and stays.</summary>
    public void Update(CustomerDetails details, DateTimeOffset now)
    {
        if (details.AccountRef != AccountRef)
        {
            throw new InvalidOperationException("The account reference of a customer never changes.");
        }
        if (WrongNumberSince is not null && details.Phone != Phone)
        {
            // The lender corrected the number: the new one has not been refused.
            WrongNumberSince = null;
        }
        Name = details.Name;
        Title = details.Title;
        Phone = details.Phone;
        CustomerType = details.CustomerType;
        Product = details.Product;
        Region = details.Region;
        TimeZone = details.TimeZone;
        AmountDue = details.AmountDue;
        MinimumDue = details.MinimumDue;
        DueDate = details.DueDate;
        DailyPenaltyRate = details.DailyPenaltyRate;
        PaydayOfMonth = details.PaydayOfMonth;
        UpdatedAt = now;
    }

    public void OptOut(DateTimeOffset now) => OptedOutAt ??= now;

    /// <summary>Puts the customer on hold; a legal hold is not weakened to a complaint hold.</summary>
    public void PlaceOnHold(CustomerHold hold, DateTimeOffset now)
    {
        if (hold == CustomerHold.None || Hold == CustomerHold.Legal)
        {
            return;
        }
        Hold = hold;
        HoldSince ??= now;
    }

    /// <summary>The person at this number said it is not the customer's: the number stops receiving at once.</summary>
    public void MarkWrongNumber(DateTimeOffset now) => WrongNumberSince ??= now;

    /// <summary>The lender confirmed with the customer that the number is theirs after all.</summary>
    public void ConfirmNumber() => WrongNumberSince = null;

    public void ReleaseHold()
    {
        Hold = CustomerHold.None;
        HoldSince = null;
    }

    /// <summary>
    /// A payment the lender reported: what is owed goes down by it (never below zero). Nothing owed
    /// means repaid, and the send policy sends no more reminders. The lender's next import still has
    /// the last word on the amounts.
    /// </summary>
    public void ApplyRepayment(decimal amount, DateTimeOffset now)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A repayment is more than zero.");
        }
        AmountDue = Math.Max(0, AmountDue - amount);
        MinimumDue = Math.Max(0, Math.Min(MinimumDue - amount, AmountDue));
        if (LastRepaidAt is null || now > LastRepaidAt)
        {
            LastRepaidAt = now;
        }
        UpdatedAt = now;
    }

    /// <summary>A reply promised payment or said it was made: the policy waits longer before the next reminder.</summary>
    public void RecordPromiseToPay(DateTimeOffset at)
    {
        if (PromisedToPayAt is null || at > PromisedToPayAt)
        {
            PromisedToPayAt = at;
        }
    }

    public void RecordReply(DateTimeOffset at)
    {
        if (LastRepliedAt is null || at > LastRepliedAt)
        {
            LastRepliedAt = at;
        }
    }

    public int DaysOverdue(DateOnly today) => CollectionStages.DaysOverdue(DueDate, today);

    /// <summary>The penalty accrued so far: amount due × daily rate × days overdue, rounded to the fen.</summary>
    public decimal PenaltyAccrued(DateOnly today) =>
        Math.Round(AmountDue * DailyPenaltyRate * Math.Max(0, DaysOverdue(today)), 2, MidpointRounding.AwayFromZero);

    public CustomerDetails Details() => new(AccountRef, Name, Title, Phone, CustomerType, Product, Region, TimeZone,
        AmountDue, MinimumDue, DueDate, DailyPenaltyRate, PaydayOfMonth);
}

/// <summary>A validated customer as the lender sends it, ready to be upserted.</summary>
public sealed record CustomerDetails(
    string AccountRef,
    string Name,
    CustomerTitle Title,
    string Phone,
    CustomerType CustomerType,
    LoanProduct Product,
    string Region,
    string TimeZone,
    decimal AmountDue,
    decimal MinimumDue,
    DateOnly DueDate,
    decimal DailyPenaltyRate,
    int? PaydayOfMonth);
