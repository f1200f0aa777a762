using FluentValidation;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Settings;

public sealed class NewApiKeyInput
{
    public string Name { get; set; } = "";
}

public sealed class NewApiKeyInputValidator : AbstractValidator<NewApiKeyInput>
{
    public NewApiKeyInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => l["ApiKeys.NameRequired"])
            .MaximumLength(100).WithMessage(_ => l["ApiKeys.NameTooLong"]);
    }
}
