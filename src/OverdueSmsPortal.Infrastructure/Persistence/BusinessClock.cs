using Microsoft.Extensions.Options;

namespace OverdueSmsPortal.Infrastructure.Persistence;

/// <summary>Today's date in the lender's business time zone, from the one injectable clock.</summary>
public sealed class BusinessClock(TimeProvider clock, IOptions<PortalOptions> options)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today() => DateOnly.FromDateTime(ToBusinessTime(clock.GetUtcNow()).DateTime);

    /// <summary>An instant as the lender's staff read it: in the business time zone.</summary>
    public DateTimeOffset ToBusinessTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);
}
