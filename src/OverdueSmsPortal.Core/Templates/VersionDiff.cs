using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace OverdueSmsPortal.Core.Templates;

/// <summary>What happened to one line between two versions.</summary>
public enum DiffLineKind
{
    Unchanged,
    Deleted,
    Inserted,
    Modified,
    /// <summary>A blank filler that keeps the two sides aligned.</summary>
    Filler,
}

/// <summary>A run of text within a line, marked when it differs from the other side.</summary>
public sealed record DiffSpan(string Text, bool Changed);

public sealed record DiffLine(int? Number, DiffLineKind Kind, IReadOnlyList<DiffSpan> Spans);

/// <summary>One row of the side-by-side view: the old line on the left, the new one on the right.</summary>
public sealed record DiffRow(DiffLine Old, DiffLine New);

/// <summary>
/// Side-by-side differences between two template texts. Lines are matched first, then changed lines
/// are compared character by character: Chinese has no spaces between words, and a one-character
/// change in a long SMS line must not mark the whole line.
/// </summary>
public static class VersionDiff
{
    private static readonly SideBySideDiffBuilder Builder =
        new(new Differ(), LineChunker.Instance, CharacterChunker.Instance);

    public static IReadOnlyList<DiffRow> Compare(string oldText, string newText)
    {
        var model = Builder.BuildDiffModel(Normalize(oldText), Normalize(newText), ignoreWhitespace: false);
        var rows = new List<DiffRow>(model.OldText.Lines.Count);
        for (var i = 0; i < model.OldText.Lines.Count; i++)
        {
            rows.Add(new DiffRow(Line(model.OldText.Lines[i]), Line(model.NewText.Lines[i])));
        }
        return rows;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static DiffLine Line(DiffPiece piece)
    {
        var kind = piece.Type switch
        {
            ChangeType.Unchanged => DiffLineKind.Unchanged,
            ChangeType.Deleted => DiffLineKind.Deleted,
            ChangeType.Inserted => DiffLineKind.Inserted,
            ChangeType.Modified => DiffLineKind.Modified,
            _ => DiffLineKind.Filler,
        };
        if (kind == DiffLineKind.Filler)
        {
            return new DiffLine(null, kind, []);
        }
        var spans = kind == DiffLineKind.Modified ? Spans(piece.SubPieces) : [new DiffSpan(piece.Text ?? "", kind != DiffLineKind.Unchanged)];
        return new DiffLine(piece.Position, kind, spans);
    }

    /// <summary>Joins neighbouring characters of the same kind into runs.</summary>
    private static List<DiffSpan> Spans(IEnumerable<DiffPiece> characters)
    {
        var spans = new List<DiffSpan>();
        foreach (var character in characters)
        {
            if (character.Type == ChangeType.Imaginary || string.IsNullOrEmpty(character.Text))
            {
                continue;
            }
            var changed = character.Type != ChangeType.Unchanged;
            if (spans.Count > 0 && spans[^1].Changed == changed)
            {
                spans[^1] = spans[^1] with { Text = spans[^1].Text + character.Text };
            }
            else
            {
                spans.Add(new DiffSpan(character.Text, changed));
            }
        }
        return spans;
    }
}
