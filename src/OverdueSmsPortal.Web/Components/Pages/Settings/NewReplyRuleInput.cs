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

    /// <summary>Only for a complaint rule: the reply names a regulator, the police or a lawsuit.</summary>
    public bool RegulatorThreat { get; set; }
}

public sealed class NewReplyRuleInputValidator : AbstractValidator<NewReplyRuleInput>
{
    public NewReplyRuleInputValidator(IStringLocalizer<SharedResource> l)
    {
        // An Other rule is allowed: placed before the promises it keeps a refusal ("不会还") from reading as one.
        RuleFor(x => x.Category).Must(c => c is not null && Enum.IsDefined(c.Value)).WithMessage(_ => l["ReplyRules.CategoryRequired"]);
        RuleFor(x => x.Phrase).Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage(_ => l["ReplyRules.PhraseRequired"])
            .Must(p => (p ?? "").Trim().Length <= ReplyRule.MaxPhraseLength).WithMessage(_ => l["ReplyRules.PhraseTooLong", ReplyRule.MaxPhraseLength]);
        RuleFor(x => x.Match).IsInEnum();
    }
}
