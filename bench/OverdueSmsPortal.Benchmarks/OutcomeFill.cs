using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Benchmarks;

/// <summary>A campaign's segments as the fill uses them: each segment's versions and their tones.</summary>
internal sealed record FilledSegment(long SegmentId, long VersionA, int ToneA, long? VersionB, int ToneB);

/// <summary>The campaigns the fill gives a year of runs, with their revision (a run records the one it ran).</summary>
internal sealed record FilledCampaign(long Id, int Revision, IReadOnlyList<FilledSegment> Segments);

/// <summary>What a fill wrote.</summary>
internal sealed record OutcomeFillResult(int Runs, long Messages, long Replies, long Repayments, long Complaints, TimeSpan Took);

/// <summary>
/// The writes of one fill, on one connection, committed every so many rows: the SQLite writer
/// (<see cref="OutcomeFill"/>) makes the rows in SQL, <see cref="PostgresOutcomeWriter"/> by COPY.
/// </summary>
internal interface IOutcomeWriter : IDisposable
{
    /// <summary>Rows written (or queued) since the last commit.</summary>
    long Rows { get; }

    void Run(long id, FilledCampaign campaign, DateTimeOffset scheduledFor, DateTimeOffset endsAt, int planned,
        RunStatus status = RunStatus.Completed);

    /// <summary>
    /// The run's messages, from message id <paramref name="firstMessageId"/> on, to the customers from
    /// position <paramref name="customerOffset"/> on, with their outcomes; an open run's are half
    /// waiting, half sent, without outcomes.
    /// </summary>
    void Messages(long runId, long campaignId, long firstMessageId, int size, long customerOffset, int customers, DateOnly day,
        DateTimeOffset scheduledFor, DateTimeOffset endsAt, bool open = false);

    void Reply(long messageId, long customerId, string phone, DateTimeOffset receivedAt, bool optedOut);

    /// <summary>A payment of <paramref name="fen"/> credited to the message.</summary>
    void Repayment(long messageId, long customerId, DateTimeOffset paidAt, long fen);

    void Commit(bool more = true);
}

/// <summary>
/// A year of finished daily runs with their messages in their final states and the outcomes that came
/// of them (replies, payments credited to messages, complaints), written in a few big transactions:
/// on SQLite by prepared INSERTs, on PostgreSQL by binary COPY (<see cref="PostgresOutcomeWriter"/>).
/// Outcomes are drawn from a hash of the message id, so a fill of a size is the same every time and on
/// either store. The columns and stored forms (on SQLite instants through EF's
/// DateTimeOffsetToBinaryConverter; money in fen, enums as integers) are those of the EF model; the
/// first message is read back through EF as a check.
/// </summary>
internal static class OutcomeFill
{
    /// <summary>A message's region is its customer's: 31 provincial regions.</summary>
    public static readonly string[] Regions =
    [
        "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
        "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
    ];

    /// <summary>The columns each writer fills, on either store.</summary>
    public static readonly string[] RunColumns = ["Id", "CampaignId", "CampaignRevision", "ScheduledFor", "StartedAt", "EndsAt",
        "FinishedAt", "PlannedAt", "Planned", "PlanAfterCustomerId", "PlanSegmentPosition", "Status"];

    public static readonly string[] MessageColumns = ["Id", "RunId", "CampaignId", "CustomerId", "SegmentId", "TemplateVersionId",
        "Variant", "Tone", "Region", "Product", "Body", "Fingerprint", "Parts", "RenderedFor", "Status", "SuppressionReason",
        "FailureReason", "DueAt", "Attempts", "Phone", "GatewayMessageId", "CreatedAt", "SentAt", "ReportedAt", "DeliveredAt",
        "DeliveryStatus", "FinishedAt"];

    public static readonly string[] ReplyColumns = ["Category", "CustomerId", "MessageId", "OptedOut", "Phone", "ReceivedAt", "Source",
        "Text"];

    public static readonly string[] RepaymentColumns = ["Amount", "CreditedMessageId", "CustomerId", "PaidAt", "PaymentId", "RecordedAt",
        "Source"];

    /// <summary>A complaint about a message is received when it is opened.</summary>
    public static readonly string[] ComplaintColumns = ["Category", "ClosedAt", "ClosedBy", "CustomerId", "HoldsCustomer", "MessageId",
        "OpenedAt", "ReceivedAt", "OpenedBy", "Severity", "Source", "Status", "Summary"];

    public const string Body = "【还款提醒】您的账单已逾期，请尽快还款。";

