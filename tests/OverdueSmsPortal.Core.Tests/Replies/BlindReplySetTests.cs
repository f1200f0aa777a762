using OverdueSmsPortal.Core.Replies;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Core.Tests.Replies;

/// <summary>
/// A labelled set of replies written by someone who saw neither the rules nor the other sets, for judging the
/// rules as an outsider would: these tests hold what must never happen (a false opt-out, a refusal read as a
/// promise, a reply wrongly taken for a wrong number, a complaint or an opt-out) and print the rest. Raise the
/// rules against general patterns and judge them on a set nobody has looked at, never tune them on a set's
/// misses: once a set's misses have taught the rules, its figure is no longer an honest one.
/// </summary>
public abstract class BlindReplySetTests(ITestOutputHelper output, string file)
{
    private readonly Lazy<IReadOnlyList<HeldOutReplyTests.Labelled>> set = new(() => HeldOutReplyTests.Load(file));

    private IReadOnlyList<HeldOutReplyTests.Labelled> Rows => set.Value;

    [Fact]
    public void Nobody_is_opted_out_who_did_not_ask()
    {
        var wrong = Rows.Where(r => !r.ExpectedOptOut && r.Actual.OptOut).ToList();
        Report("opted out without asking", wrong);
        Assert.Empty(wrong);
    }

    [Fact]
    public void No_refusal_reads_as_a_promise()
    {
        // The set labels refusals and inability to pay "other" (19 of its 35 others are such).
        var misread = Rows.Where(r => r.Expected == ReplyCategory.Other && r.Actual.Category == ReplyCategory.PromiseToPay).ToList();
        Report("refusals read as promises", misread);
        Assert.Empty(misread);
    }

    [Theory]
    [InlineData(ReplyCategory.WrongNumber)]
    [InlineData(ReplyCategory.Complaint)]
    [InlineData(ReplyCategory.OptOut)]
    public void A_reply_is_never_taken_for_one_that_stops_messages_when_it_is_not(ReplyCategory category)
    {
        var wrong = Rows.Where(r => r.Actual.Category == category && r.Expected != category).ToList();
        Report($"taken for {category.Code()} wrongly", wrong);
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_figures_are_printed()
    {
        var rows = Rows;
        Assert.Equal(240, rows.Count);
        output.WriteLine($"accuracy {rows.Count(r => r.Actual.Category == r.Expected)}/{rows.Count}");
        output.WriteLine($"opt-outs honoured {rows.Count(r => r.ExpectedOptOut && r.Actual.OptOut)}/{rows.Count(r => r.ExpectedOptOut)}");
        foreach (var category in ReplyCategories.All)
        {
            var mine = rows.Where(r => r.Expected == category).ToList();
            output.WriteLine($"  {category.Code(),-15} {mine.Count(r => r.Actual.Category == category)}/{mine.Count}");
        }
        Report("misclassified", rows.Where(r => r.Actual.Category != r.Expected).ToList());
    }

    private void Report(string title, IReadOnlyList<HeldOutReplyTests.Labelled> rows)
    {
        output.WriteLine($"{title}: {rows.Count}");
        foreach (var r in rows)
        {
            output.WriteLine($"  line {r.Line}: expected {r.Expected.Code()}, got {r.Actual.Category.Code()}: {r.Text}");
        }
    }
}

/// <summary>
/// The second set (Replies/HeldOut/replies-heldout-2.tsv). Measured once on 2026-12-06 before any rule was
/// changed for it: 186 of 240 as labelled (77.5 %), 33 of 37 opt-outs, 16 of 30 wrong numbers, 9 of 20
/// disputes. The rules were then broadened by general patterns (time words with ways of paying, someone
/// else holding the number, fee disputes, everyday ways of saying stop) after reading its misses, so its
/// figure since is no longer blind: it stays as a guard for the safety properties.
/// </summary>
public class SecondBlindReplySetTests(ITestOutputHelper output) : BlindReplySetTests(output, "replies-heldout-2.tsv");

/// <summary>
/// The third set (Replies/HeldOut/replies-heldout-3.tsv), with dialects, pinyin, typos and relatives answering.
/// Measured once on 2026-12-07 after the rules were broadened: 201 of 240 as labelled (83.8 %), 31 of 35
/// opt-outs, 22 of 30 wrong numbers, 13 of 20 disputes, and one reply wrongly taken for a wrong number (a
/// dispute, "这个贷款不是我本人办的"). That was fixed and the rules broadened again by the patterns its misses
/// showed, so it too is no longer blind.
/// </summary>
public class ThirdBlindReplySetTests(ITestOutputHelper output) : BlindReplySetTests(output, "replies-heldout-3.tsv");

/// <summary>
/// The fourth set (Replies/HeldOut/replies-heldout-4.tsv): small-business owners, students, migrant workers,
/// voice-to-text, replies quoting the SMS. Measured once after the rules were final, never tuned on: the
/// honest figure is in docs/decisions/0001-contact-strategy.md.
/// </summary>
public class FourthBlindReplySetTests(ITestOutputHelper output) : BlindReplySetTests(output, "replies-heldout-4.tsv");
