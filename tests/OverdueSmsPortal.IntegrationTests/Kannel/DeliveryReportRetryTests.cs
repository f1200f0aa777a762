using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.IntegrationTests.Support;
using OverdueSmsPortal.Tests.Shared;
using Xunit.Abstractions;
using static OverdueSmsPortal.IntegrationTests.Kannel.KannelPortal;

namespace OverdueSmsPortal.IntegrationTests.Kannel;

/// <summary>
/// The portal cannot store delivery reports for 30 seconds (the table is locked, each callback answers
/// 503): Kannel keeps every refused report and calls again, as its smsbox is set to, and once the lock
/// is gone every report is recorded and every message is delivered. Nothing is lost to a short outage.
/// </summary>
[Collection(KannelCollection.Name)]
public sealed class DeliveryReportRetryTests(ITestOutputHelper output)
{
    private const int Customers = 5;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [PostgresOnlyFact("only PostgreSQL can lock the delivery reports alone and let the messages leave; SQLite has one writer for everything")]
    public async Task Delivery_reports_refused_for_30_seconds_are_all_recorded_once_the_database_takes_them_again()
    {
        await using var kannel = await PrepareAsync(output, throughputPerSecond: 20);
        await kannel.RunAsync(async () =>
        {
            var db = kannel.Database;
            // A write that meets the lock gives up after 2 s, so each callback answers 503 quickly.
            await using var locker = new NpgsqlConnection(db.Store.ConnectionString);
            await locker.OpenAsync();
            await ExecuteAsync(locker, """
                DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET lock_timeout = %L', current_database(), '2s'); END $$
                """);
            var segment = await db.GivenReadySegmentAsync();
            var customers = await kannel.GivenCustomersAsync("DL", Customers, "浙江", firstNumber: 1);
            var campaign = await kannel.GivenCampaignDueNowAsync(segment, "十二月提醒", throughputPerSecond: 20);

            // Delivery reports cannot be written from now on; the messages themselves can leave.
            await using var outage = await locker.BeginTransactionAsync();
            await ExecuteAsync(locker, """LOCK TABLE "DeliveryEvents" IN SHARE ROW EXCLUSIVE MODE""", outage);
            var lockedAt = Stopwatch.StartNew();
            await kannel.Portal.StartAsync();

            await kannel.WaitForPhonesAsync(Customers);
            await Eventually.WaitAsync("delivery reports refused", () => Task.FromResult(Refusals(kannel)), n => n >= Customers, Deadline, output);
            var remaining = Outage - lockedAt.Elapsed;
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining);
            }
            var during = await db.QueryAsync(q => q.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == campaign.Id).ToListAsync());
            output.WriteLine($"after {lockedAt.Elapsed.TotalSeconds:0} s of refusals: {Refusals(kannel)} refused callbacks; " +
                             string.Join(", ", during.GroupBy(m => m.Status).Select(g => $"{g.Key} {g.Count()}")));
            Assert.All(during, m => Assert.Equal(MessageStatus.Sent, m.Status));

            await outage.CommitAsync();

            var delivered = await kannel.WaitForMessagesAsync("every message delivered after the outage", campaign.Id,
                messages => messages.Count == Customers && messages.All(m => m.Status == MessageStatus.Delivered));
            var reported = await db.QueryAsync(q => q.DeliveryEvents.AsNoTracking()
                .Where(e => e.Status == DeliveryStatus.Delivered).Select(e => e.MessageId).ToListAsync());
            Assert.Equal(delivered.Select(m => m.Id).Order(), reported.Order());
            Assert.Equal(customers.Select(c => c.Id).Order(), delivered.Select(m => m.CustomerId).Order());
        });
    }

    /// <summary>Callbacks the portal answered 503 because it could not store them.</summary>
    private static int Refusals(KannelPortal kannel) =>
        kannel.Portal.Output.Count(line => line.Contains("callback could not be stored", StringComparison.Ordinal));

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }
}
