using System.Diagnostics;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// A clock that stands still until a test moves it, or, after <see cref="Run"/>, runs at real speed
/// from where it stood (for pacing and back-off, which wait on real timers).
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset start = now.ToUniversalTime();
    private Stopwatch? running;

    public DateTimeOffset Now => running is null ? start : start + running.Elapsed;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => start += by;

    /// <summary>From now on the clock moves with real time.</summary>
    public void Run() => running ??= Stopwatch.StartNew();
}
