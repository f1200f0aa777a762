using System.Globalization;

namespace OverdueSmsPortal.Core.Policy;

/// <summary>Times the lender's systems send as text (a payment's, a complaint's).</summary>
public static class IsoInstant
{
    /// <summary>An ISO 8601 time; without an offset it is a wall-clock time in <paramref name="zone"/>. Null when it is none.</summary>
    public static DateTimeOffset? Parse(string text, TimeZoneInfo zone)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }
        return parsed.Kind == DateTimeKind.Unspecified
            ? ContactHours.ToInstant(parsed, zone)
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();
    }
}
