using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>
/// The outcome fill on PostgreSQL: the same rows as the SQLite writer's SQL makes (see
/// <see cref="OutcomeFill"/>), drawn here in C# from the message id by the same formulas and written
/// with binary COPY, in the model's columns and stored forms (<see cref="ModelColumns"/>). Runs,
/// messages and outcomes are queued and written at each commit: the runs first (the messages refer
/// to them), then the messages, each one's outcomes collected on the way, then those. The rows are
/// right by construction, so the fill's session skips the foreign keys' checks
/// (<c>session_replication_role = replica</c>, as pg_restore's --disable-triggers does): at millions
/// of rows they would be most of PostgreSQL's work. The first message is read back through EF.
/// </summary>
internal sealed class PostgresOutcomeWriter : IOutcomeWriter
{
    private const string Body = OutcomeFill.Body;

    private readonly NpgsqlConnection connection;
    private readonly IReadOnlyList<FilledSegment> segments;
    private readonly (string Phone, LoanProduct Product)[] customers;
    private readonly ModelColumns runColumns;
    private readonly ModelColumns messageColumns;
    private readonly ModelColumns replyColumns;
    private readonly ModelColumns repaymentColumns;
    private readonly ModelColumns complaintColumns;
    private readonly List<object?[]> runs = [];
    private readonly List<Action<PostgresCopy>> messages = [];
    private readonly List<object?[]> replies = [];
    private readonly List<object?[]> repayments = [];
    private readonly List<object?[]> complaints = [];
    private NpgsqlTransaction transaction;

