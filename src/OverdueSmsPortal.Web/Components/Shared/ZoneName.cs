using System.Globalization;
using Microsoft.Extensions.Localization;

namespace OverdueSmsPortal.Web.Components.Shared;

/// <summary>
/// A time zone as an operator says it ("北京时间（UTC+8）"), not its IANA id: "Asia/Shanghai" means
/// nothing to most of the people reading the page. Zones without a name of their own keep their id.
/// </summary>
public static class ZoneName
{
    public static string Of(TimeZoneInfo zone, IStringLocalizer localizer, DateTimeOffset? at = null)
    {
        var named = localizer[$"TimeZone.{zone.Id}"];
        var name = named.ResourceNotFound ? zone.Id : named.Value;
        var offset = zone.GetUtcOffset(at ?? DateTimeOffset.UtcNow);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        var shown = abs.Minutes == 0
            ? abs.Hours.ToString(CultureInfo.InvariantCulture)
            : abs.ToString(@"h\:mm", CultureInfo.InvariantCulture);
        return localizer["TimeZone.Named", name, sign + shown];
    }

    public static string Of(string zoneId, IStringLocalizer localizer) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? Of(zone, localizer) : zoneId;
}
