using FluentValidation;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Users;

public sealed class NewUserInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Password { get; set; } = "";
    public IReadOnlyCollection<string> Roles { get; set; } = [PortalRoles.Viewer];
}

public sealed class EditUserInput
{
    public IReadOnlyCollection<string> Roles { get; set; } = [];
    public string? NewPassword { get; set; }
}

public static class UserRules
{
    public const int MinPasswordLength = 10;

    public static IRuleBuilderOptions<T, string?> PortalPassword<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> l) =>
        rule.MinimumLength(MinPasswordLength).WithMessage(_ => l["Users.PasswordTooShort", MinPasswordLength])
            .Must(p => p is null || (p.Any(char.IsDigit) && p.Any(char.IsLower) && p.Any(char.IsUpper)))
            .WithMessage(_ => l["Users.PasswordWeak"]);

    public static IRuleBuilderOptions<T, IReadOnlyCollection<string>> PortalRoleSet<T>(this IRuleBuilder<T, IReadOnlyCollection<string>> rule, IStringLocalizer<SharedResource> l) =>
        rule.Must(r => r.Count != 0).WithMessage(_ => l["Users.RolesRequired"])
            .Must(r => r.All(PortalRoles.All.Contains)).WithMessage(_ => l["Users.UnknownRole"]);
}

public sealed class NewUserInputValidator : AbstractValidator<NewUserInput>
{
    public NewUserInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.UserName).NotEmpty().WithMessage(_ => l["Users.UserNameRequired"])
            .Length(3, 64).WithMessage(_ => l["Users.UserNameLength"])
            .Matches("^[A-Za-z0-9._-]+$").WithMessage(_ => l["Users.UserNameChars"]);
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage(_ => l["Users.DisplayNameRequired"])
            .MaximumLength(50).WithMessage(_ => l["Users.DisplayNameLength"]);
        RuleFor(x => x.Password).NotEmpty().WithMessage(_ => l["Users.PasswordRequired"]).PortalPassword(l);
        RuleFor(x => x.Roles).PortalRoleSet(l);
    }
}

public sealed class EditUserInputValidator : AbstractValidator<EditUserInput>
{
    public EditUserInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Roles).PortalRoleSet(l);
        RuleFor(x => x.NewPassword).PortalPassword(l).When(x => !string.IsNullOrEmpty(x.NewPassword));
    }
}
