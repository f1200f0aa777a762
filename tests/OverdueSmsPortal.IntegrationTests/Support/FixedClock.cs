namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>A clock that stands still until a test moves it.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = now.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
