using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Templates.Lint;
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

        await store.AddTermAsync(LintTermCategory.Insult, "穷鬼", "admin");

        var after = await store.LoadAsync();
        Assert.DoesNotContain(before.Terms, t => t.Term.Term == "穷鬼");
        Assert.Contains(after.Terms, t => t.Term.Term == "穷鬼");
        Assert.Equal(1, await Portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == AuditNames.LintTerm && e.Actor == "admin")));
    }

    [Theory]
    [InlineData("家 人")]
    [InlineData("傢人")]
    [InlineData("ｆａｍｉｌｙ")]
    public async Task A_term_that_reads_like_one_on_the_list_is_a_duplicate(string term)
    {
        var invalid = await Assert.ThrowsAsync<ValidationException>(() =>
            Portal.Service<LintVocabularyStore>().AddTermAsync(LintTermCategory.ThirdParty, term, "admin"));
        Assert.Equal("lint.term.duplicate", Assert.Single(invalid.Errors).ErrorCode);
    }

    [Theory]
    [InlineData("not a domain")]
    [InlineData("localhost")]
    [InlineData("")]
    public async Task An_invalid_domain_is_refused(string domain)
    {
        await Assert.ThrowsAsync<ValidationException>(() => Portal.Service<LintVocabularyStore>().AddDomainAsync(domain, "admin"));
    }

    [Fact]
    public async Task A_removed_domain_is_no_longer_allowed()
    {
        var store = Portal.Service<LintVocabularyStore>();
        await store.AddDomainAsync("Bank.COM", "admin");
        Assert.True((await store.LoadAsync()).AllowsHost("m.bank.com"));

        var entry = (await store.DomainsAsync()).Single(d => d.Domain == "bank.com");
        await store.RemoveDomainAsync(entry.Id, "admin");

        Assert.False((await store.LoadAsync()).AllowsHost("m.bank.com"));
    }
}
