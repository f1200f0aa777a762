using FluentValidation;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Account;

public sealed class LoginInput
{
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public bool RememberMe { get; set; }
}

public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.UserName).NotEmpty().WithMessage(_ => l["Account.UserNameRequired"]).MaximumLength(256);
        RuleFor(x => x.Password).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"]);
    }
}

/// <summary>
/// Refuses sign-ins that must not happen whatever the password store says: the published demo
/// password outside Development, where a copied demo database would otherwise open the door.
/// </summary>
public sealed class LoginPolicy(IHostEnvironment environment)
{
    /// <summary>The resource key of the reason to refuse, or null to go on.</summary>
    public string? Refusal(string password) =>
        !environment.IsDevelopment() && password == DemoOptions.DemoPassword ? "Account.DemoPasswordRefused" : null;
}
