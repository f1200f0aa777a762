namespace OverdueSmsPortal.Tests.Shared;

/// <summary>
/// A fixed-offset time zone (no daylight saving) in which it is day now. Tests that send messages move
/// their customers there, so the contact hours (08:00–21:00 local) let messages leave whatever hour
/// the test machine's clock shows. Linked into the browser and integration tests.
/// </summary>
public static class DaylightZone
{
    /// <summary>An <c>Etc/GMT±N</c> zone where the local hour at <paramref name="now"/> is between 10:00 and 17:59.</summary>
    public static string At(DateTimeOffset now)
    {
        var offset = Enumerable.Range(-12, 27).First(o => (now.UtcDateTime.Hour + o + 24) % 24 is >= 10 and <= 17);
        // The Etc zones count the other way: Etc/GMT-8 is UTC+8.
        return offset == 0 ? "Etc/GMT" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
    }
}
