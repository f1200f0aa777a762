using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Templates.Lint;
using OverdueSmsPortal.Infrastructure.Settings;
using OverdueSmsPortal.Infrastructure.Templates;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Templates;

public sealed class LintVocabularyStoreTests : DatabaseTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Portal.SeedLadderAndWordListsAsync();
    }

    [Fact]
    public async Task The_default_lists_and_the_payment_domain_are_seeded()
    {
        var vocabulary = await Portal.Service<LintVocabularyStore>().LoadAsync();

        Assert.Contains(vocabulary.Terms, t => t.Term == new LintTerm(LintTermCategory.ThirdParty, "家人"));
        Assert.True(vocabulary.AllowsHost("pay.example.cn"));
    }

    [Fact]
    public async Task A_term_an_admin_adds_is_used_at_once_and_audited()
    {
        var store = Portal.Service<LintVocabularyStore>();
        var before = await store.LoadAsync();

        await store.AddTermAsync(LintTermCategory.Insult, "穷鬼", StudioSetup.Admin);

        var after = await store.LoadAsync();
        Assert.DoesNotContain(before.Terms, t => t.Term.Term == "穷鬼");
        Assert.Contains(after.Terms, t => t.Term.Term == "穷鬼");
        Assert.Equal(1, await Portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == AuditNames.LintTerm && e.Actor == StudioSetup.Admin.Name)));
    }

    [Theory]
    [InlineData("家 人")]
    [InlineData("傢人")]
    [InlineData("ｆａｍｉｌｙ")]
    public async Task A_term_that_reads_like_one_on_the_list_is_a_duplicate(string term)
    {
        var invalid = await Assert.ThrowsAsync<ValidationException>(() =>
            Portal.Service<LintVocabularyStore>().AddTermAsync(LintTermCategory.ThirdParty, term, StudioSetup.Admin));
        Assert.Equal("lint.term.duplicate", Assert.Single(invalid.Errors).ErrorCode);
    }

    [Theory]
    [InlineData("not a domain")]
    [InlineData("localhost")]
    [InlineData("")]
    public async Task An_invalid_domain_is_refused(string domain)
    {
        await Assert.ThrowsAsync<ValidationException>(() => Portal.Service<LintVocabularyStore>().AddDomainAsync(domain, StudioSetup.Admin));
    }

    [Fact]
    public async Task A_removed_domain_is_no_longer_allowed()
    {
        var store = Portal.Service<LintVocabularyStore>();
        await store.AddDomainAsync("Bank.COM", StudioSetup.Admin);
        Assert.True((await store.LoadAsync()).AllowsHost("m.bank.com"));

        var entry = (await store.DomainsAsync()).Single(d => d.Domain == "bank.com");
        await store.RemoveDomainAsync(entry.Id, StudioSetup.Admin);

        Assert.False((await store.LoadAsync()).AllowsHost("m.bank.com"));
    }

    [Fact]
    public async Task Only_an_admin_may_change_the_lists()
    {
        var store = Portal.Service<LintVocabularyStore>();
        var term = (await store.TermsAsync()).First();
        var domain = (await store.DomainsAsync()).First();
        var before = await store.LoadAsync();

        foreach (var role in new[] { PortalRoles.Author, PortalRoles.Approver, PortalRoles.Viewer })
        {
            var by = new Actor($"id-{role}", role) { Roles = [role] };
            await Assert.ThrowsAsync<AccessRefusedException>(() => store.AddTermAsync(LintTermCategory.Insult, "穷鬼", by));
            await Assert.ThrowsAsync<AccessRefusedException>(() => store.RemoveTermAsync(term.Id, by));
            await Assert.ThrowsAsync<AccessRefusedException>(() => store.AddDomainAsync("bank.com", by));
            await Assert.ThrowsAsync<AccessRefusedException>(() => store.RemoveDomainAsync(domain.Id, by));
        }

        var after = await store.LoadAsync();
        Assert.Equal(before.Terms.Count, after.Terms.Count);
        Assert.DoesNotContain(after.Terms, t => t.Term.Term == "穷鬼");
        Assert.Contains((await store.DomainsAsync()), d => d.Id == domain.Id);
        Assert.False(after.AllowsHost("bank.com"));
        Assert.Equal(0, await Portal.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_portal_seeded_by_the_first_release_gains_the_new_default_terms_and_loses_the_moved_ones_but_keeps_its_own()
    {
        await GivenTheFirstReleaseListsAsync(
            new LintTerm(LintTermCategory.LegalConsequence, "征信"), new(LintTermCategory.LegalConsequence, "起诉"),
            new(LintTermCategory.ThirdParty, "单位"), new(LintTermCategory.ThirdParty, "家人"),
            new(LintTermCategory.Insult, "穷鬼"), new(LintTermCategory.LegalConsequence, "催告函"));

        await Portal.Service<LintVocabularyStore>().SeedAsync("pay.example.cn");

        var terms = (await Portal.Service<LintVocabularyStore>().LoadAsync()).Terms.Select(t => t.Term).ToList();
        Assert.DoesNotContain(new LintTerm(LintTermCategory.LegalConsequence, "征信"), terms);
        Assert.DoesNotContain(new LintTerm(LintTermCategory.ThirdParty, "单位"), terms);
        Assert.Contains(new LintTerm(LintTermCategory.CreditNotice, "征信"), terms);
        Assert.Contains(new LintTerm(LintTermCategory.LegalConsequence, "法律手段"), terms);
        Assert.Contains(new LintTerm(LintTermCategory.Harmless, "金额单位"), terms);
        Assert.Contains(new LintTerm(LintTermCategory.LegalConsequence, "起诉"), terms);
        Assert.Contains(new LintTerm(LintTermCategory.ThirdParty, "家人"), terms);
        Assert.Contains(new LintTerm(LintTermCategory.Insult, "穷鬼"), terms);
        Assert.Contains(new LintTerm(LintTermCategory.LegalConsequence, "催告函"), terms);
        Assert.Equal(terms.Count, terms.Distinct().Count());
    }

    [Fact]
    public async Task The_default_lists_are_revised_once_so_a_default_term_an_admin_deleted_stays_deleted()
    {
        await GivenTheFirstReleaseListsAsync(new LintTerm(LintTermCategory.ThirdParty, "家人"));
        var store = Portal.Service<LintVocabularyStore>();
        await store.SeedAsync("pay.example.cn");
        var lawyer = (await store.TermsAsync()).Single(t => t.Category == LintTermCategory.LegalConsequence && t.Term == "律师");
        await store.RemoveTermAsync(lawyer.Id, StudioSetup.Admin);

        await Portal.Service<LintVocabularyStore>().SeedAsync("pay.example.cn");

        Assert.DoesNotContain((await Portal.Service<LintVocabularyStore>().LoadAsync()).Terms,
            t => t.Term == new LintTerm(LintTermCategory.LegalConsequence, "律师"));
    }

    [Fact]
    public async Task A_new_portal_starts_with_the_current_lists_and_no_revision_to_apply()
    {
        var terms = (await Portal.Service<LintVocabularyStore>().LoadAsync()).Terms.Select(t => t.Term).ToList();
        var version = await Portal.QueryAsync(db => db.PortalSettings.SingleAsync(s => s.Key == LintVocabularyStore.DefaultsVersionKey));

        Assert.Equal(DefaultLintTerms.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), version.Json);
        Assert.DoesNotContain(new LintTerm(LintTermCategory.LegalConsequence, "征信"), terms);
        Assert.Contains(new LintTerm(LintTermCategory.CreditNotice, "信用记录"), terms);
    }

    /// <summary>A store as the first release left it: these terms, and no record of the lists' version.</summary>
    private Task GivenTheFirstReleaseListsAsync(params LintTerm[] terms) => Portal.QueryAsync(async db =>
    {
        await db.LintTerms.ExecuteDeleteAsync();
        await db.PortalSettings.Where(s => s.Key == LintVocabularyStore.DefaultsVersionKey).ExecuteDeleteAsync();
        db.LintTerms.AddRange(terms.Select(t => new LintTermEntry(t.Category, t.Term, DateTimeOffset.UtcNow)));
        await db.SaveChangesAsync();
    });
}
