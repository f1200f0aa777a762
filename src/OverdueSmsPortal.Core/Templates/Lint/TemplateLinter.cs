using System.Text.RegularExpressions;

namespace OverdueSmsPortal.Core.Templates.Lint;

/// <summary>
/// The rules a collection SMS must follow (DESIGN §2.6, issue 3): what it must contain, what it must
/// never say, and what a careful reviewer would remark on. Plain function of the text, the stage and
/// the word lists; the editor runs it on every change and the review runs it again before approving.
/// </summary>
public static partial class TemplateLinter
{
    private static readonly (LintTermCategory Category, string Rule)[] ForbiddenCategories =
    [
        (LintTermCategory.Threat, LintRules.ThreateningWording),
        (LintTermCategory.Insult, LintRules.InsultingWording),
        (LintTermCategory.Shaming, LintRules.ShamingWording),
        (LintTermCategory.ThirdParty, LintRules.ThirdParty),
    ];

    public static IReadOnlyList<LintFinding> Lint(string body, LintContext context, LintVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(body);
        var findings = new List<LintFinding>();
        var tags = LiquidScan.Tags(body);
        var placeholders = LiquidScan.Placeholders(body);
        var literal = Literal(body, tags);
        var text = LintText.Of(body, tags);
        var harmless = Matches(text, body, vocabulary, LintTermCategory.Harmless).ToList();

        var used = placeholders.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var links = Links(literal).ToList();
        if (!Signature().IsMatch(body))
        {
            findings.Add(new LintFinding(LintRules.MissingSignature, LintSeverity.Error, 0, 0));
        }
        RequireOne(findings, used, LintRules.MissingName,
            TemplatePlaceholders.CustomerSurname, TemplatePlaceholders.CustomerName, TemplatePlaceholders.CustomerTitle);
        RequireOne(findings, used, LintRules.MissingAmount, TemplatePlaceholders.AmountDue, TemplatePlaceholders.MinimumDue);
        RequireDate(findings, placeholders, tags, body, context);
        if (!used.Contains(TemplatePlaceholders.PaymentLink) && !links.Any(l => vocabulary.AllowsHost(l.Host))
            && !Matches(text, body, vocabulary, LintTermCategory.PaymentChannel).Any())
        {
            findings.Add(new LintFinding(LintRules.MissingPaymentMethod, LintSeverity.Error, 0, 0));
        }
        // A link pays but does not answer a question: the customer must be able to call.
        if (!used.Contains(TemplatePlaceholders.LenderHotline) && !PhoneNumber().IsMatch(literal))
        {
            findings.Add(new LintFinding(LintRules.MissingContact, LintSeverity.Error, 0, 0));
        }

        foreach (var use in placeholders.Where(p => !TemplatePlaceholders.IsKnown(p.Path)))
        {
            findings.Add(new LintFinding(LintRules.UnknownPlaceholder, LintSeverity.Error, use.Start, use.End, use.Path));
        }
        foreach (var link in links.Where(l => !vocabulary.AllowsHost(l.Host)))
        {
            findings.Add(new LintFinding(LintRules.LinkNotAllowed, LintSeverity.Error, link.Start, link.End, link.Host));
        }

        foreach (var (category, rule) in ForbiddenCategories)
        {
            AddWording(findings, Matches(text, body, vocabulary, category), harmless, rule);
        }
        if (!context.AllowsLegalWording)
        {
            AddWording(findings, Matches(text, body, vocabulary, LintTermCategory.LegalConsequence), harmless, LintRules.LegalWordingEarly);
        }
        if (!context.AllowsCreditNotice)
        {
            AddWording(findings, Matches(text, body, vocabulary, LintTermCategory.CreditNotice), harmless, LintRules.CreditNoticeEarly);
        }

        if (context.MaxParts is { } parts && parts > LintRules.MaxPartsWithoutWarning)
        {
            findings.Add(new LintFinding(LintRules.TooManyParts, LintSeverity.Warning, 0, 0, parts.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        WarnWithout(findings, text, body, vocabulary, LintTermCategory.Greeting, LintRules.NoGreeting);
        WarnWithout(findings, text, body, vocabulary, LintTermCategory.PaidNotice, LintRules.NoPaidNotice);
        WarnWithout(findings, text, body, vocabulary, LintTermCategory.PoliteClosing, LintRules.NoPoliteClosing);
        if (context.IsEarlyStage)
        {
            WarnWithout(findings, text, body, vocabulary, LintTermCategory.Empathy, LintRules.NoEmpathyLine);
        }
        return findings;
    }

    /// <summary>
    /// The date the customer is to pay by must fit the stage. Before and on the due date a count of days
    /// overdue is zero or negative, so only a date counts there, and printing the count is an error of its own.
    /// </summary>
    private static void RequireDate(List<LintFinding> findings, IReadOnlyList<PlaceholderUse> placeholders,
        IReadOnlyList<(int Start, int End)> tags, string body, LintContext context)
    {
        var used = placeholders.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        string[] dates = context.EndsByDueDate
            ? [TemplatePlaceholders.DueDate, TemplatePlaceholders.PayBy]
            : [TemplatePlaceholders.DueDate, TemplatePlaceholders.PayBy, TemplatePlaceholders.DaysOverdue];
        RequireOne(findings, used, LintRules.MissingDueDate, dates);
        if (!context.EndsByDueDate)
        {
            return;
        }
        // Only what is printed: {% if debt.days_overdue > 0 %} may rightly test it.
        foreach (var use in placeholders.Where(p => p.Path == TemplatePlaceholders.DaysOverdue
                     && tags.Any(t => t.Start <= p.Start && p.End <= t.End && body[t.Start + 1] == '{')))
        {
            findings.Add(new LintFinding(LintRules.DaysOverdueBeforeDue, LintSeverity.Error, use.Start, use.End, use.Path));
        }
    }

    /// <summary>Each match as a finding, unless it lies inside a harmless phrase (单位 in 金额单位).</summary>
    private static void AddWording(List<LintFinding> findings, IEnumerable<(int Start, int End, string Subject)> matches,
        IReadOnlyList<(int Start, int End, string Subject)> harmless, string rule) =>
        findings.AddRange(matches
            .Where(m => !harmless.Any(h => h.Start <= m.Start && m.End <= h.End))
            .Select(m => new LintFinding(rule, LintSeverity.Error, m.Start, m.End, m.Subject)));

    private static void WarnWithout(List<LintFinding> findings, LintText text, string body, LintVocabulary vocabulary,
        LintTermCategory category, string rule)
    {
        if (!Matches(text, body, vocabulary, category).Any())
        {
            findings.Add(new LintFinding(rule, LintSeverity.Warning, 0, 0));
        }
    }

    private static void RequireOne(List<LintFinding> findings, HashSet<string> used, string rule, params string[] placeholders)
    {
        if (!placeholders.Any(used.Contains))
        {
            findings.Add(new LintFinding(rule, LintSeverity.Error, 0, 0));
        }
    }

    /// <summary>Each place a term of the category occurs; where terms overlap (上门 in 上门催收) the longest wins.</summary>
    private static IEnumerable<(int Start, int End, string Subject)> Matches(LintText text, string body, LintVocabulary vocabulary,
        LintTermCategory category)
    {
        var spans = vocabulary.Terms.Where(t => t.Term.Category == category)
            .SelectMany(term => text.Find(term))
            .Distinct()
            .OrderBy(s => s.Start).ThenByDescending(s => s.End - s.Start)
            .ToList();
        var lastEnd = -1;
        foreach (var (start, end) in spans)
        {
            if (start < lastEnd)
            {
                continue;
            }
            lastEnd = end;
            yield return (start, end, body[start..end]);
        }
    }

    /// <summary>The text outside Liquid tags, tags replaced by spaces so offsets stay those of the body.</summary>
    private static string Literal(string body, IReadOnlyList<(int Start, int End)> tags)
    {
        var chars = body.ToCharArray();
        foreach (var (start, end) in tags)
        {
            Array.Fill(chars, ' ', start, end - start);
        }
        return new string(chars);
    }

    private static IEnumerable<(string Host, int Start, int End)> Links(string literal)
    {
        foreach (Match match in Link().Matches(literal))
        {
            var host = match.Groups["host"].Value.ToLowerInvariant();
            yield return (host, match.Index, match.Index + match.Length);
        }
    }

    // A link: with a scheme or www., any host; without, a host ending in a top-level domain SMS links use.
    [GeneratedRegex(@"(?ix)
        (?:https?://(?<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+) | (?<![\w.@])(?<host>(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|cn|net|org|top|xyz|info|cc|io|me|co|vip|shop|site|link|ly|gl|ink|club|app|tv|biz|hk|tw|mobi)) (?![\w-]) )
        (?::\d+)?(?:/[^\s，。！？；、）)】」""]*)?")]
    private static partial Regex Link();

    /// <summary>The signature: 【{{ lender.name }}】 or 【any literal name】.</summary>
    [GeneratedRegex(@"【\s*(?:\{\{-?\s*lender\.name\s*(?:\|[^}]*)?-?\}\}|[^【】{}\s][^【】{}]*)\s*】")]
    private static partial Regex Signature();

    /// <summary>A number to call written out: 95xxx(x) service numbers, 400/800 numbers, landlines, mobiles.</summary>
    [GeneratedRegex(@"(?<!\d)(?:95\d{3,4}|[48]00[- ]?\d{3}[- ]?\d{4}|0\d{2,3}[- ]?\d{7,8}|1[3-9]\d{9})(?!\d)")]
    private static partial Regex PhoneNumber();
}
