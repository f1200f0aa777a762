using System.Collections;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>Waits for what another process does (the portal, Kannel) by polling with a deadline, never by sleeping.</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Reads <paramref name="measure"/> until <paramref name="done"/> holds and returns that reading. After
    /// <paramref name="deadline"/> it throws, naming what it waited for and the last reading.
    /// </summary>
    /// <param name="interval">Between readings (50 ms unless told): a long wait on a costly reading asks less often.</param>
    /// <param name="progressEvery">How often the reading so far goes to <paramref name="output"/>; none: only at the end.</param>
    public static async Task<T> WaitAsync<T>(string what, Func<Task<T>> measure, Func<T, bool> done, TimeSpan deadline,
        ITestOutputHelper? output = null, TimeSpan? interval = null, TimeSpan? progressEvery = null)
    {
        var clock = Stopwatch.StartNew();
        var last = "none";
        var reported = TimeSpan.Zero;
        while (clock.Elapsed < deadline)
        {
            try
            {
                var reading = await measure();
                if (done(reading))
                {
                    output?.WriteLine($"{what}: after {clock.Elapsed.TotalSeconds:0.0} s");
                    return reading;
                }
                last = reading is ICollection collection ? $"{collection.Count} items" : $"{reading}";
            }
            catch (SqliteException e)
            {
                // The schema may not be there yet, or a write holds the file a moment.
                last = e.Message;
            }
            if (progressEvery is { } every && clock.Elapsed - reported >= every)
            {
                reported = clock.Elapsed;
                output?.WriteLine($"waiting for {what}, {clock.Elapsed.TotalSeconds:0} s: {last}");
            }
            await Task.Delay(interval ?? Interval);
        }
        throw new TimeoutException($"Waited {deadline.TotalSeconds:0} s for {what}; last reading: {last}.");
    }
}
