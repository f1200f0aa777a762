using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Demo;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// What opening the segment list and the template studio costs on a database of N customers: the
/// live member count of every demo segment, and the preview customers of each (five members, the
/// longest name, the largest amount), which the studio loads once when it opens.
/// </summary>
internal static class StudioBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        output.WriteLine($"== studio: segment counts and preview customers on {options.Customers:N0} customers");
        if (options.DatabasePath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        await using var portal = await BenchmarkPortal.OpenAsync(options.DatabasePath);
        var today = portal.GetRequiredService<BusinessClock>().Today();
        if (!await CustomerListBenchmark.EnsureCustomersAsync(portal, options, today, output))
        {
            return;
        }
        await SeedSegmentsAsync(portal);

        var list = await TimeAsync(options.Repetitions, portal, async services =>
            (await services.GetRequiredService<SegmentCatalog>().ListAsync()).Count);
        output.WriteLine($"  segment list with live counts ({list.Result} segments): median {list.Median:F1} ms, max {list.Max:F1} ms");

        await using var scope = portal.Scope();
        var summaries = await scope.ServiceProvider.GetRequiredService<SegmentCatalog>().ListAsync();
        output.WriteLine($"  {"segment",-24} {"members",10} {"preview load median ms",24} {"max ms",8}");
        foreach (var summary in summaries)
        {
            var tone = summary.Segment.Tones[0];
            var load = await TimeAsync(options.Repetitions, portal, async services =>
                (await services.GetRequiredService<TemplatePreviewer>().LoadAsync(summary.Segment.Id, tone)).Subjects.Count);
            output.WriteLine($"  {summary.Segment.Name,-24} {summary.MemberCount,10:N0} {load.Median,24:F1} {load.Max,8:F1}");
        }
    }

    private static async Task SeedSegmentsAsync(BenchmarkPortal portal)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (await db.Segments.AnyAsync())
        {
            return;
        }
        var catalog = scope.ServiceProvider.GetRequiredService<SegmentCatalog>();
        foreach (var rules in DemoSegments.All)
        {
            await catalog.CreateAsync(rules, BenchActors.Admin);
        }
    }

    private sealed record Timing(int Result, double Median, double Max);

    /// <summary>One warm-up, then <paramref name="repetitions"/> timed runs, each in a scope of its own as a page would be.</summary>
    private static async Task<Timing> TimeAsync(int repetitions, BenchmarkPortal portal, Func<IServiceProvider, Task<int>> work)
    {
        int result;
        await using (var warm = portal.Scope())
        {
            result = await work(warm.ServiceProvider);
        }
        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            await using var scope = portal.Scope();
            var watch = Stopwatch.StartNew();
            result = await work(scope.ServiceProvider);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return new Timing(result, Statistics.Median(times), times.Max());
    }
}