    private const int RowsPerTransaction = 500_000;
    private const int FillCacheKibibytes = 1024 * 1024;

    /// <summary>
    /// Indexes that take random inserts while messages arrive in id order (by customer, by phone): built
    /// after the fill from their own CREATE INDEX statement, as the migration wrote it. The others grow
    /// at their end (run, status, gateway id) and stay.
    /// </summary>
    private static readonly string[] IndexesBuiltAfterwards = ["IX_OutboxMessages_CustomerId_SentAt", "IX_OutboxMessages_Phone_SentAt"];

    private static readonly Func<DateTimeOffset, long> ToBinary = new DateTimeOffsetToBinaryConverter().ConvertToProviderExpression.Compile();

    /// <summary>An instant as EF stores it, at offset zero as the portal's clock gives them.</summary>
    private static long Stored(DateTimeOffset instant) => ToBinary(instant.ToUniversalTime());

    /// <summary>
    /// One finished run per campaign and day for the <paramref name="days"/> days before today, sharing
    /// <paramref name="messages"/> between them; each run takes consecutive customers, so none gets two
    /// messages of a run.
    /// </summary>
    public static OutcomeFillResult Fill(PortalDbContext db, BusinessClock clock, IReadOnlyList<FilledCampaign> campaigns, int days,
        long messages, TextWriter output)
    {
        var stopwatch = Stopwatch.StartNew();
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            var sqlite = connection as SqliteConnection;
            var customers = (int)Count(connection, "Customers");
            if (Max(connection, "Customers") != customers)
            {
                throw new InvalidOperationException("The customers must be numbered from 1 without gaps.");
            }
            var defaultCacheSize = sqlite is null ? null : CustomerFill.Scalar(sqlite, "PRAGMA cache_size");
            var defaultSynchronous = sqlite is null ? null : CustomerFill.Scalar(sqlite, "PRAGMA synchronous");
            if (sqlite is not null)
            {
                CustomerFill.Scalar(sqlite, $"PRAGMA cache_size = -{FillCacheKibibytes}");
                // A benchmark's fill may be lost in a crash: it is made again.
                CustomerFill.Scalar(sqlite, "PRAGMA synchronous = OFF");
            }
            var postponed = DropIndexes(connection, IndexesBuiltAfterwards);

            var today = clock.Today();
            var runs = campaigns.Count * days;
            using var writer = Writer(db, campaigns[0].Segments);
            long messageId = 0, customerOffset = 0;
            var run = 0;
            for (var day = today.AddDays(-days); day < today; day = day.AddDays(1))
            {
                foreach (var campaign in campaigns)
                {
                    var size = (int)(messages / runs + (run < messages % runs ? 1 : 0));
                    var scheduledFor = clock.ToInstant(day.ToDateTime(new TimeOnly(10, 0)));
                    var endsAt = clock.EndOf(day);
                    writer.Run(++run, campaign, scheduledFor, endsAt, size);
                    writer.Messages(run, campaign.Id, messageId + 1, size, customerOffset % customers, customers, day, scheduledFor, endsAt);
                    messageId += size;
                    customerOffset += size;
                    if (writer.Rows >= RowsPerTransaction)
                    {
                        writer.Commit();
                        output.WriteLine($"  {messageId,12:N0} messages  {stopwatch.Elapsed.TotalSeconds,7:F1} s");
                    }
                }
            }
            writer.Commit(more: false);
            var filled = stopwatch.Elapsed;
            foreach (var create in postponed)
            {
                CustomerFill.Scalar(connection, create);
            }
            output.WriteLine($"  {messageId,12:N0} messages in {filled.TotalSeconds:F1} s, " +
                $"{postponed.Count} indexes built again in {(stopwatch.Elapsed - filled).TotalSeconds:F1} s");
            if (sqlite is not null)
            {
                CustomerFill.Scalar(sqlite, $"PRAGMA synchronous = {defaultSynchronous}");
                CustomerFill.Scalar(sqlite, $"PRAGMA cache_size = {defaultCacheSize}");
                CustomerFill.Scalar(sqlite, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return new OutcomeFillResult(run, messageId, Count(connection, "InboundReplies"), Count(connection, "Repayments"),
                Count(connection, "Complaints"), stopwatch.Elapsed);
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>
    /// Outcomes that come in after a pass: <paramref name="count"/> replies and payments (half each), on
    /// delivered messages of old runs spread over the year.
    /// </summary>
    public static void LateOutcomes(PortalDbContext db, DateTimeOffset now, int count)
    {
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            var delivered = new List<(long Id, long CustomerId, string Phone)>();
            using (var query = connection.CreateCommand())
            {
                // Every n-th delivered message without a reply: the late outcomes touch runs all over the year.
                var step = Math.Max(1, Max(connection, "OutboxMessages") / (2 * count));
                // It reads through every message: seconds at 10,000,000.
                query.CommandTimeout = 0;
                query.CommandText = $"""
                    SELECT m."Id", m."CustomerId", m."Phone" FROM "OutboxMessages" m
                    WHERE m."Status" = {(int)MessageStatus.Delivered} AND m."Id" % {step} = 0
                      AND NOT EXISTS (SELECT 1 FROM "InboundReplies" r WHERE r."MessageId" = m."Id")
                    ORDER BY m."Id" LIMIT {count}
                    """;
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    delivered.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
                }
            }
            using var writer = Writer(db, []);
            for (var i = 0; i < delivered.Count; i++)
            {
                var (id, customerId, phone) = delivered[i];
                if (i % 2 == 0)
                {
                    writer.Reply(id, customerId, phone, now, optedOut: i % 10 == 0);
                }
                else
                {
                    writer.Repayment(id, customerId, now, 50_000 + id % 500_000);
                }
            }
            writer.Commit(more: false);
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>A run that is still sending: planned for today, some messages sent, the rest waiting.</summary>
    public static void OpenRun(PortalDbContext db, BusinessClock clock, FilledCampaign campaign, int size)
    {
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            var runId = Max(connection, "CampaignRuns") + 1;
            var today = clock.Today();
            var scheduledFor = clock.ToInstant(today.ToDateTime(new TimeOnly(10, 0)));
            using var writer = Writer(db, campaign.Segments);
            writer.Run(runId, campaign, scheduledFor, clock.EndOf(today), size, RunStatus.Sending);
            writer.Messages(runId, campaign.Id, Max(connection, "OutboxMessages") + 1, size, 0, (int)Count(connection, "Customers"), today,
                scheduledFor, clock.EndOf(today), open: true);
            writer.Commit(more: false);
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>Reads the first message back through EF: a fill that drifted from the mapping fails here.</summary>
    public static async Task CheckFirstMessageAsync(BenchmarkPortal portal)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var message = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).FirstAsync();
        var run = await db.CampaignRuns.AsNoTracking().SingleAsync(r => r.Id == message.RunId);
        if (message.DueAt != run.ScheduledFor || message.Region.Length == 0 || !Enum.IsDefined(message.Status)
            || !Enum.IsDefined(message.Variant) || !Enum.IsDefined(message.Tone) || message.RenderedFor == default)
        {
            throw new InvalidOperationException($"The first filled message reads back as run {message.RunId}, due {message.DueAt}, " +
                $"status {message.Status}, variant {message.Variant}, tone {message.Tone}, region {message.Region}.");
        }
    }

    /// <summary>The store's writer, on the context's open connection.</summary>
    private static IOutcomeWriter Writer(PortalDbContext db, IReadOnlyList<FilledSegment> segments) =>
        db.Database.GetDbConnection() is SqliteConnection sqlite
            ? new SqliteWriter(sqlite, segments)
            : new PostgresOutcomeWriter(db, segments);

    private static long Count(DbConnection connection, string table) =>
        (long)(CustomerFill.Scalar(connection, $"""SELECT COUNT(*) FROM "{table}" """) ?? 0L);

    private static long Max(DbConnection connection, string table) =>
        (long)(CustomerFill.Scalar(connection, $"""SELECT COALESCE(MAX("Id"), 0) FROM "{table}" """) ?? 0L);

    /// <summary>Drops the indexes and answers the statements that make them again, as the store keeps them.</summary>
    private static List<string> DropIndexes(DbConnection connection, IEnumerable<string> names)
    {
        var creates = new List<string>();
        foreach (var name in names)
        {
            using var query = connection.CreateCommand();
            query.CommandText = connection is SqliteConnection
                ? "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @name"
                : "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = @name";
            var parameter = query.CreateParameter();
            parameter.ParameterName = "@name";
            parameter.Value = name;
            query.Parameters.Add(parameter);
            var create = query.ExecuteScalar() as string
                ?? throw new InvalidOperationException($"The migrations no longer make the index {name}.");
            creates.Add(create);
            CustomerFill.Scalar(connection, $"DROP INDEX \"{name}\"");
        }
        return creates;
    }

    /// <summary>
    /// The prepared statements of one fill on SQLite, committed every so many rows. A run's
    /// messages are made inside SQLite, one INSERT … SELECT per run over its customers, and its
    /// replies, payments and complaints from its messages in three more: the fill's cost is SQLite's,
    /// not that of binding 27 parameters a row.
    /// <para>
    /// Every message gets its final state from a hash of its id, as a year of sending leaves them:
    /// 5 % suppressed, 5 % failed or expired before the gateway took them, and of the 90 % sent 92 %
    /// delivered, 5 % failed on report and 3 % without a report; 3 % of the delivered replied to
    /// (one in six an opt-out), 4 % of the sent credited with a payment, 0.5 ‰ of the sent complained
    /// about. A run's messages go to its segments by customer id, to variant B for half of each
    /// segment's customers, and carry the customer's product and one of 31 regions. Instants are
    /// stored at offset zero, where EF's binary form is 20,480 a millisecond.
    /// </para>
    /// </summary>
    private sealed class SqliteWriter : IOutcomeWriter
    {
        private const long StoredMillisecond = 20_480;

        private readonly SqliteConnection connection;
        private readonly Insert runs;
        private readonly Insert replies;
        private readonly Insert repayments;
        private readonly SqliteCommand messages;
        private readonly SqliteCommand[] outcomes;
        private SqliteTransaction transaction;

        public SqliteWriter(SqliteConnection connection, IReadOnlyList<FilledSegment> segments)
        {
            this.connection = connection;
            Segments(connection, segments);
            transaction = connection.BeginTransaction();
            runs = new Insert(connection, "CampaignRuns", RunColumns);
            replies = new Insert(connection, "InboundReplies", ReplyColumns);
            repayments = new Insert(connection, "Repayments", RepaymentColumns);
            messages = Command(MessagesSql);
            outcomes = [Command(RepliesSql), Command(RepaymentsSql), Command(ComplaintsSql)];
            Enlist();
        }

        public long Rows { get; private set; }

        public void Run(long id, FilledCampaign campaign, DateTimeOffset scheduledFor, DateTimeOffset endsAt, int planned,
            RunStatus status)
        {
            var finished = status == RunStatus.Completed;
            runs.Execute(id, campaign.Id, campaign.Revision, Stored(scheduledFor), Stored(scheduledFor), Stored(endsAt),
                finished ? Stored(endsAt) : null, Stored(scheduledFor.AddMinutes(1)), planned, 0L, 0, (int)status);
            Rows++;
        }

        public void Messages(long runId, long campaignId, long firstMessageId, int size, long customerOffset, int customers, DateOnly day,
            DateTimeOffset scheduledFor, DateTimeOffset endsAt, bool open)
        {
            Bind(messages, ("$run", runId), ("$campaign", campaignId), ("$first", firstMessageId), ("$size", size),
                ("$offset", customerOffset), ("$customers", customers), ("$day", day), ("$scheduled", Stored(scheduledFor)),
                ("$ends", Stored(endsAt)), ("$open", open), ("$ms", StoredMillisecond), ("$body", Body));
            Rows += messages.ExecuteNonQuery();
            if (open)
            {
                return;
            }
            foreach (var outcome in outcomes)
            {
                Bind(outcome, ("$run", runId), ("$ms", StoredMillisecond));
                Rows += outcome.ExecuteNonQuery();
            }
        }

        public void Reply(long messageId, long customerId, string phone, DateTimeOffset receivedAt, bool optedOut)
        {
            replies.Execute(optedOut ? (int)ReplyCategory.OptOut : (int)ReplyCategory.PromiseToPay, customerId, messageId,
                optedOut, phone, Stored(receivedAt), "kannel", optedOut ? "TD" : "明天还");
            Rows++;
        }

        public void Repayment(long messageId, long customerId, DateTimeOffset paidAt, long fen)
        {
            // The fill's payments are P + the message id; a late one is L + it.
            repayments.Execute(fen, messageId, customerId, Stored(paidAt), $"L{messageId}", Stored(paidAt.AddMinutes(5)), "api");
            Rows++;
        }

        public void Commit(bool more)
        {
            transaction.Commit();
            transaction.Dispose();
            Rows = 0;
            if (more)
            {
                transaction = connection.BeginTransaction();
                Enlist();
            }
        }

        public void Dispose() => transaction.Dispose();

        private SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        private static void Bind(SqliteCommand command, params (string Name, object Value)[] values)
        {
            foreach (var (name, value) in values)
            {
                if (command.Parameters.Contains(name))
                {
                    command.Parameters[name].Value = value;
                }
                else if (command.CommandText.Contains(name, StringComparison.Ordinal))
                {
                    command.Parameters.AddWithValue(name, value);
                }
            }
        }

        private void Enlist()
        {
            foreach (var command in new[] { runs.Command, replies.Command, repayments.Command, messages }.Concat(outcomes))
            {
                command.Transaction = transaction;
            }
        }

        /// <summary>The campaign's segments by position, and the regions, as tables the message SQL joins.</summary>
        private static void Segments(SqliteConnection connection, IReadOnlyList<FilledSegment> segments)
        {
            CustomerFill.Scalar(connection, """
                CREATE TEMP TABLE IF NOT EXISTS "FillSegments" ("K" INTEGER PRIMARY KEY, "SegmentId" INTEGER, "VersionA" INTEGER,
                    "ToneA" INTEGER, "VersionB" INTEGER, "ToneB" INTEGER);
                CREATE TEMP TABLE IF NOT EXISTS "FillRegions" ("K" INTEGER PRIMARY KEY, "Name" TEXT);
                DELETE FROM "FillSegments"; DELETE FROM "FillRegions";
                """);
            var segment = new Insert(connection, "FillSegments", "K", "SegmentId", "VersionA", "ToneA", "VersionB", "ToneB");
            for (var k = 0; k < segments.Count; k++)
            {
                segment.Execute(k, segments[k].SegmentId, segments[k].VersionA, segments[k].ToneA, segments[k].VersionB, segments[k].ToneB);
            }
            var region = new Insert(connection, "FillRegions", "K", "Name");
            for (var k = 0; k < Regions.Length; k++)
            {
                region.Execute(k, Regions[k]);
            }
        }

        // Customers are numbered 1..N by the customer fill. The draws: d (0..9999) picks the state,
        // o (MINSTD of the id) the outcomes; both are functions of the message id alone.
        private static readonly string MessagesSql = $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $size),
            picked AS (
                SELECT $first + n.i AS "Id", c."Id" AS "CustomerId", c."Phone", c."Product", r."Name" AS "Region", s."SegmentId",
                       CASE WHEN s."VersionB" IS NOT NULL AND (c."Id" * 2246822519 + $campaign * 3266489917) % 100 < 50
                            THEN {(int)Variant.B} ELSE {(int)Variant.A} END AS "Variant",
                       s."VersionA", s."ToneA", s."VersionB", s."ToneB",
                       (($first + n.i) * 2654435761) % 10000 AS d,
                       (($first + n.i) * 48271) % 2147483647 AS o
                FROM n
                JOIN "Customers" c ON c."Id" = 1 + ($offset + n.i) % $customers
                JOIN temp."FillRegions" r ON r."K" = c."Id" % {Regions.Length}
                JOIN temp."FillSegments" s ON s."K" = c."Id" % (SELECT COUNT(*) FROM temp."FillSegments")),
            judged AS (
                SELECT p.*,
                       CASE WHEN $open THEN CASE WHEN d % 2 = 0 THEN {(int)MessageStatus.Waiting} ELSE {(int)MessageStatus.Sent} END
                            WHEN d < 500 THEN {(int)MessageStatus.Suppressed}
                            WHEN d < 800 THEN {(int)MessageStatus.Failed}
                            WHEN d < 1000 THEN {(int)MessageStatus.Expired}
                            WHEN d < 1450 THEN {(int)MessageStatus.Failed}
                            WHEN d < 1720 THEN {(int)MessageStatus.Expired}
                            ELSE {(int)MessageStatus.Delivered} END AS "Status",
                       CASE WHEN $open THEN d % 2 = 1 ELSE d >= 1000 END AS sent,
                       CASE WHEN NOT $open AND d >= 1000 AND d < 1450 THEN {(int)DeliveryStatus.Failed}
                            WHEN NOT $open AND d >= 1720 THEN {(int)DeliveryStatus.Delivered} END AS report,
                       $scheduled + (o % 3600000) * $ms AS sent_at
                FROM picked p),
            timed AS (
                SELECT j.*, j.sent_at + (5000 + (o / 7) % 120000) * $ms AS reported_at FROM judged j)
            INSERT INTO "OutboxMessages" ({ColumnList(MessageColumns)})
            SELECT t."Id", $run, $campaign, t."CustomerId", t."SegmentId",
                   CASE t."Variant" WHEN {(int)Variant.B} THEN t."VersionB" ELSE t."VersionA" END,
                   t."Variant", CASE t."Variant" WHEN {(int)Variant.B} THEN t."ToneB" ELSE t."ToneA" END,
                   t."Region", t."Product", $body,
                   printf('%032x', CASE t."Variant" WHEN {(int)Variant.B} THEN t."VersionB" ELSE t."VersionA" END), 1, $day, t."Status",
                   CASE WHEN t."Status" = {(int)MessageStatus.Suppressed} THEN 1 + d % 9 END,
                   CASE WHEN t."Status" = {(int)MessageStatus.Failed} AND NOT sent THEN '{FailureReasons.GatewayRejected}'
                        WHEN t."Status" = {(int)MessageStatus.Failed} THEN '{FailureReasons.Undelivered}'
                        WHEN t."Status" = {(int)MessageStatus.Expired} AND sent THEN '{FailureReasons.NoDeliveryReport}' END,
                   $scheduled, CASE WHEN sent THEN 1 ELSE 0 END,
                   CASE WHEN sent THEN t."Phone" END, CASE WHEN sent THEN 'g' || t."Id" END,
                   $scheduled, CASE WHEN sent THEN sent_at END, CASE WHEN report IS NOT NULL THEN reported_at END,
                   CASE WHEN report = {(int)DeliveryStatus.Delivered} THEN reported_at END, report,
                   CASE t."Status" WHEN {(int)MessageStatus.Waiting} THEN NULL WHEN {(int)MessageStatus.Sent} THEN NULL
                        WHEN {(int)MessageStatus.Suppressed} THEN $scheduled WHEN {(int)MessageStatus.Expired} THEN $ends
                        ELSE CASE WHEN report IS NULL THEN sent_at ELSE reported_at END END
            FROM timed t
            """;

        private const string Outcome = """(m."Id" * 48271) % 2147483647""";

        private static readonly string RepliesSql = $"""
            INSERT INTO "InboundReplies" ({ColumnList(ReplyColumns)})
            SELECT CASE WHEN {Outcome} % 6 = 0 THEN {(int)ReplyCategory.OptOut} ELSE {(int)ReplyCategory.PromiseToPay} END,
                   m."CustomerId", m."Id", {Outcome} % 6 = 0, m."Phone", m."ReportedAt" + (1 + {Outcome} % 47) * 3600000 * $ms, 'kannel',
                   CASE WHEN {Outcome} % 6 = 0 THEN 'TD' ELSE '明天还' END
            FROM "OutboxMessages" m
            WHERE m."RunId" = $run AND m."Status" = {(int)MessageStatus.Delivered} AND ({Outcome} / 11) % 1000 < 30
            """;

        private static readonly string RepaymentsSql = $"""
            INSERT INTO "Repayments" ({ColumnList(RepaymentColumns)})
            SELECT 20000 + ({Outcome} / 13) % 1000000, m."Id", m."CustomerId", m."SentAt" + (2 + {Outcome} % 70) * 3600000 * $ms,
                   'P' || m."Id", m."SentAt" + (3 + {Outcome} % 70) * 3600000 * $ms, 'api'
            FROM "OutboxMessages" m
            WHERE m."RunId" = $run AND m."SentAt" IS NOT NULL AND ({Outcome} / 17) % 1000 < 40
            """;

        private static readonly string ComplaintsSql = $"""
            INSERT INTO "Complaints" ({ColumnList(ComplaintColumns)})
            SELECT 1, m."SentAt" + 4 * 86400000 * $ms, 'benchmark', m."CustomerId", FALSE, m."Id", m."SentAt" + 86400000 * $ms,
                   m."SentAt" + 86400000 * $ms, 'benchmark',
                   1 + {Outcome} % 3, 2, 3, '频繁催收'
            FROM "OutboxMessages" m
            WHERE m."RunId" = $run AND m."SentAt" IS NOT NULL AND ({Outcome} / 19) % 10000 < 5
            """;
    }

    private static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    /// <summary>One prepared INSERT of the named columns.</summary>
    private sealed class Insert
    {
        private readonly SqliteParameter[] parameters;

        public Insert(SqliteConnection connection, string table, params string[] columns)
        {
            Command = connection.CreateCommand();
            Command.CommandText = $"INSERT INTO \"{table}\" ({ColumnList(columns)}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            parameters = columns.Select((_, i) => Command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
        }

        public SqliteCommand Command { get; }

        public void Execute(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            Command.ExecuteNonQuery();
        }
    }
}
