using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Demo;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// The outcomes dashboard on a year of sending: the roll-up's first pass and an incremental one
/// (<see cref="OutcomeRollups.RefreshAsync"/>), and the dashboard's reads (<see cref="OutcomeDashboard"/>)
/// at 100,000 and at 10,000,000 messages. The dashboard reads roll-ups, not messages, so its times
/// should stay of the same order at both sizes. With <c>--provider postgres</c> the same on a
/// PostgreSQL database of its own per size, filled by binary COPY and ANALYZEd before the roll-up and
/// before the reads.
/// </summary>
internal static class DashboardBenchmark
{
    private const int Campaigns = 6;
    private const int Segments = 5;
    private const int Days = 365;
    private const int LateOutcomes = 1_000;
    private const int OpenRunMessages = 5_000;

    private static readonly long[] DefaultSizes = [100_000, 10_000_000];

    /// <summary>What one size measured, for the comparison at the end.</summary>
    private sealed record SizeFigures(long Messages, long RollupRows, IReadOnlyList<(string Name, double Median)> Queries);

    private sealed record DashboardCase(string Name, Func<OutcomeDashboard, Task> Run);

    public static async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var sizes = options.Messages is { } messages ? [messages] : DefaultSizes;
        var figures = new List<SizeFigures>();
        if (options.Postgres)
        {
            await PrintServerAsync(output);
        }
        foreach (var size in sizes)
        {
            figures.Add(await RunSizeAsync(options, size, output));
        }
        if (figures.Count < 2)
        {
            return;
        }
        output.WriteLine();
        output.WriteLine("== dashboard: median ms by size");
        output.WriteLine($"  {"query",-40} " + string.Join(" ", figures.Select(f => $"{f.Messages,12:N0}")) + "    ratio");
        output.WriteLine($"  {"roll-up rows",-40} " + string.Join(" ", figures.Select(f => $"{f.RollupRows,12:N0}")) +
            $" {figures[^1].RollupRows / (double)figures[0].RollupRows,8:F1}");
        for (var i = 0; i < figures[0].Queries.Count; i++)
        {
            output.WriteLine($"  {figures[0].Queries[i].Name,-40} " + string.Join(" ", figures.Select(f => $"{f.Queries[i].Median,12:F1}")) +
                $" {figures[^1].Queries[i].Median / figures[0].Queries[i].Median,8:F1}");
        }
    }

    private static async Task<SizeFigures> RunSizeAsync(BenchmarkOptions options, long messages, TextWriter output)
    {
        output.WriteLine($"== dashboard: a year of daily runs, {Campaigns} campaigns over {Segments} segments with A/B splits, " +
            $"{messages:N0} messages, {options.Customers:N0} customers, on {(options.Postgres ? "PostgreSQL" : "SQLite")}");
        var path = options.Postgres ? null : DatabasePath(options.DatabasePath, messages);
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            DeleteDatabase(path);
        }
        var portal = options.Postgres
            ? await BenchmarkPortal.OpenPostgresAsync(Environment.GetEnvironmentVariable(BenchmarkOptions.PostgresVariable)!, $"dashboard_{messages}")
            : await BenchmarkPortal.OpenAsync(path);
        try
        {
            var clock = portal.GetRequiredService<BusinessClock>();
            var today = clock.Today();
            var fill = Stopwatch.StartNew();
            await CustomerFill.FillAsync(portal, FillMethod.Raw, options.Customers, today, output);
            var campaigns = await CampaignsAsync(portal, today);
            OutcomeFillResult filled;
            await using (var scope = portal.Scope())
            {
                filled = OutcomeFill.Fill(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), clock, campaigns, Days, messages, output);
            }
            await OutcomeFill.CheckFirstMessageAsync(portal);
            output.WriteLine($"  filled {filled.Runs:N0} runs, {filled.Messages:N0} messages, {filled.Replies:N0} replies, " +
                $"{filled.Repayments:N0} repayments, {filled.Complaints:N0} complaints in {filled.Took.TotalSeconds:F1} s " +
                $"({filled.Messages / filled.Took.TotalSeconds:N0} messages/s); everything with customers and campaigns " +
                $"{fill.Elapsed.TotalSeconds:F1} s; database {await portal.SizeAsync() / 1048576.0:N0} MB");
            await AnalyzeAsync(portal, output);

            var first = await RefreshAsync(portal);
            var rollupRows = await RollupRowsAsync(portal);
            output.WriteLine($"  roll-up, first pass: {first.RunsCounted:N0} runs counted, {first.RowsWritten:N0} rows written " +
                $"in {first.Took.TotalSeconds:F1} s; {rollupRows:N0} roll-up rows, {rollupRows / (double)filled.Runs:F0} a run");

            await using (var scope = portal.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                OutcomeFill.LateOutcomes(db, clock.UtcNow(), LateOutcomes);
                OutcomeFill.OpenRun(db, clock, campaigns[0], OpenRunMessages);
            }
            var incremental = await RefreshAsync(portal);
            output.WriteLine($"  roll-up, incremental pass after {LateOutcomes:N0} late replies and payments (half each) and an open run of " +
                $"{OpenRunMessages:N0} messages: {incremental.RunsCounted:N0} runs counted, {incremental.RowsWritten:N0} rows written " +
                $"in {incremental.Took.TotalSeconds:F1} s");
            var quiet = await RefreshAsync(portal);
            output.WriteLine($"  roll-up, next pass with nothing new but the open run: {quiet.RunsCounted:N0} runs counted " +
                $"in {quiet.Took.TotalSeconds:F2} s");

            await AnalyzeAsync(portal, output);
            var queries = await MeasureAsync(portal, Cases(today, campaigns[0].Id), options.Repetitions, messages == DefaultSizes[^1] || options.ExplainAll,
                output);
            return new SizeFigures(filled.Messages, rollupRows, queries);
        }
        finally
        {
            var file = portal.DatabasePath;
            await portal.DisposeAsync();
            if (portal.IsPostgres)
            {
                output.WriteLine($"  dropped the database {file}");
            }
            if (path is not null && !options.Keep)
            {
                DeleteDatabase(file);
            }
            else if (path is not null)
            {
                output.WriteLine($"  kept {Path.GetFileName(file)}");
            }
        }
    }

    private static IReadOnlyList<DashboardCase> Cases(DateOnly today, long campaignId)
    {
        var last30Days = new DashboardFilter(today.AddDays(-29), today);
        var year = new DashboardFilter(today.AddDays(-Days), today);
        return
        [
            new("LoadAsync, last 30 days (default)", dashboard => dashboard.LoadAsync(last30Days)),
            new("LoadAsync, last 365 days", dashboard => dashboard.LoadAsync(year)),
            new("LoadAsync, one campaign, last 30 days", dashboard => dashboard.LoadAsync(last30Days with { CampaignId = campaignId })),
            new("LoadAsync, one campaign, last 365 days", dashboard => dashboard.LoadAsync(year with { CampaignId = campaignId })),
            new("AbAsync, last 30 days", dashboard => dashboard.AbAsync(last30Days)),
            new("AbAsync, last 365 days", dashboard => dashboard.AbAsync(year)),
            new("ChoicesAsync", dashboard => dashboard.ChoicesAsync()),
        ];
    }

    /// <summary>Each case once to warm up, then timed in a scope of its own per call, as each page load gets.</summary>
    private static async Task<IReadOnlyList<(string Name, double Median)>> MeasureAsync(BenchmarkPortal portal,
        IReadOnlyList<DashboardCase> cases, int repetitions, bool explain, TextWriter output)
    {
        using var log = new SqlCommandLog();
        var results = new List<(string Name, double Median, double Max, IReadOnlyList<SqlStatement> Statements)>();
        foreach (var dashboardCase in cases)
        {
            var times = new List<double>();
            IReadOnlyList<SqlStatement> statements = [];
            for (var i = 0; i <= repetitions; i++)
            {
                await using var scope = portal.Scope();
                var dashboard = scope.ServiceProvider.GetRequiredService<OutcomeDashboard>();
                log.Take();
                var clock = Stopwatch.StartNew();
                await dashboardCase.Run(dashboard);
                clock.Stop();
                statements = log.Take();
                if (i > 0)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            results.Add((dashboardCase.Name, Statistics.Median(times), times.Max(), statements));
        }
        output.WriteLine($"  {repetitions} timed calls per query after one warm-up");
        output.WriteLine($"  {"query",-40} {"median ms",10} {"max ms",8} {"statements",11}");
        foreach (var (name, median, max, statements) in results)
        {
            output.WriteLine($"  {name,-40} {median,10:F1} {max,8:F1} {statements.Count,11}");
        }
        if (explain)
        {
            var slowest = results.MaxBy(r => r.Median);
            output.WriteLine();
            output.WriteLine($"  query plan of \"{slowest.Name}\" (median {slowest.Median:F1} ms):");
            await CustomerListBenchmark.ExplainAsync(portal, slowest.Statements, output);
        }
        return results.Select(r => (r.Name, r.Median)).ToList();
    }

    /// <summary>
    /// PostgreSQL's statistics for every table, as autovacuum would gather them in time (a fill of
    /// millions of rows in minutes outruns it); the planner's choices depend on them. Nothing on SQLite,
    /// as before.
    /// </summary>
    private static async Task AnalyzeAsync(BenchmarkPortal portal, TextWriter output)
    {
        if (!portal.IsPostgres)
        {
            return;
        }
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stopwatch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        output.WriteLine($"  ANALYZE in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The server's version and the settings the figures depend on.</summary>
    private static async Task PrintServerAsync(TextWriter output)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(BenchmarkOptions.PostgresVariable));
        await connection.OpenAsync();
        string[] settings = ["server_version", "shared_buffers", "work_mem", "maintenance_work_mem", "effective_cache_size",
            "max_parallel_workers_per_gather", "jit", "fsync", "synchronous_commit", "full_page_writes"];
        var values = new List<string>();
        foreach (var setting in settings)
        {
            await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
            values.Add($"{setting} {await show.ExecuteScalarAsync()}");
        }
        output.WriteLine($"-- PostgreSQL: {string.Join(", ", values)}");
    }

    private static async Task<RollupPass> RefreshAsync(BenchmarkPortal portal)
    {
        await using var scope = portal.Scope();
        return await scope.ServiceProvider.GetRequiredService<OutcomeRollups>().RefreshAsync();
    }

    private static async Task<long> RollupRowsAsync(BenchmarkPortal portal)
    {
        await using var scope = portal.Scope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutcomeRollups.LongCountAsync();
    }

    /// <summary>The first demo segments with both their tones approved (A and B), and the campaigns over all of them.</summary>
    private static async Task<IReadOnlyList<FilledCampaign>> CampaignsAsync(BenchmarkPortal portal, DateOnly today)
    {
        var plan = await CampaignRunBenchmark.ApprovedSegmentsAsync(portal, DemoSegments.All.Take(Segments), withVariantB: true);
        var ids = new List<long>();
        for (var i = 1; i <= Campaigns; i++)
        {
            ids.Add(await CampaignRunBenchmark.ApprovedCampaignAsync(portal, $"benchmark {i}", plan, today));
        }
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tones = await db.TemplateVersions.Join(db.MessageTemplates, v => v.TemplateId, t => t.Id, (v, t) => new { v.Id, t.Tone })
            .ToDictionaryAsync(v => v.Id, v => (int)v.Tone);
        var segments = plan.Select(s => new FilledSegment(s.SegmentId, s.VersionAId, tones[s.VersionAId], s.VersionBId,
            s.VersionBId is { } b ? tones[b] : 0)).ToList();
        var revisions = await db.Campaigns.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Revision);
        return ids.Select(id => new FilledCampaign(id, revisions[id], segments)).ToList();
    }

    /// <summary>The file for one size: the given path with the size before its extension, or null for a temporary file.</summary>
    private static string? DatabasePath(string? given, long messages) => given is null
        ? null
        : Path.Combine(Path.GetDirectoryName(given)!, $"{Path.GetFileNameWithoutExtension(given)}-{messages}{Path.GetExtension(given)}");

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
