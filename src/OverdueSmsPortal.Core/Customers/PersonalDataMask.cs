namespace OverdueSmsPortal.Core.Customers;

/// <summary>
/// Masks personal data for roles that must not see it (DESIGN §4): 138****5678, 张*, ¥****.
/// Masking happens before data leaves the server, never only in the page.
/// </summary>
public static class PersonalDataMask
{
    public const string MaskedAmount = "****";

    /// <summary>Keeps the first three and last four digits of the national number.</summary>
    public static string Phone(string e164)
    {
        var digits = MobileNumbers.Display(e164).Where(char.IsDigit).ToArray();
        if (digits.Length < 8)
        {
            return new string('*', digits.Length);
        }
        return $"{new string(digits, 0, 3)}****{new string(digits, digits.Length - 4, 4)}";
    }

    /// <summary>Keeps the first character (the family name for most Chinese names) and stars the rest.</summary>
    public static string Name(string name)
    {
        var text = name.Trim();
        if (text.Length == 0)
        {
            return text;
        }
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        elements.MoveNext();
        var first = (string)elements.Current;
        var rest = 0;
        while (elements.MoveNext())
        {
            rest++;
        }
        return first + new string('*', Math.Max(1, rest));
    }

    /// <summary>Keeps the first two and last two characters of an account reference: CC****01.</summary>
    public static string AccountRef(string accountRef)
    {
        var text = accountRef.Trim();
        return text.Length <= 4 ? new string('*', text.Length) : $"{text[..2]}****{text[^2..]}";
    }
}
