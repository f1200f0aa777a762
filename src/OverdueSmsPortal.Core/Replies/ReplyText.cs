using FluentValidation;

namespace OverdueSmsPortal.Core.Replies;

/// <summary>A reply's text someone asks to have classified (the classify API): what a customer could have sent.</summary>
public sealed record ReplyText(string? Text);

/// <summary>A text to classify is given and no longer than a stored reply (<see cref="InboundReply.MaxTextLength"/>); error codes are resource keys.</summary>
public sealed class ReplyTextValidator : AbstractValidator<ReplyText>
{
    public ReplyTextValidator()
    {
        RuleFor(r => r.Text).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("Replies.Error.TextRequired").WithMessage("text is required: the reply as a string.")
            .Must(t => t!.Length <= InboundReply.MaxTextLength).WithErrorCode("Replies.Error.TextTooLong")
            .WithMessage($"text has {InboundReply.MaxTextLength} characters at most, as a stored reply.");
    }
}
