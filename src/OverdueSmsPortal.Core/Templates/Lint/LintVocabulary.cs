namespace OverdueSmsPortal.Core.Templates.Lint;

/// <summary>What a word list entry catches; each category is a rule of the lint.</summary>
public enum LintTermCategory
{
    Threat = 1,
    Insult = 2,
    Shaming = 3,
    ThirdParty = 4,
    /// <summary>Lawsuits, courts, lawyers, agencies and visits: facts a legal notice may state, only from 16 days overdue.</summary>
    LegalConsequence = 5,
    PoliteClosing = 6,
    /// <summary>Help and understanding: what early reminders should offer.</summary>
    Empathy = 7,

    /// <summary>The factual notice that overdue affects the credit record: allowed once the debt is overdue.</summary>
    CreditNotice = 8,

    /// <summary>
    /// Phrases that only look like a forbidden word (金额单位, 亲爱的朋友): a finding inside one of them is dropped.
    /// </summary>
    Harmless = 9,

    /// <summary>Openings such as 尊敬的 or 您好: a text without one draws a warning.</summary>
    Greeting = 10,

    /// <summary>The line that tells a customer who has paid to ignore the text: a warning when absent.</summary>
    PaidNotice = 11,

    /// <summary>Ways to pay written in words (官方APP, 手机银行, 自动扣款): a way to pay besides a link.</summary>
    PaymentChannel = 12,
}

/// <summary>One word or phrase of an Admin-editable word list.</summary>
public sealed record LintTerm(LintTermCategory Category, string Term);

/// <summary>
/// The word lists and the link allow-list the lint checks against, with each term normalized once
/// the way texts are (<see cref="LintText"/>), so matching resists full-width, spaced and traditional forms.
/// </summary>
public sealed class LintVocabulary
{
    public LintVocabulary(IEnumerable<LintTerm> terms, IEnumerable<string> allowedLinkDomains)
    {
        Terms = terms
            .Select(t => new NormalizedTerm(t, LintText.NormalizeTerm(t.Term)))
            .Where(t => t.Normalized.Length > 0)
            .ToList();
        AllowedLinkDomains = allowedLinkDomains
            .Select(d => d.Trim().TrimEnd('.').ToLowerInvariant())
            .Where(d => d.Length > 0)
            .Distinct()
            .ToList();
    }

    public IReadOnlyList<NormalizedTerm> Terms { get; }
    public IReadOnlyList<string> AllowedLinkDomains { get; }

    public static LintVocabulary Default { get; } = new(DefaultLintTerms.All, DefaultLintTerms.AllowedLinkDomains);

    /// <summary>Whether <paramref name="host"/> is an allowed domain or one of its subdomains.</summary>
    public bool AllowsHost(string host)
    {
        host = host.Trim().TrimEnd('.').ToLowerInvariant();
        return AllowedLinkDomains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal));
    }
}

/// <summary>A term and its normalized form; a term of Latin letters only matches whole words.</summary>
public sealed record NormalizedTerm(LintTerm Term, string Normalized)
{
    public bool IsLatin { get; } = Normalized.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');
}
