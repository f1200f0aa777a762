using OverdueSmsPortal.Core.Replies;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Core.Tests.Replies;

/// <summary>
/// A second labelled set (Replies/HeldOut/replies-heldout-2.tsv), written by someone who saw neither the rules
/// nor the first set, and measured once the rules were final: the rules were never changed after looking at it.
/// The first set's misses taught the rules (see <see cref="HeldOutReplyTests"/>), so this one is the honest
/// figure. On 2026-12-06 it read 186 of 240 as labelled (77.5 %): no false opt-out, no refusal read as a
/// promise, no reply wrongly taken for a wrong number or a complaint; but 4 of 37 opt-outs, 14 of 30 wrong
/// numbers and half the disputes were missed. These tests hold the safety properties and print the rest;
/// raise the rules against a third, unseen set, not against this one.
/// </summary>
public class FreshHeldOutReplyTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<HeldOutReplyTests.Labelled>> Set = new(() => HeldOutReplyTests.Load("replies-heldout-2.tsv"));

    [Fact]
    public void Nobody_is_opted_out_who_did_not_ask()
    {
        var wrong = Set.Value.Where(r => !r.ExpectedOptOut && r.Actual.OptOut).ToList();
        Report("opted out without asking", wrong);
        Assert.Empty(wrong);
    }

    [Fact]
    public void No_refusal_reads_as_a_promise()
    {
        // The set labels refusals and inability to pay "other" (19 of its 35 others are such).
        var misread = Set.Value.Where(r => r.Expected == ReplyCategory.Other && r.Actual.Category == ReplyCategory.PromiseToPay).ToList();
        Report("refusals read as promises", misread);
        Assert.Empty(misread);
    }

    [Theory]
    [InlineData(ReplyCategory.WrongNumber)]
    [InlineData(ReplyCategory.Complaint)]
    [InlineData(ReplyCategory.OptOut)]
    public void A_reply_is_never_taken_for_one_that_stops_messages_when_it_is_not(ReplyCategory category)
    {
        var wrong = Set.Value.Where(r => r.Actual.Category == category && r.Expected != category).ToList();
        Report($"taken for {category.Code()} wrongly", wrong);
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_figures_are_printed()
    {
        var rows = Set.Value;
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
