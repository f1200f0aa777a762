namespace OverdueSmsPortal.Core.Templates;

/// <summary>How a message addresses a person: the family name of a full name, for "尊敬的王先生".</summary>
public static class PersonNames
{
    /// <summary>
    /// Two-character family names. A name that starts with one of these keeps both characters
    /// (欧阳娜娜 → 欧阳); any other Chinese name starts with a one-character family name.
    /// </summary>
    private static readonly string[] CompoundSurnames =
    [
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐",
        "端木", "澹台", "司空", "南宫", "西门", "轩辕", "呼延", "独孤", "万俟", "闻人", "赫连", "钟离", "申屠", "太史",
    ];

    /// <summary>
    /// The family name in <paramref name="name"/>: a compound Chinese surname's two characters, else the
    /// first character; for a name in Latin letters its last word (John Smith → Smith). A name written with a
    /// middle dot (维吾尔族 names such as 买买提·吐尔逊) has no family name to take, so it stays whole.
    /// Null for an empty name.
    /// </summary>
    public static string? Surname(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Any(char.IsAsciiLetter))
        {
            return trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[^1];
        }
        if (trimmed.IndexOfAny(['·', '•', '・', '.']) >= 0)
        {
            return trimmed;
        }
        var compound = CompoundSurnames.FirstOrDefault(s => trimmed.StartsWith(s, StringComparison.Ordinal));
        if (compound is not null)
        {
            return compound;
        }
        // A character outside the basic plane takes two chars; never cut it in half.
        return char.IsSurrogatePair(trimmed, 0) ? trimmed[..2] : trimmed[..1];
    }
}
