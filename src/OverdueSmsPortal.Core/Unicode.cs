namespace OverdueSmsPortal.Core;

/// <summary>Checks on text from outside (imports, the API, a template) before .NET's Unicode functions see it.</summary>
public static class Unicode
{
    /// <summary>
    /// Whether <see cref="string.Normalize()"/> takes <paramref name="text"/>: it throws on half a surrogate
    /// pair standing alone and on the noncharacter U+FFFE, which a pasted or hostile text may hold.
    /// </summary>
    public static bool CanNormalize(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c == '\uFFFE')
            {
                return false;
            }
        }
        return true;
    }
}
