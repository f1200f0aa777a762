using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Settings;

namespace OverdueSmsPortal.Infrastructure.Templates;

/// <summary>A word-list entry an Admin keeps.</summary>
public class LintTermEntry
{
    public const int MaxTermLength = 30;

    public long Id { get; private set; }
    public LintTermCategory Category { get; private set; }
    public string Term { get; private set; } = "";

    /// <summary>The term as the lint matches it, so "家 人" cannot be added next to "家人".</summary>
    public string Normalized { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    private LintTermEntry()
    {
    }

    public LintTermEntry(LintTermCategory category, string term, DateTimeOffset now)
    {
        Category = category;
        Term = term.Trim();
        Normalized = LintText.NormalizeTerm(Term);
        CreatedAt = now;
    }
}

/// <summary>A domain links in messages may point to (its subdomains too).</summary>
public class AllowedLinkDomain
{
    public const int MaxDomainLength = 100;

    public long Id { get; private set; }
    public string Domain { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    private AllowedLinkDomain()
    {
    }

    public AllowedLinkDomain(string domain, DateTimeOffset now)
    {
        Domain = domain.Trim().TrimEnd('.').ToLowerInvariant();
        CreatedAt = now;
    }
}

/// <summary>
/// The lint's word lists and link allow-list as an Admin keeps them. Every editor key press lints,
/// so the vocabulary is cached and dropped whenever an Admin changes it.
/// </summary>
public sealed class LintVocabularyStore(PortalDbContext db, AuditTrail audit, TimeProvider clock, IMemoryCache cache)
{
    private const string CacheKey = "lint-vocabulary";
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    public async Task<LintVocabulary> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out LintVocabulary? cached) && cached is not null)
        {
            return cached;
        }
        var terms = await db.LintTerms.AsNoTracking().Select(t => new LintTerm(t.Category, t.Term)).ToListAsync(cancellationToken);
        var domains = await db.AllowedLinkDomains.AsNoTracking().Select(d => d.Domain).ToListAsync(cancellationToken);
        var vocabulary = new LintVocabulary(terms, domains);
        // Another node may change the lists; a short lifetime bounds how long this one lags.
        cache.Set(CacheKey, vocabulary, CacheLifetime);
        return vocabulary;
    }

    public Task<List<LintTermEntry>> TermsAsync(CancellationToken cancellationToken = default) =>
        db.LintTerms.AsNoTracking().OrderBy(t => t.Category).ThenBy(t => t.Id).ToListAsync(cancellationToken);

    public Task<List<AllowedLinkDomain>> DomainsAsync(CancellationToken cancellationToken = default) =>
        db.AllowedLinkDomains.AsNoTracking().OrderBy(d => d.Domain).ToListAsync(cancellationToken);

    public async Task AddTermAsync(LintTermCategory category, string term, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var entry = new LintTermEntry(category, term ?? "", clock.GetUtcNow());
        var errors = new List<FluentValidation.Results.ValidationFailure>();
        if (entry.Normalized.Length == 0)
        {
            errors.Add(new("term", "The term is empty.") { ErrorCode = "lint.term.required" });
        }
        else if (entry.Term.Length > LintTermEntry.MaxTermLength)
        {
            errors.Add(new("term", "The term is too long.") { ErrorCode = "lint.term.tooLong" });
        }
        else if (await db.LintTerms.AnyAsync(t => t.Category == category && t.Normalized == entry.Normalized, cancellationToken))
        {
            errors.Add(new("term", "The list already has this term.") { ErrorCode = "lint.term.duplicate" });
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        db.LintTerms.Add(entry);
        audit.Add(by.Name, AuditNames.LintTerm, category.ToString(), AuditNames.Created, after: new { category = category.ToString(), entry.Term });
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    public async Task RemoveTermAsync(long id, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var entry = await db.LintTerms.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (entry is null)
        {
            return;
        }
        db.LintTerms.Remove(entry);
        audit.Add(by.Name, AuditNames.LintTerm, entry.Category.ToString(), AuditNames.Deleted, before: new { category = entry.Category.ToString(), entry.Term });
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    public async Task AddDomainAsync(string domain, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var entry = new AllowedLinkDomain(domain ?? "", clock.GetUtcNow());
        string? code = null;
        if (entry.Domain.Length == 0 || entry.Domain.Length > AllowedLinkDomain.MaxDomainLength
            || Uri.CheckHostName(entry.Domain) != UriHostNameType.Dns || !entry.Domain.Contains('.'))
        {
            code = "lint.domain.invalid";
        }
        else if (await db.AllowedLinkDomains.AnyAsync(d => d.Domain == entry.Domain, cancellationToken))
        {
            code = "lint.domain.duplicate";
        }
        if (code is not null)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("domain", code) { ErrorCode = code }]);
        }
        db.AllowedLinkDomains.Add(entry);
        audit.Add(by.Name, AuditNames.LinkDomain, entry.Domain, AuditNames.Created, after: new { entry.Domain });
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    public async Task RemoveDomainAsync(long id, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var entry = await db.AllowedLinkDomains.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (entry is null)
        {
            return;
        }
        db.AllowedLinkDomains.Remove(entry);
        audit.Add(by.Name, AuditNames.LinkDomain, entry.Domain, AuditNames.Deleted, before: new { entry.Domain });
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    /// <summary>The setting that records which version of the default lists the store holds.</summary>
    public const string DefaultsVersionKey = "lint.defaults.version";

    /// <summary>
    /// Seeds the default lists into an empty store, and the lender's payment link domain. A store seeded by
    /// an older release gets the default-list revisions it has not seen, each once: new default terms are
    /// added and moved or dropped ones removed, while terms an Admin added stay and default terms an Admin
    /// deleted are not brought back. The version is kept as a setting rather than in a migration because
    /// the terms are normalized by Core code, which a migration's SQL cannot run.
    /// </summary>
    public async Task SeedAsync(string paymentHost, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var versionRow = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == DefaultsVersionKey, cancellationToken);
        var seededVersion = versionRow is not null && int.TryParse(versionRow.Json, out var stored) ? stored : 1;
        if (!await db.LintTerms.AnyAsync(cancellationToken))
        {
            db.LintTerms.AddRange(DefaultLintTerms.All
                .DistinctBy(t => (t.Category, LintText.NormalizeTerm(t.Term)))
                .Select(t => new LintTermEntry(t.Category, t.Term, now)));
        }
        else
        {
            await ApplyRevisionsAsync(seededVersion, now, cancellationToken);
        }
        if (versionRow is null || seededVersion != DefaultLintTerms.Version)
        {
            await db.PortalSettings.PutAsync(DefaultsVersionKey,
                DefaultLintTerms.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "system", now, cancellationToken);
        }
        if (!await db.AllowedLinkDomains.AnyAsync(cancellationToken))
        {
            var domains = DefaultLintTerms.AllowedLinkDomains.Append(paymentHost)
                .Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).Distinct();
            db.AllowedLinkDomains.AddRange(domains.Select(d => new AllowedLinkDomain(d, now)));
        }
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    private async Task ApplyRevisionsAsync(int seededVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revisions = DefaultLintTerms.Revisions.Where(r => r.Version > seededVersion).ToList();
        if (revisions.Count == 0)
        {
            return;
        }
        var existing = await db.LintTerms.ToListAsync(cancellationToken);
        foreach (var revision in revisions)
        {
            var removed = revision.Removed.Select(t => (t.Category, LintText.NormalizeTerm(t.Term))).ToHashSet();
            foreach (var entry in existing.Where(e => removed.Contains((e.Category, e.Normalized))).ToList())
            {
                db.LintTerms.Remove(entry);
                existing.Remove(entry);
            }
            foreach (var term in revision.Added)
            {
                var entry = new LintTermEntry(term.Category, term.Term, now);
                if (!existing.Any(e => e.Category == entry.Category && e.Normalized == entry.Normalized))
                {
                    db.LintTerms.Add(entry);
                    existing.Add(entry);
                }
            }
        }
    }
}