    public PostgresOutcomeWriter(PortalDbContext db, IReadOnlyList<FilledSegment> segments)
    {
        connection = (NpgsqlConnection)db.Database.GetDbConnection();
        this.segments = segments;
        // Customers are numbered 1..N by the customer fill: index 0 is customer 1.
        customers = segments.Count == 0
            ? []
            : db.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => new ValueTuple<string, LoanProduct>(c.Phone, c.Product)).ToArray();
        runColumns = ModelColumns.Of<CampaignRun>(db, OutcomeFill.RunColumns);
        messageColumns = ModelColumns.Of<OutboxMessage>(db, OutcomeFill.MessageColumns);
        replyColumns = ModelColumns.Of<InboundReply>(db, OutcomeFill.ReplyColumns);
        repaymentColumns = ModelColumns.Of<Repayment>(db, OutcomeFill.RepaymentColumns);
        complaintColumns = ModelColumns.Of<Complaint>(db, OutcomeFill.ComplaintColumns);
        CustomerFill.Scalar(connection, "SET session_replication_role = replica");
        transaction = connection.BeginTransaction();
    }

    public long Rows { get; private set; }

    public void Run(long id, FilledCampaign campaign, DateTimeOffset scheduledFor, DateTimeOffset endsAt, int planned, RunStatus status)
    {
        runs.Add([id, campaign.Id, campaign.Revision, scheduledFor, scheduledFor, endsAt,
            status == RunStatus.Completed ? endsAt : null, scheduledFor.AddMinutes(1), planned, 0L, 0, status]);
        Rows++;
    }

    public void Messages(long runId, long campaignId, long firstMessageId, int size, long customerOffset, int customerCount, DateOnly day,
        DateTimeOffset scheduledFor, DateTimeOffset endsAt, bool open)
    {
        messages.Add(copy =>
        {
            for (var i = 0; i < size; i++)
            {
                Message(copy, runId, campaignId, firstMessageId + i, 1 + (customerOffset + i) % customerCount, day, scheduledFor, endsAt, open);
            }
        });
        Rows += size;
    }

    public void Reply(long messageId, long customerId, string phone, DateTimeOffset receivedAt, bool optedOut)
    {
        replies.Add([optedOut ? ReplyCategory.OptOut : ReplyCategory.PromiseToPay, customerId, messageId, optedOut, phone, receivedAt,
            "kannel", optedOut ? "TD" : "明天还"]);
        Rows++;
    }

    public void Repayment(long messageId, long customerId, DateTimeOffset paidAt, long fen)
    {
        repayments.Add([fen, messageId, customerId, paidAt, $"L{messageId}", paidAt.AddMinutes(5), "api"]);
        Rows++;
    }

    public void Commit(bool more = true)
    {
        Write(runColumns, runs);
        if (messages.Count > 0)
        {
            using var copy = messageColumns.Copy(connection);
            messages.ForEach(write => write(copy));
            copy.Complete();
            messages.Clear();
        }
        Write(replyColumns, replies);
        Write(repaymentColumns, repayments);
        Write(complaintColumns, complaints);
        // The runs and messages carry their ids: the identity columns go on after them, as the portal's inserts need.
        foreach (var table in new[] { runColumns.Table, messageColumns.Table })
        {
            CustomerFill.Scalar(connection, $"""
                SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), GREATEST(1, (SELECT MAX("Id") FROM "{table}")))
                """);
        }
        transaction.Commit();
        transaction.Dispose();
        Rows = 0;
        if (more)
        {
            transaction = connection.BeginTransaction();
        }
    }

    public void Dispose()
    {
        transaction.Dispose();
        CustomerFill.Scalar(connection, "SET session_replication_role = DEFAULT");
    }

    private void Write(ModelColumns columns, List<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        using var copy = columns.Copy(connection);
        rows.ForEach(copy.Row);
        copy.Complete();
        rows.Clear();
    }

    /// <summary>One message and the outcomes that come of it, by the SQLite writer's formulas.</summary>
    private void Message(PostgresCopy copy, long runId, long campaignId, long id, long customerId, DateOnly day, DateTimeOffset scheduledFor,
        DateTimeOffset endsAt, bool open)
    {
        var (phone, product) = customers[customerId - 1];
        var segment = segments[(int)(customerId % segments.Count)];
        var variant = segment.VersionB is not null && (customerId * 2246822519 + campaignId * 3266489917) % 100 < 50 ? Variant.B : Variant.A;
        var versionId = variant == Variant.B ? segment.VersionB!.Value : segment.VersionA;
        var tone = variant == Variant.B ? segment.ToneB : segment.ToneA;
        var d = id * 2654435761 % 10000;
        var o = id * 48271 % 2147483647;
        var status = open ? (d % 2 == 0 ? MessageStatus.Waiting : MessageStatus.Sent)
            : d < 500 ? MessageStatus.Suppressed
            : d < 800 ? MessageStatus.Failed
            : d < 1000 ? MessageStatus.Expired
            : d < 1450 ? MessageStatus.Failed
            : d < 1720 ? MessageStatus.Expired
            : MessageStatus.Delivered;
        var sent = open ? d % 2 == 1 : d >= 1000;
        DeliveryStatus? report = open ? null : d is >= 1000 and < 1450 ? DeliveryStatus.Failed : d >= 1720 ? DeliveryStatus.Delivered : null;
        var sentAt = scheduledFor.AddMilliseconds(o % 3_600_000);
        var reportedAt = sentAt.AddMilliseconds(5000 + o / 7 % 120_000);
        var failure = status == MessageStatus.Failed && !sent ? FailureReasons.GatewayRejected
            : status == MessageStatus.Failed ? FailureReasons.Undelivered
            : status == MessageStatus.Expired && sent ? FailureReasons.NoDeliveryReport
            : null;
        DateTimeOffset? finishedAt = status switch
        {
            MessageStatus.Waiting or MessageStatus.Sent => null,
            MessageStatus.Suppressed => scheduledFor,
            MessageStatus.Expired => endsAt,
            _ => report is null ? sentAt : reportedAt,
        };
        copy.Row(id, runId, campaignId, customerId, segment.SegmentId, versionId, variant, tone,
            OutcomeFill.Regions[customerId % OutcomeFill.Regions.Length], product, Body, versionId.ToString("x32", CultureInfo.InvariantCulture), 1, day, status,
            status == MessageStatus.Suppressed ? 1 + d % 9 : null, failure, scheduledFor, sent ? 1 : 0,
            sent ? phone : null, sent ? $"g{id}" : null, scheduledFor, sent ? sentAt : null, report is null ? null : reportedAt,
            report == DeliveryStatus.Delivered ? reportedAt : null, report, finishedAt);
        if (open)
        {
            return;
        }
        if (status == MessageStatus.Delivered && o / 11 % 1000 < 30)
        {
            var optedOut = o % 6 == 0;
            replies.Add([optedOut ? ReplyCategory.OptOut : ReplyCategory.PromiseToPay, customerId, id, optedOut, phone,
                reportedAt.AddHours(1 + o % 47), "kannel", optedOut ? "TD" : "明天还"]);
        }
        if (sent && o / 17 % 1000 < 40)
        {
            repayments.Add([20000 + o / 13 % 1_000_000, id, customerId, sentAt.AddHours(2 + o % 70), $"P{id}", sentAt.AddHours(3 + o % 70),
                "api"]);
        }
        if (sent && o / 19 % 10000 < 5)
        {
            complaints.Add([1, sentAt.AddDays(4), "benchmark", customerId, false, id, sentAt.AddDays(1), sentAt.AddDays(1), "benchmark",
                1 + o % 3, 2, 3, "频繁催收"]);
        }
    }
}
