using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.IntegrationTests.Support;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Support.CampaignSetup;

namespace OverdueSmsPortal.IntegrationTests.Campaigns;

/// <summary>
/// The portal process is killed (SIGKILL, no shutdown) twice during a 20,000-message run on the
/// development gateway and started again each time. Afterwards every customer has exactly one planned
/// message, every message is in a final state, and the gateway received each customer once.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : KilledPortalTest("crash", output)
{
    private const int Customers = 20_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);


    [Fact]
    public async Task A_run_killed_twice_resumes_without_losing_or_doubling_a_message()
    {
        await PrepareAsync();
        using var portal = NewPortal(new Dictionary<string, string?> { ["Portal:Demo:Seed"] = "false" });
        await WithPortalAsync(portal, async () =>
        {
            await portal.StartAsync();
            // First kill: as soon as planning has written a few batches (it may already be sending).
            await WaitUntilAsync("3,000 messages planned", () => CountAsync("SELECT COUNT(*) FROM \"OutboxMessages\""), n => n >= 3_000);
            portal.Kill();
            Output.WriteLine($"killed after {await CountAsync("SELECT COUNT(*) FROM \"OutboxMessages\"")} planned, " +
                             $"{await CountAsync("SELECT COUNT(*) FROM \"DevelopmentGatewayMessages\"")} handed over");

            await portal.StartAsync();
            // Second kill: in the middle of sending.
            await WaitUntilAsync("8,000 messages handed over", () => CountAsync("SELECT COUNT(*) FROM \"DevelopmentGatewayMessages\""), n => n >= 8_000);
            portal.Kill();
            Output.WriteLine($"killed after {await CountAsync("SELECT COUNT(*) FROM \"DevelopmentGatewayMessages\"")} handed over");

            await portal.StartAsync();
            await Eventually.WaitAsync("every message planned and final", async () => (
                    Planned: await CountAsync("SELECT COUNT(*) FROM \"OutboxMessages\""),
                    Unfinished: await CountAsync(
                        $"SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" IN ({(int)MessageStatus.Waiting}, {(int)MessageStatus.Sending}, {(int)MessageStatus.Sent})")),
                n => n.Planned == Customers && n.Unfinished == 0, Deadline, Output);
        });

        // No planned message lost, none planned twice: one per customer.
        Assert.Equal(Customers, await CountAsync("SELECT COUNT(*) FROM \"OutboxMessages\""));
        Assert.Equal(Customers, await CountAsync("SELECT COUNT(DISTINCT \"CustomerId\") FROM \"OutboxMessages\""));
        // Each ended in exactly one final state: all of these customers could be reached, so delivered.
        Assert.Equal(Customers, await CountAsync($"SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" = {(int)MessageStatus.Delivered}"));
        // No customer received anything twice, and nothing reached the gateway that the outbox does not know.
        Assert.Equal(Customers, await CountAsync("SELECT COUNT(*) FROM \"DevelopmentGatewayMessages\""));
        Assert.Equal(Customers, await CountAsync("SELECT COUNT(DISTINCT \"Phone\") FROM \"DevelopmentGatewayMessages\""));
        Assert.Equal(0, await CountAsync(
            "SELECT COUNT(*) FROM \"DevelopmentGatewayMessages\" g WHERE NOT EXISTS (SELECT 1 FROM \"OutboxMessages\" m WHERE m.\"Id\" = g.\"MessageId\")"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM \"CampaignRuns\" WHERE \"Status\" = {(int)RunStatus.Completed}"));
    }

    /// <summary>
    /// A database with an approved one-off campaign due now over 20,000 customers, in a time zone
    /// where it is day, so that the contact hours let everything leave whenever the test runs.
    /// </summary>
    private async Task PrepareAsync()
    {
        await using var setup = PortalDatabase.Over(Store, now: DateTimeOffset.UtcNow);
        await setup.QueryAsync(db => db.Database.MigrateAsync());
        await setup.SeedLadderAndWordListsAsync();
        var ready = await setup.GivenReadySegmentAsync();
        await setup.GivenCustomersInDaylightAsync("CR", Customers);
        await setup.GivenActiveCampaignAsync(PlanDueNow(setup.Service<BusinessClock>(), ready, throughputPerSecond: 1000));
    }

    private Task WaitUntilAsync(string what, Func<Task<long>> measure, Func<long, bool> done) =>
        Eventually.WaitAsync(what, measure, done, Deadline, Output);
}
