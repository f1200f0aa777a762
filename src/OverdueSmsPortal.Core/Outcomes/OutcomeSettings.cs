using FluentValidation;

namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>How outcomes are credited to messages, as an Admin set it (DESIGN §2.12).</summary>
/// <param name="AttributionWindowDays">A payment is credited to a message delivered at most this many days before it.</param>
public sealed record OutcomeSettings(int AttributionWindowDays)
{
    public const int MinWindowDays = 1;
    public const int MaxWindowDays = 90;

    /// <summary>What a new installation starts with: the 7 days of <see cref="Attribution.DefaultWindow"/>.</summary>
    public static readonly OutcomeSettings Default = new((int)Attribution.DefaultWindow.TotalDays);

    public TimeSpan AttributionWindow => TimeSpan.FromDays(AttributionWindowDays);
}

/// <summary>An attribution window from 1 to 90 days: longer would credit messages with payments they did not cause.</summary>
public sealed class OutcomeSettingsValidator : AbstractValidator<OutcomeSettings>
{
    public OutcomeSettingsValidator()
    {
        RuleFor(s => s.AttributionWindowDays).InclusiveBetween(OutcomeSettings.MinWindowDays, OutcomeSettings.MaxWindowDays)
            .WithErrorCode("outcomes.attributionWindow.range")
            .WithMessage($"The attribution window is {OutcomeSettings.MinWindowDays} to {OutcomeSettings.MaxWindowDays} days.");
    }
}
