using FluentValidation;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>What a template text must be before it is even linted: present and of a sane size.</summary>
public sealed class TemplateBodyRules : AbstractValidator<string>
{
    /// <summary>
    /// Far above any sensible SMS (3 parts of Chinese text are about 200 characters), low enough that a
    /// pasted document is refused instead of rendered for every preview customer on each key press.
    /// </summary>
    public const int MaxLength = 2000;

    public TemplateBodyRules()
    {
        RuleFor(body => body)
            .NotEmpty().WithErrorCode("template.body.required").WithMessage("The template text is empty.")
            .MaximumLength(MaxLength).WithErrorCode("template.body.too_long")
            .WithMessage($"The template text is longer than {MaxLength} characters.");
    }
}
