using System.Text;

namespace OverdueSmsPortal.Infrastructure.Exporting;

/// <summary>
/// Keeps a text cell from running as a formula when an exported file is opened in a spreadsheet.
/// CsvHelper's own escaping knows only ASCII lead characters; Excel and WPS on a Chinese system also
/// take full-width and small-form ＝＋－＠ as formula starts (a Chinese input method types them), and
/// skip leading blanks and line breaks before one.
/// </summary>
public static class SpreadsheetText
{
    public const char Escape = '\'';

    /// <summary>The cell as it is, or with a leading quote when a spreadsheet could read it as a formula.</summary>
    public static string Neutralize(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return cell ?? "";
        }
        return MayStartFormula(cell) ? Escape + cell : cell;
    }

    private static bool MayStartFormula(string cell)
    {
        foreach (var c in cell)
        {
            if (c is '\t' or '\r' or '\n')
            {
                return true;
            }
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return false;
            }
            // NFKC folds the full-width (U+FF1D…) and small-form (U+FE62…) variants onto the ASCII signs.
            var folded = c.ToString().Normalize(NormalizationForm.FormKC);
            return folded.Length == 1 && folded[0] is '=' or '+' or '-' or '@';
        }
        return false;
    }
}
