using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Tests.Templates;

public class VersionDiffTests
{
    [Fact]
    public void Identical_texts_have_only_unchanged_lines()
    {
        var rows = VersionDiff.Compare("第一行\n第二行", "第一行\n第二行");

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal((DiffLineKind.Unchanged, DiffLineKind.Unchanged), (row.Old.Kind, row.New.Kind)));
    }

    [Fact]
    public void A_changed_word_in_a_chinese_line_marks_only_those_characters()
    {
        var row = Assert.Single(VersionDiff.Compare("请于今日还款，谢谢。", "请于明日还款，谢谢。"));

        Assert.Equal((DiffLineKind.Modified, DiffLineKind.Modified), (row.Old.Kind, row.New.Kind));
        Assert.Equal([new DiffSpan("请于", false), new DiffSpan("今", true), new DiffSpan("日还款，谢谢。", false)], row.Old.Spans);
        Assert.Equal([new DiffSpan("请于", false), new DiffSpan("明", true), new DiffSpan("日还款，谢谢。", false)], row.New.Spans);
    }

    [Fact]
    public void An_added_line_faces_a_filler_on_the_old_side()
    {
        var rows = VersionDiff.Compare("A\nC", "A\nB\nC");

        var added = Assert.Single(rows, r => r.New.Kind == DiffLineKind.Inserted);
        Assert.Equal(DiffLineKind.Filler, added.Old.Kind);
        Assert.Null(added.Old.Number);
        Assert.Equal((2, "B"), (added.New.Number, added.New.Spans.Single().Text));
    }

    [Fact]
    public void A_removed_line_faces_a_filler_on_the_new_side()
    {
        var rows = VersionDiff.Compare("A\nB\nC", "A\nC");

        var removed = Assert.Single(rows, r => r.Old.Kind == DiffLineKind.Deleted);
        Assert.Equal(DiffLineKind.Filler, removed.New.Kind);
        Assert.True(removed.Old.Spans.Single().Changed);
    }

    [Fact]
    public void Windows_line_ends_do_not_count_as_changes()
    {
        var rows = VersionDiff.Compare("A\r\nB", "A\nB");
        Assert.All(rows, row => Assert.Equal(DiffLineKind.Unchanged, row.New.Kind));
    }
}
