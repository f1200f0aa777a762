namespace OverdueSmsPortal.Core.Templates;

/// <summary>
/// How firmly a message speaks (语气, DESIGN §2.3). The tone escalates with the stage: gentle early,
/// the formal legal notice only from 16 days overdue, and only ever factual.
/// </summary>
public enum Tone
{
    Gentle = 1,
    Standard = 2,
    Firm = 3,
    LegalNotice = 4,
}

public static class Tones
{
    /// <summary>The first day overdue from which a stage may use <see cref="Tone.LegalNotice"/>.</summary>
    public const int LegalNoticeFromDaysOverdue = 16;

    public static readonly IReadOnlyList<Tone> All = [Tone.Gentle, Tone.Standard, Tone.Firm, Tone.LegalNotice];

    private static readonly Dictionary<string, Tone> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gentle"] = Tone.Gentle,
        ["standard"] = Tone.Standard,
        ["firm"] = Tone.Firm,
        ["legal_notice"] = Tone.LegalNotice,
    };

    /// <summary>The tone's key in the API: <c>gentle</c>, <c>standard</c>, <c>firm</c>, <c>legal_notice</c>.</summary>
    public static string Code(this Tone tone) => Codes.First(pair => pair.Value == tone).Key;

    public static bool TryParse(string? code, out Tone tone) => Codes.TryGetValue(code?.Trim() ?? "", out tone);

    /// <summary>
    /// Whether a stage whose earliest day overdue is <paramref name="stageFromDaysOverdue"/> may use
    /// <paramref name="tone"/>: the legal notice only when every debt in the stage is 16+ days overdue.
    /// </summary>
    public static bool IsAllowedFor(this Tone tone, int stageFromDaysOverdue) =>
        tone != Tone.LegalNotice || stageFromDaysOverdue >= LegalNoticeFromDaysOverdue;
}
