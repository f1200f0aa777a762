using FluentValidation;
using Microsoft.Extensions.Localization;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Web.Resources;

namespace OverdueSmsPortal.Web.Components.Pages.Settings;

/// <summary>What an Admin fills in to add a reply rule.</summary>
public sealed class NewReplyRuleInput
{
    public ReplyCategory? Category { get; set; }
    public string Phrase { get; set; } = "";
    public ReplyMatch Match { get; set; } = ReplyMatch.Contains;
}

public sealed class NewReplyRuleInputValidator : AbstractValidator<NewReplyRuleInput>
{
    public NewReplyRuleInputValidator(IStringLocalizer<SharedResource> l)
    {
        // "Other" is what a reply is when no rule matches, so no rule can name it.
        RuleFor(x => x.Category).Must(c => c is not null && c != ReplyCategory.Other).WithMessage(_ => l["ReplyRules.CategoryRequired"]);
        RuleFor(x => x.Phrase).Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage(_ => l["ReplyRules.PhraseRequired"])
            .Must(p => (p ?? "").Trim().Length <= ReplyRule.MaxPhraseLength).WithMessage(_ => l["ReplyRules.PhraseTooLong", ReplyRule.MaxPhraseLength]);
        RuleFor(x => x.Match).IsInEnum();
    }
}
