namespace OverdueSmsPortal.Core.Templates.Lint;

public enum LintSeverity
{
    /// <summary>Blocks submission and approval.</summary>
    Error = 1,

    /// <summary>The approver must tick that they read it.</summary>
    Warning = 2,
}

/// <summary>
/// One thing the lint found in a template text. <see cref="Start"/> and <see cref="End"/> (exclusive)
/// are offsets into the text; a missing element has Start = End = 0. <see cref="Subject"/> is what was
/// found (the word, the domain, the placeholder) for the message.
/// </summary>
public sealed record LintFinding(string Rule, LintSeverity Severity, int Start, int End, string? Subject = null);

/// <summary>The stage a text is checked for, and how many SMS parts its longest preview takes.</summary>
public sealed record LintContext(int StageFromDaysOverdue, int? StageToDaysOverdue, int? MaxParts = null)
{
    /// <summary>Early stages (pre-due to 7 days overdue) should offer help: a reminder, not pressure.</summary>
    public bool IsEarlyStage => StageToDaysOverdue is { } to && to <= 7;

    public bool AllowsLegalWording => StageFromDaysOverdue >= Tones.LegalNoticeFromDaysOverdue;
}

/// <summary>The rule keys of lint findings: a contract of the render API.</summary>
public static class LintRules
{
    public const string MissingAmount = "missing_amount";
    public const string MissingDueDate = "missing_due_date";
    public const string MissingContact = "missing_contact";
    public const string MissingSignature = "missing_signature";
    public const string ThreateningWording = "threatening_wording";
    public const string InsultingWording = "insulting_wording";
    public const string ShamingWording = "shaming_wording";
    public const string ThirdParty = "third_party";
    public const string LinkNotAllowed = "link_not_allowed";
    public const string UnknownPlaceholder = "unknown_placeholder";
    public const string LegalWordingEarly = "legal_wording_early";
    public const string TooManyParts = "too_many_parts";
    public const string NoPoliteClosing = "no_polite_closing";
    public const string NoEmpathyLine = "no_empathy_line";

    /// <summary>A Liquid error: syntax, or a limit hit while rendering.</summary>
    public const string LiquidError = "liquid_error";

    /// <summary>The legal notice tone on a stage before 16 days overdue.</summary>
    public const string ToneNotAllowed = "tone_not_allowed";

    /// <summary>More parts than this draws a warning.</summary>
    public const int MaxPartsWithoutWarning = 3;

    /// <summary>The sentence the JSON API gives with a finding.</summary>
    public static string EnglishMessage(LintFinding finding) => finding.Rule switch
    {
        MissingAmount => "No amount: add {{ debt.amount_due }} or {{ debt.minimum_due }}.",
        MissingDueDate => "No due date or days overdue: add {{ debt.due_date }} or {{ debt.days_overdue }}.",
        MissingContact => "No way to pay or to contact the lender: add {{ lender.payment_link }} or {{ lender.hotline }}.",
        MissingSignature => "No signature: start or end the message with 【{{ lender.name }}】.",
        ThreateningWording => $"Threatening wording \"{finding.Subject}\": a reminder never threatens.",
        InsultingWording => $"Insulting wording \"{finding.Subject}\": address the customer with respect.",
        ShamingWording => $"Shaming wording \"{finding.Subject}\": never threaten to expose the customer.",
        ThirdParty => $"Mentions a third party \"{finding.Subject}\": never mention family, relatives, employer or colleagues.",
        LinkNotAllowed => $"Link to \"{finding.Subject}\", which is not on the allow-list of domains.",
        UnknownPlaceholder => $"Unknown placeholder \"{finding.Subject}\": use only the documented placeholders.",
        LegalWordingEarly => $"Legal-consequence wording \"{finding.Subject}\" is only allowed from 16 days overdue.",
        TooManyParts => $"The message takes {finding.Subject} SMS parts; keep it to {MaxPartsWithoutWarning}.",
        NoPoliteClosing => "No polite closing such as \"thank you\".",
        NoEmpathyLine => "No offer of help: early stages should say where to turn in difficulty.",
        LiquidError => $"Template error: {finding.Subject}",
        ToneNotAllowed => "The legal notice tone is only allowed for stages of 16 or more days overdue.",
        _ => finding.Rule,
    };
}
