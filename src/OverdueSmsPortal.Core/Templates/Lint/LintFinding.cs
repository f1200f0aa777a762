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

    /// <summary>A factual notice that overdue affects the credit record is allowed once every debt of the stage is overdue.</summary>
    public bool AllowsCreditNotice => StageFromDaysOverdue >= 1;

    /// <summary>
    /// Whether the whole stage is on or before the due date: there a count of days overdue is zero or
    /// negative ("逾期-5天"), so only a date tells the customer when to pay.
    /// </summary>
    public bool EndsByDueDate => StageToDaysOverdue is { } to && to <= 0;
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
    public const string MissingName = "missing_name";
    public const string MissingPaymentMethod = "missing_payment_method";
    public const string CreditNoticeEarly = "credit_notice_early";

    /// <summary>{{ debt.days_overdue }} printed on a stage that ends on or before the due date.</summary>
    public const string DaysOverdueBeforeDue = "days_overdue_before_due";

    public const string NoGreeting = "no_greeting";
    public const string NoPaidNotice = "no_paid_notice";

    /// <summary>A Liquid error: syntax, or a filter given a value it cannot take.</summary>
    public const string LiquidError = "liquid_error";

    /// <summary>The text passed a <see cref="RenderLimits"/> limit: too complex, or its output too long.</summary>
    public const string TemplateTooComplex = "template_too_complex";

    /// <summary>The legal notice tone on a stage before 16 days overdue.</summary>
    public const string ToneNotAllowed = "tone_not_allowed";

    /// <summary>More parts than this draws a warning.</summary>
    public const int MaxPartsWithoutWarning = 3;

    /// <summary>The sentence the JSON API gives with a finding.</summary>
    public static string EnglishMessage(LintFinding finding) => finding.Rule switch
    {
        MissingAmount => "No amount: add {{ debt.amount_due }} or {{ debt.minimum_due }}.",
        MissingDueDate => "No date that fits the stage: add {{ debt.due_date }} or {{ debt.pay_by }}; once overdue, {{ debt.days_overdue }} also counts.",
        MissingContact => "No way to reach the lender: add {{ lender.hotline }} or a phone number (a link is not a contact).",
        MissingPaymentMethod => "No way to pay: add {{ lender.payment_link }}, an allowed link, or a payment channel such as the official app.",
        MissingName => "The customer is not addressed: add {{ customer.surname }}, {{ customer.name }} or {{ customer.title }}.",
        CreditNoticeEarly => $"Credit-record wording \"{finding.Subject}\" is only allowed once the debt is overdue.",
        DaysOverdueBeforeDue => "Days overdue printed on a stage that ends on or before the due date: use {{ debt.due_date }} or {{ debt.pay_by }}.",
        NoGreeting => "No greeting such as \"尊敬的…，您好\" or \"Dear\".",
        NoPaidNotice => "No line telling a customer who has paid to ignore the message (\"如您已还款，请忽略本短信\").",
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
        TemplateTooComplex => $"The template is too complex or its output too long: {finding.Subject}",
        ToneNotAllowed => "The legal notice tone is only allowed for stages of 16 or more days overdue.",
        _ => finding.Rule,
    };
}
