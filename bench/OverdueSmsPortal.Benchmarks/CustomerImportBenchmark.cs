using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// Imports CSV files through <see cref="CustomerImporter"/> and reports throughput and memory:
/// a valid file into an empty database, the valid file again over it (every row an update), and a
/// file with 10% invalid rows into another empty database. A small import into a throwaway
/// database warms the process up first.
/// </summary>
internal static class CustomerImportBenchmark
{
    private const int InvalidEvery = 10;
    private const int WarmUpRows = 2_000;

    private sealed record ImportRun(string Name, ImportReport Report, TimeSpan Elapsed, MemorySampler Memory);

    public static async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        output.WriteLine($"== import: CustomerImporter, CSV files of {options.ImportRows:N0} rows");
        var validFile = Path.Combine(Path.GetTempPath(), $"overdue-sms-bench-{Guid.NewGuid():N}.csv");
        var mixedFile = Path.Combine(Path.GetTempPath(), $"overdue-sms-bench-{Guid.NewGuid():N}.csv");
        try
        {
            var runs = new List<ImportRun>();
            await using (var portal = await BenchmarkPortal.OpenAsync())
            {
                // The first import in a process also pays for JIT compilation and for loading the phone
                // number metadata. The portal pays that once per start: do it before timing.
                var today = portal.GetRequiredService<BusinessClock>().Today();
                ImportFile.Write(validFile, WarmUpRows, today);
                await ImportAsync(portal, "warm-up", validFile);
            }
            await using (var portal = await BenchmarkPortal.OpenAsync())
            {
                var today = portal.GetRequiredService<BusinessClock>().Today();
                ImportFile.Write(validFile, options.ImportRows, today);
                ImportFile.Write(mixedFile, options.ImportRows, today, InvalidEvery);
                output.WriteLine($"  files: {new FileInfo(validFile).Length / 1e6:F1} MB valid, {new FileInfo(mixedFile).Length / 1e6:F1} MB with 10% invalid rows");
                runs.Add(await ImportAsync(portal, "valid rows, empty database", validFile));
                runs.Add(await ImportAsync(portal, "re-import, every row an update", validFile));
            }
            await using (var portal = await BenchmarkPortal.OpenAsync())
            {
                runs.Add(await ImportAsync(portal, "10% invalid rows, empty database", mixedFile));
            }

            output.WriteLine();
            output.WriteLine("  memory in MB: GC heap = peak GC.GetTotalMemory(false) during the run, working set = peak sampled " +
                "during the run,\n  process peak = Process.PeakWorkingSet64 after the run (since the process started)");
            output.WriteLine($"  {"run",-34} {"read",8} {"inserted",9} {"updated",8} {"rejected",9} {"seconds",8} {"rows/s",8} " +
                $"{"GC heap",8} {"work set",9} {"proc peak",10}");
            foreach (var run in runs)
            {
                var r = run.Report;
                var seconds = run.Elapsed.TotalSeconds;
                output.WriteLine($"  {run.Name,-34} {r.RowsRead,8:N0} {r.Inserted,9:N0} {r.Updated,8:N0} {r.RejectedRows,9:N0} " +
                    $"{seconds,8:F1} {r.RowsRead / seconds,8:N0} {Megabytes(run.Memory.PeakGcHeap),8:N0} " +
                    $"{Megabytes(run.Memory.PeakWorkingSet),9:N0} {Megabytes(run.Memory.ProcessPeakWorkingSet),10:N0}");
            }
            foreach (var run in runs.Where(r => r.Report.Errors.Count > 0))
            {
                output.WriteLine($"  rejections of \"{run.Name}\": " + string.Join(", ", run.Report.Errors
                    .GroupBy(e => e.Code).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}")) +
                    (run.Report.UnlistedErrors > 0 ? $", {run.Report.UnlistedErrors:N0} more not listed" : ""));
            }
            output.WriteLine($"  before the first run: GC heap {Megabytes(runs[0].Memory.StartGcHeap):N0} MB, " +
                $"working set {Megabytes(runs[0].Memory.StartWorkingSet):N0} MB");
        }
        finally
        {
            File.Delete(validFile);
            File.Delete(mixedFile);
        }
    }

    private static async Task<ImportRun> ImportAsync(BenchmarkPortal portal, string name, string path)
    {
        await using var scope = portal.Scope();
        var importer = scope.ServiceProvider.GetRequiredService<CustomerImporter>();
        var memory = new MemorySampler();
        var stopwatch = Stopwatch.StartNew();
        ImportReport report;
        await using (var file = File.OpenRead(path))
        {
            report = await importer.ImportAsync(file, ImportFormat.Csv, Path.GetFileName(path), "benchmark", memory);
        }
        stopwatch.Stop();
        memory.Finish();
        if (report.FileError is not null)
        {
            throw new InvalidOperationException($"The import refused the file: {report.FileError}");
        }
        return new ImportRun(name, report, stopwatch.Elapsed, memory);
    }

    private static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);

    /// <summary>Samples memory each time the importer reports progress (after every batch).</summary>
    private sealed class MemorySampler : IProgress<ImportProgress>
    {
        private readonly Process process = Process.GetCurrentProcess();

        public MemorySampler()
        {
            // Start from a collected heap, so the figures are the import's and not the previous run's garbage.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            StartGcHeap = GC.GetTotalMemory(true);
            process.Refresh();
            StartWorkingSet = process.WorkingSet64;
        }

        public long StartGcHeap { get; }
        public long StartWorkingSet { get; }
        public long PeakGcHeap { get; private set; }
        public long PeakWorkingSet { get; private set; }
        public long ProcessPeakWorkingSet { get; private set; }

        public void Report(ImportProgress value)
        {
            PeakGcHeap = Math.Max(PeakGcHeap, GC.GetTotalMemory(false));
            process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
        }

        public void Finish()
        {
            process.Refresh();
            ProcessPeakWorkingSet = process.PeakWorkingSet64;
        }
    }
}
