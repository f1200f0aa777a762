using System.Globalization;
using FluentValidation;
using OverdueSmsPortal.Core.Policy;

namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>
/// A payment the lender reports (DESIGN §2.12), identified by the lender's own payment id: the same id
/// twice is the same payment. It is credited to the message that led to it, when one was delivered
/// within the attribution window before it.
/// </summary>
public class Repayment
{
    public const int MaxPaymentIdLength = 64;
    public const decimal MaxAmount = 100_000_000m;

    public long Id { get; private set; }
    public string PaymentId { get; private set; } = "";
    public long CustomerId { get; private set; }
    public decimal Amount { get; private set; }
    public DateTimeOffset PaidAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The message the payment is credited to; null when none was delivered in the window before it.</summary>
    public long? CreditedMessageId { get; private set; }

    /// <summary>How it arrived: "api" or "upload".</summary>
    public string Source { get; private set; } = "";

    private Repayment()
    {
    }

    public Repayment(string paymentId, long customerId, decimal amount, DateTimeOffset paidAt, long? creditedMessageId, string source,
        DateTimeOffset now)
    {
        PaymentId = paymentId;
        CustomerId = customerId;
        Amount = amount;
        PaidAt = paidAt;
        CreditedMessageId = creditedMessageId;
        Source = source;
        RecordedAt = now;
    }
}

/// <summary>One repayment as the lender's system sends it.</summary>
public sealed record RepaymentRecord(string? PaymentId, string? AccountRef, decimal? Amount, DateTimeOffset? PaidAt)
{
    /// <summary>An amount written with a dot for decimals, e.g. 1234.50; null when it is not a number.</summary>
    public static decimal? ParseAmount(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    /// <summary>
    /// An ISO 8601 time such as 2026-11-30T10:15:00+08:00 (or 2026-11-30 10:15); without an offset it is a
    /// wall-clock time in the business time zone. Null when it is not a time.
    /// </summary>
    public static DateTimeOffset? ParsePaidAt(string text, TimeZoneInfo businessZone) => IsoInstant.Parse(text, businessZone);
}

/// <summary>
/// Checks one repayment field by field, with codes: a payment id and an account, an amount above zero in
/// whole fen, and a time of payment from 2000 on and not in the future (a little clock skew allowed).
/// </summary>
public sealed class RepaymentRecordValidator : AbstractValidator<RepaymentRecord>
{
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(10);

    public RepaymentRecordValidator(DateTimeOffset now)
    {
        RuleFor(r => r.PaymentId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("repayment.paymentId.required").WithMessage("paymentId is required.")
            .MaximumLength(Repayment.MaxPaymentIdLength).WithErrorCode("repayment.paymentId.tooLong")
            .WithMessage($"paymentId has {Repayment.MaxPaymentIdLength} characters at most.");
        RuleFor(r => r.AccountRef).NotEmpty().WithErrorCode("repayment.accountRef.required").WithMessage("accountRef is required.");
        RuleFor(r => r.Amount).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("repayment.amount.required").WithMessage("amount is required.")
            .GreaterThan(0).WithErrorCode("repayment.amount.positive").WithMessage("amount must be more than 0.")
            .LessThanOrEqualTo(Repayment.MaxAmount).WithErrorCode("repayment.amount.tooLarge")
            .WithMessage($"amount is at most {Repayment.MaxAmount:0}.")
            .Must(a => decimal.Round(a!.Value, 2) == a).WithErrorCode("repayment.amount.fen").WithMessage("amount has at most two decimals (fen).");
        RuleFor(r => r.PaidAt).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("repayment.paidAt.required").WithMessage("paidAt is required, e.g. 2026-11-30T10:15:00+08:00.")
            .Must(at => at <= now + AllowedSkew).WithErrorCode("repayment.paidAt.future").WithMessage("paidAt is in the future.")
            .Must(at => at >= ReportedTime.Earliest).WithErrorCode("repayment.paidAt.tooEarly")
            .WithMessage($"paidAt is before {ReportedTime.Earliest:yyyy-MM-dd}.");
    }
}
