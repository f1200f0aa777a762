using OverdueSmsPortal.Web.Components.Shared;

namespace OverdueSmsPortal.Web.Tests.Components;

public sealed class LiveRefreshTests
{
    [Fact]
    public async Task A_page_closed_while_its_first_read_runs_starts_no_refresh_and_does_not_fail()
    {
        // The dashboard starts its refresh after its first read; a user who leaves during that read
        // disposes the page first. Starting then must do nothing, not throw.
        var refresh = new LiveRefresh();
        await refresh.DisposeAsync();
        var calls = 0;

        refresh.Start(TimeSpan.FromMilliseconds(1), _ =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(true);
        });
        await Task.Delay(50);

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_running_refresh_ticks_until_the_page_goes_away_and_no_more_after()
    {
        var refresh = new LiveRefresh();
        var calls = 0;
        var ticked = new TaskCompletionSource();
        refresh.Start(TimeSpan.FromMilliseconds(5), _ =>
        {
            if (Interlocked.Increment(ref calls) == 2)
            {
                ticked.TrySetResult();
            }
            return Task.FromResult(true);
        });
        await ticked.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await refresh.DisposeAsync();
        var atDisposal = Volatile.Read(ref calls);
        await Task.Delay(50);

        Assert.Equal(atDisposal, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task A_refresh_that_says_it_is_done_stops_ticking()
    {
        await using var refresh = new LiveRefresh();
        var calls = 0;
        var done = new TaskCompletionSource();
        refresh.Start(TimeSpan.FromMilliseconds(2), _ =>
        {
            var call = Interlocked.Increment(ref calls);
            if (call == 3)
            {
                done.TrySetResult();
            }
            return Task.FromResult(call < 3);
        });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        Assert.Equal(3, Volatile.Read(ref calls));
    }
}
