using FluentValidation;

namespace OverdueSmsPortal.Core.Customers;

/// <summary>How a wrong number's hold is lifted: the lender found the customer's right number, or confirmed with the customer that the number is theirs.</summary>
public enum WrongNumberFix
{
    CorrectedNumber = 1,
    ConfirmedWithCustomer = 2,
}

/// <summary>
/// What someone fills in to lift a wrong number: a corrected number (checked as a customer import checks
/// one: libphonenumber, stored E.164) or, when the number is confirmed after all, a note saying how.
/// </summary>
public sealed class WrongNumberRelease
{
    public const int MaxNoteLength = 500;

    public WrongNumberFix Fix { get; set; } = WrongNumberFix.CorrectedNumber;
    public string? Phone { get; set; }
    public string? Note { get; set; }
}

/// <summary>The rules every lift passes; error codes are resource keys.</summary>
public sealed class WrongNumberReleaseValidator : AbstractValidator<WrongNumberRelease>
{
    public WrongNumberReleaseValidator()
    {
        RuleFor(r => r.Fix).IsInEnum().WithErrorCode("ContactCheck.Error.FixRequired");
        When(r => r.Fix == WrongNumberFix.CorrectedNumber, () =>
            RuleFor(r => r.Phone).Cascade(CascadeMode.Stop)
                .NotEmpty().WithErrorCode("ContactCheck.Error.PhoneRequired").WithMessage("phone is required.")
                .Must(p => p!.Length <= 40 && MobileNumbers.Normalize(p) is not null).WithErrorCode("ContactCheck.Error.PhoneInvalid")
                .WithMessage("phone is not a valid mobile number."));
        When(r => r.Fix == WrongNumberFix.ConfirmedWithCustomer, () =>
            RuleFor(r => r.Note).Cascade(CascadeMode.Stop)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithErrorCode("ContactCheck.Error.NoteRequired").WithMessage("note is required.")
                .Must(n => n!.Trim().Length <= WrongNumberRelease.MaxNoteLength).WithErrorCode("ContactCheck.Error.NoteTooLong")
                .WithMessage($"note has {WrongNumberRelease.MaxNoteLength} characters at most."));
    }
}
