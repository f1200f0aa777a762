using FluentValidation;

namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>What someone closing a complaint says was done about it.</summary>
public sealed class ComplaintClosing
{
    public string? ResolutionNote { get; set; }
}

/// <summary>The rules a closing passes (<see cref="Complaint.Close"/> holds them too); error codes are resource keys.</summary>
public sealed class ComplaintClosingValidator : AbstractValidator<ComplaintClosing>
{
    public ComplaintClosingValidator()
    {
        RuleFor(c => c.ResolutionNote).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("Complaints.Error.ResolutionRequired").WithMessage("resolutionNote is required.")
            .Must(n => n!.Trim().Length <= Complaint.MaxResolutionNoteLength).WithErrorCode("Complaints.Error.ResolutionTooLong")
            .WithMessage($"resolutionNote has {Complaint.MaxResolutionNoteLength} characters at most.");
    }
}
