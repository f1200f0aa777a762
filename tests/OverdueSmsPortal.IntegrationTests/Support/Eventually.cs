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
    public static async Task<T> WaitAsync<T>(string what, Func<Task<T>> measure, Func<T, bool> done, TimeSpan deadline,
        ITestOutputHelper? output = null)
    {
        var clock = Stopwatch.StartNew();
        var last = "none";
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
            await Task.Delay(Interval);
        }
        throw new TimeoutException($"Waited {deadline.TotalSeconds:0} s for {what}; last reading: {last}.");
    }
}
