using FluentValidation;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Account;

public sealed class ChangePasswordInput
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>
/// The form's own rules; Identity's password rules (length, digits, cases) are checked by the
/// UserManager when the change is made, so that both stay one definition.
/// </summary>
public sealed class ChangePasswordInputValidator : AbstractValidator<ChangePasswordInput>
{
    /// <summary>Longer than any password a person types; keeps a pasted megabyte away from the hasher.</summary>
    public const int MaxLength = 128;

    public ChangePasswordInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage(_ => l["Account.ChangePassword.CurrentRequired"])
            .MaximumLength(MaxLength).WithMessage(_ => l["Account.ChangePassword.TooLong", MaxLength]);
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage(_ => l["Account.ChangePassword.NewRequired"])
            .MaximumLength(MaxLength).WithMessage(_ => l["Account.ChangePassword.TooLong", MaxLength])
            .NotEqual(x => x.CurrentPassword, StringComparer.Ordinal).WithMessage(_ => l["Account.ChangePassword.SameAsCurrent"]);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword, StringComparer.Ordinal)
            .WithMessage(_ => l["Account.ChangePassword.Mismatch"]);
    }
}
