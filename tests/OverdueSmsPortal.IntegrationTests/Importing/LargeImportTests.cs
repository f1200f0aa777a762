using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Infrastructure.Importing;
using OverdueSmsPortal.IntegrationTests.Support;
using Xunit.Abstractions;

namespace OverdueSmsPortal.IntegrationTests.Importing;

/// <summary>
/// Measures what the import keeps alive: the live managed heap, after a full collection, above what
/// was alive when it began. The heap without a collection counts garbage too, of this test and of
/// whatever else the process ran; on PostgreSQL under the full suite that alone passed the bound. It
/// runs alone, after the parallel tests, so that no other test's live objects come and go meanwhile.
/// </summary>
[CollectionDefinition(nameof(LargeImportTests), DisableParallelization = true)]
[Collection(nameof(LargeImportTests))]
public sealed class LargeImportTests(ITestOutputHelper output) : DatabaseTest
{
    private const int Rows = 100_000;
    /// <summary>About 3 MB is what the import keeps; the file's 100,000 customers held at once would take several times this.</summary>
    private const long MemoryBound = 50L * 1024 * 1024;

    [Fact]
    public async Task A_hundred_thousand_row_file_imports_completely_in_batches_with_bounded_memory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-large-import-{Guid.NewGuid():N}.csv");
        try
        {
            await WriteCustomersAsync(path, Rows);
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peakMemory = 0;
            var progress = new RecordingProgress<ImportProgress>(_ =>
                peakMemory = Math.Max(peakMemory, GC.GetTotalMemory(forceFullCollection: true) - baseline));
            var stopwatch = Stopwatch.StartNew();

            ImportReport report;
            await using (var file = File.OpenRead(path))
            {
                report = await Portal.Service<CustomerImporter>()
                    .ImportAsync(file, ImportFormat.Csv, "large.csv", "ops-admin", progress);
            }

            output.WriteLine($"{Rows} rows in {stopwatch.Elapsed.TotalSeconds:F1} s, peak live managed memory {peakMemory / 1024 / 1024} MB above the {baseline / 1024 / 1024} MB before, {progress.Reports.Count} progress reports");
            ImportAssert.Counts(report, rowsRead: Rows, inserted: Rows, updated: 0, rejected: 0);
            Assert.Equal(Rows, await Portal.QueryAsync(db => db.Customers.CountAsync()));
            Assert.InRange(peakMemory, 0, MemoryBound);
            Assert.True(progress.Reports.Count > 100, $"progress was reported {progress.Reports.Count} times");
            Assert.Equal(progress.Reports.Select(p => p.RowsRead).Order(), progress.Reports.Select(p => p.RowsRead));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the file line by line: it is never held in memory, as an uploaded file is not.</summary>
    private static async Task WriteCustomersAsync(string path, int count)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync(ImportFiles.TemplateHeader);
        for (var i = 1; i <= count; i++)
        {
            var phone = "+86138" + i.ToString("D8", CultureInfo.InvariantCulture);
            var amount = (100 + i % 50_000).ToString(CultureInfo.InvariantCulture) + ".50";
            var dueDate = new DateOnly(2026, 11, 24).AddDays(-(i % 120)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(
                $"CC{i:D8},王小明,先生,{phone},salaried,credit_card,广东,Asia/Shanghai,{amount},10.00,{dueDate},0.0005,15");
        }
    }
}
