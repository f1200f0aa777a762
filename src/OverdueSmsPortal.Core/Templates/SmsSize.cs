namespace OverdueSmsPortal.Core.Templates;

public enum SmsEncoding
{
    /// <summary>The GSM 03.38 default alphabet: 7 bits a character, 160 a message, 153 a part.</summary>
    Gsm7 = 1,

    /// <summary>UTF-16: 70 code units a message, 67 a part. Every Chinese text is UCS-2.</summary>
    Ucs2 = 2,
}

/// <summary>
/// How long a message is and how many SMS it takes, counted as carriers count (DESIGN §2.5).
/// <see cref="Characters"/> is in septets for GSM-7 (an extension character such as € takes two) and in
/// UTF-16 code units for UCS-2 (an emoji takes two).
/// </summary>
public sealed record SmsSize(int Characters, int Parts, SmsEncoding Encoding)
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    // GSM 03.38 default alphabet (basic table), one septet each.
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // The extension table: an escape septet then the character, two septets each.
    private const string Extension = "^{}\\[~]|€\f";

    public static SmsSize Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return new SmsSize(0, 0, SmsEncoding.Gsm7);
        }
        return IsGsm7(text) ? MeasureGsm7(text) : MeasureUcs2(text);
    }

    private static bool IsGsm7(string text)
    {
        foreach (var c in text)
        {
            if (!Basic.Contains(c) && !Extension.Contains(c))
            {
                return false;
            }
        }
        return true;
    }

    private static SmsSize MeasureGsm7(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            septets += Extension.Contains(c) ? 2 : 1;
        }
        if (septets <= Gsm7Single)
        {
            return new SmsSize(septets, 1, SmsEncoding.Gsm7);
        }
        // A part never ends between an escape and its character: fill each part and start a new one
        // when the next character does not fit whole.
        int parts = 1, used = 0;
        foreach (var c in text)
        {
            var width = Extension.Contains(c) ? 2 : 1;
            if (used + width > Gsm7Part)
            {
                parts++;
                used = 0;
            }
            used += width;
        }
        return new SmsSize(septets, parts, SmsEncoding.Gsm7);
    }

    private static SmsSize MeasureUcs2(string text)
    {
        if (text.Length <= Ucs2Single)
        {
            return new SmsSize(text.Length, 1, SmsEncoding.Ucs2);
        }
        // Nor between the two halves of a surrogate pair (an emoji, a rare ideograph).
        int parts = 1, used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + width > Ucs2Part)
            {
                parts++;
                used = 0;
            }
            used += width;
            i += width - 1;
        }
        return new SmsSize(text.Length, parts, SmsEncoding.Ucs2);
    }
}
