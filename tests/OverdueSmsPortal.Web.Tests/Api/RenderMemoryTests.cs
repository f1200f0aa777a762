using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OverdueSmsPortal.Tests.Shared;
using OverdueSmsPortal.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace OverdueSmsPortal.Web.Tests.Api;

/// <summary>Runs alone, so that the memory it measures is the portal's answering these requests and nothing else's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "memory measurement";
}

/// <summary>
/// The portal's memory while an attacker calls the render API with amplifying templates: before the
/// render limits, one such call took the portal to 15.9 GB. The portal is hosted in this test process,
/// so the process's working set is an upper bound of the portal's; it is sampled every few milliseconds
/// while the calls run, and printed with the bytes the process allocated.
/// </summary>
[Collection(MemoryMeasurement.Name)]
public sealed class RenderMemoryTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private const int Calls = 100;
    private const long Bound = 1L << 30;

    [Fact]
    public async Task The_portal_stays_under_1_GB_while_an_attacker_renders_amplifying_templates_100_times()
    {
        using var client = factory.CreateApiClient();
        var attacks = TemplateAttacks.Bodies.Values.ToList();
        // The first call starts the host; its memory is the portal's, not the attack's.
        Assert.Equal(HttpStatusCode.BadRequest, (await RenderAsync(client, TemplateAttacks.AppendDoubling)).Status);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5, CancellationToken.None);
            }
        });
        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < Calls; i++)
        {
            statuses.Add((await RenderAsync(client, attacks[i % attacks.Count])).Status);
        }

        var took = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        peak = Math.Max(peak, process.WorkingSet64);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"{Calls} renders of {attacks.Count} amplifying templates in {took.TotalSeconds:0.00} s");
        output.WriteLine($"working set before {Mb(before)}, peak while rendering {Mb(peak)} (bound {Mb(Bound)}), " +
                         $"process peak since start {Mb(process.PeakWorkingSet64)}");
        output.WriteLine($"allocated while rendering {Mb(allocated)} in all, {allocated / Calls / 1024.0:0.0} KB a call; GC heap now {Mb(GC.GetTotalMemory(false))}");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.BadRequest, status));
        // The test host is one process with every test before this one: on the PostgreSQL pass it already held
        // about 1 GB. What the renders may cost is the growth while they ran, not the host's own size.
        Assert.True(peak - before < Bound, $"working set grew from {Mb(before)} to {Mb(peak)}");
        Assert.True(allocated < Bound, $"allocated {Mb(allocated)}");
    }

    private static async Task<(HttpStatusCode Status, string Text)> RenderAsync(HttpClient client, string body)
    {
        var request = new JsonObject { ["body"] = body, ["stage"] = "overdue_8_15", ["tone"] = "firm" };
        var response = await client.PostAsync("/api/v1/templates/render", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):0.0} MB";
}
