using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;
using OverdueSmsPortal.Core.Policy;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Core.Time;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Campaigns;
using OverdueSmsPortal.Infrastructure.Gateways;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Outcomes;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Replies;
using OverdueSmsPortal.Infrastructure.Segments;
using OverdueSmsPortal.Infrastructure.Settings;

namespace OverdueSmsPortal.Demo;

/// <summary>What the demo history wrote: its campaigns, runs, messages, replies and repayments.</summary>
public sealed record DemoHistoryReport(int Campaigns, int Runs, int Messages, int Replies, int Repayments, TimeSpan Took);

/// <summary>
/// Three weeks of outcomes for a demo portal (<c>Portal:Demo:OutcomeHistory</c>), so that the dashboard
/// shows real-looking figures on first start: two campaigns the demo author made and the demo approver
/// approved (one an A/B split: a tone firmer in variant B, e.g. standard against firm), a completed run on each of the past
/// business days, and what came of the messages. The campaigns move through their own state machine,
/// the send policy decides who may be messaged, and replies and repayments go through the portal's
/// intakes, with a clock set to when each happened. Seeded randomness: the same database every time.
/// </summary>
public sealed partial class DemoHistory(
    PortalDbContext db,
    UserManager<PortalUser> users,
    MessageWriter writer,
    ReplyRuleStore replyRules,
    SendPolicyStore policyStore,
    BusinessClock businessClock,
    ILogger<DemoHistory> logger)
{
    public const int BusinessDays = 21;
    private const int RandomSeed = 20261201;

    /// <summary>Of the customers the policy allows on a day, about this share is in that day's run.</summary>
    private const double DailyShare = 0.6;

    /// <summary>Of those it refuses, this share is written as suppressed (the rest were not in the day's selection).</summary>
    private const double SuppressedShare = 0.01;

    private const double ReplyRate = 0.07;

    private static readonly DemoCampaign[] Plans =
    [
        new("逾期提醒 A/B · 语气加重一档", new TimeOnly(10, 0), RepaymentA: 0.045, RepaymentB: 0.09,
        [
            new("逾期1–3天客户", Tone.Gentle, Tone.Standard),
            new("逾期4–7天客户", Tone.Standard, Tone.Firm),
            new("逾期8–15天客户", Tone.Standard, Tone.Firm),
        ]),
        new("每日还款提醒", new TimeOnly(10, 30), RepaymentA: 0.06, RepaymentB: 0,
        [
            new("到期前7天内客户", Tone.Gentle, null),
            new("到期当天客户", Tone.Gentle, null),
            new("逾期16天以上客户", Tone.Firm, null),
        ]),
    ];

    /// <summary>What customers answer, with how often; the reply rules classify them as they would any reply.</summary>
    private static readonly (string Text, int Weight)[] ReplyTexts =
    [
        ("明天还", 18), ("好的，明天还", 8), ("发工资还，下周还", 6), ("已还", 6), ("已经还了，请查收", 3),
        ("退订", 12), ("TD", 4), ("投诉", 3), ("再发就投诉你们", 2),
        ("怎么还款？", 8), ("金额不对吧", 4), ("收到", 10), ("好的", 8),
    ];

    /// <summary>Seeds the history when no campaign has run yet; answers what it wrote, or null when it did nothing.</summary>
    public async Task<DemoHistoryReport?> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.CampaignRuns.AnyAsync(cancellationToken))
        {
            return null;
        }
        var authorUser = await users.FindByNameAsync("author");
        var approverUser = await users.FindByNameAsync("approver");
        if (authorUser is null || approverUser is null)
        {
            LogNoHistory(logger, "the demo author and approver do not exist");
            return null;
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var history = new Writer(db, writer, replyRules, businessClock, new Random(RandomSeed), await policyStore.LoadAsync(cancellationToken));
        IReadOnlyList<SeededCampaign> campaigns;
        // One connection for the whole history. Its hundreds of small commits need not each wait for
        // the disk: in WAL mode, synchronous NORMAL stays consistent and syncs at checkpoints.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var synchronous = db.Database.IsSqlite()
            ? (await db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync(cancellationToken)).Single()
            : (int?)null;
        try
        {
            if (synchronous is not null)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL", cancellationToken);
            }
            campaigns = await history.CreateCampaignsAsync(new Actor(authorUser.Id, authorUser.UserName!),
                new Actor(approverUser.Id, approverUser.UserName!), cancellationToken);
            foreach (var day in history.Days)
            {
                foreach (var campaign in campaigns)
                {
                    await history.RunAsync(campaign, day, cancellationToken);
                }
            }
            await history.FinishAsync(campaigns, cancellationToken);
        }
        finally
        {
            // The connection goes back to the pool: it leaves as it came.
            if (synchronous is not null)
            {
                await db.Database.ExecuteSqlRawAsync(synchronous switch
                {
                    0 => "PRAGMA synchronous = OFF",
                    1 => "PRAGMA synchronous = NORMAL",
                    3 => "PRAGMA synchronous = EXTRA",
                    _ => "PRAGMA synchronous = FULL",
                }, CancellationToken.None);
            }
            await db.Database.CloseConnectionAsync();
        }
        if (campaigns.Count == 0)
        {
            LogNoHistory(logger, "the demo segments have no approved templates");
            return null;
        }
        var report = history.Report(campaigns.Count, started.Elapsed);
        LogSeeded(logger, report.Campaigns, report.Runs, report.Messages, report.Replies, report.Repayments, (int)report.Took.TotalMilliseconds);
        return report;
    }

    /// <summary>The business days (Monday to Friday) before today, oldest first.</summary>
    public static IReadOnlyList<DateOnly> PastBusinessDays(DateOnly today, int count)
    {
        var days = new List<DateOnly>();
        for (var day = today.AddDays(-1); days.Count < count; day = day.AddDays(-1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(day);
            }
        }
        days.Reverse();
        return days;
    }

    private sealed record DemoCampaign(string Name, TimeOnly At, double RepaymentA, double RepaymentB, IReadOnlyList<DemoPart> Parts);

    private sealed record DemoPart(string Segment, Tone A, Tone? B);

    /// <summary>A seeded campaign with what its runs need: each segment's stage and approved texts.</summary>
    private sealed record SeededCampaign(long Id, int Revision, DemoCampaign Plan, IReadOnlyList<SeededPart> Parts);

    private sealed record SeededPart(CampaignSegment Planned, Segment Rules, StageDefinition Stage, ApprovedText A, ApprovedText? B);

    /// <summary>A reply or a repayment that happens at a time; applied in time order, before the runs that follow it.</summary>
    private abstract record Pending(DateTimeOffset At);

    private sealed record PendingReply(DateTimeOffset At, long MessageId, Contact Contact, string Text) : Pending(At);

    private sealed record PendingRepayment(DateTimeOffset At, string PaymentId, Contact Contact, decimal Amount) : Pending(At);

    /// <summary>One customer as the history knows them: what the send policy asks about, kept in step with what was written.</summary>
    private sealed class Contact(Customer customer)
    {
        public Customer Customer { get; } = customer;
        public List<SentMessage> Sent { get; } = [];
        public bool OptedOut { get; set; }
        public CustomerHold Hold { get; set; }
        public bool WrongNumber { get; set; }
        public decimal AmountDue { get; set; } = customer.AmountDue;
        public DateTimeOffset? PromisedAt { get; set; }
        public DateTimeOffset? RepliedAt { get; set; }
        public DateTimeOffset? RepaidAt { get; set; }
        public bool PaymentPending { get; set; }
        public bool Escalated { get; set; }

        public ContactState State() => new(OptedOut, Hold, WrongNumber, AmountDue, PromisedAt, RepaidAt, RepliedAt, Sent,
            Escalated, EscalationResolvedAt: null, CustomerZones.Find(Customer.TimeZone));
    }

    /// <summary>A clock the seeder sets to when each thing happened, never past the real now.</summary>
    private sealed class HistoryClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset at = now;

        public DateTimeOffset RealNow { get; } = now;

        public DateTimeOffset At
        {
            get => at;
            set => at = value < RealNow ? value : RealNow;
        }

        public override DateTimeOffset GetUtcNow() => at;
    }

    /// <summary>The state of one seeding: the random source, the clock, the customers and what waits to happen.</summary>
    private sealed class Writer
    {
        private readonly PortalDbContext db;
        private readonly MessageWriter writer;
        private readonly BusinessClock businessClock;
        private readonly Random random;
        private readonly PolicySettings settings;
        private readonly HistoryClock clock;
        private readonly AuditTrail audit;
        private readonly ReplyIntake replies;
        private readonly RepaymentIntake repayments;
        private readonly List<Pending> pending = [];
        private Dictionary<long, Contact> contacts = [];
        private int runs;
        private int messages;
        private int replyCount;
        private int repaymentCount;

        public Writer(PortalDbContext db, MessageWriter writer, ReplyRuleStore rules, BusinessClock businessClock, Random random,
            PolicySettings settings)
        {
            this.db = db;
            this.writer = writer;
            this.businessClock = businessClock;
            this.random = random;
            this.settings = settings;
            clock = new HistoryClock(businessClock.UtcNow());
            audit = new AuditTrail(db, clock);
            // One log line per demo reply would bury the start-up log; the summary line says what was seeded.
            replies = new ReplyIntake(db, rules, audit, clock, NullLogger<ReplyIntake>.Instance);
            repayments = new RepaymentIntake(db, audit, new OutcomeSettingsStore(db, audit, clock), clock);
            Days = PastBusinessDays(businessClock.Today(), BusinessDays);
        }

        public IReadOnlyList<DateOnly> Days { get; }

        public DemoHistoryReport Report(int campaigns, TimeSpan took) => new(campaigns, runs, messages, replyCount, repaymentCount, took);

        /// <summary>The campaigns, made by the author a few days before the first run and approved by the approver the next morning.</summary>
        public async Task<IReadOnlyList<SeededCampaign>> CreateCampaignsAsync(Actor author, Actor approver, CancellationToken cancellationToken)
        {
            var ladder = await db.StageDefinitions.AsNoTracking().ToListAsync(cancellationToken);
            var segments = await db.Segments.AsNoTracking().ToListAsync(cancellationToken);
            var texts = await db.TemplateVersions.AsNoTracking()
                .Where(v => v.Status == TemplateVersionStatus.Approved)
                .Select(v => new { v.Template!.SegmentId, Text = new ApprovedText(v.Id, v.Template.Tone, v.Body) })
                .ToListAsync(cancellationToken);
            contacts = (await db.Customers.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken))
                .ToDictionary(c => c.Id, c => new Contact(c));
            ApprovedText? Text(Segment segment, Tone? tone) =>
                texts.Where(t => t.SegmentId == segment.Id && t.Text.Tone == tone).Select(t => t.Text).MaxBy(t => t.VersionId);

            var seeded = new List<SeededCampaign>();
            var madeOn = Days[0].AddDays(-3);
            foreach (var plan in Plans)
            {
                var parts = new List<(Segment Segment, StageDefinition Stage, ApprovedText A, ApprovedText? B)>();
                foreach (var part in plan.Parts)
                {
                    var segment = segments.FirstOrDefault(s => s.Name == part.Segment);
                    var stage = segment is null ? null : ladder.FirstOrDefault(l => l.Key == segment.StageKey);
                    if (segment is null || stage is null || Text(segment, part.A) is not { } a)
                    {
                        continue;
                    }
                    var b = part.B is null ? null : Text(segment, part.B);
                    parts.Add((segment, stage, a, b));
                }
                if (parts.Count == 0)
                {
                    continue;
                }
                var campaignPlan = new CampaignPlan
                {
                    Name = plan.Name,
                    Segments = parts.Select(p => new CampaignSegmentPlan(p.Segment.Id, p.A.VersionId, p.B?.VersionId, p.B is null ? 0 : 50))
                        .ToList(),
                    Schedule = CampaignSchedule.ByCron($"0 {plan.At.Minute} {plan.At.Hour} ? * MON-FRI"),
                    Window = SendWindow.ContactHours with { Days = WeekDays.Workdays },
                    ThroughputPerSecond = 20,
                    EndDate = Days[^1],
                };
                var campaign = await MakeAsync(campaignPlan, author, approver, madeOn, cancellationToken);
                var campaignParts = campaign.Segments.OrderBy(s => s.Position)
                    .Select((s, i) => new SeededPart(s, parts[i].Segment, parts[i].Stage, parts[i].A, parts[i].B)).ToList();
                seeded.Add(new SeededCampaign(campaign.Id, campaign.Revision, plan, campaignParts));
            }
            db.ChangeTracker.Clear();
            return seeded;
        }

        private async Task<Campaign> MakeAsync(CampaignPlan plan, Actor author, Actor approver, DateOnly madeOn,
            CancellationToken cancellationToken)
        {
            clock.At = At(madeOn, new TimeOnly(15, 20 + random.Next(30)));
            var campaign = new Campaign(plan, author, clock.At);
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);
            var id = campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            audit.Add(author.Name, AuditNames.Campaign, id, AuditNames.Created, after: Describe(campaign));

            clock.At += TimeSpan.FromMinutes(12);
            campaign.Submit(author, clock.At);
            audit.Add(author.Name, AuditNames.Campaign, id, AuditNames.Submitted, after: Describe(campaign));

            clock.At = At(madeOn.AddDays(1), new TimeOnly(9, 10 + random.Next(40)));
            campaign.Approve(approver, "示例活动：文案与发送时段已核对", clock.At);
            audit.Add(approver.Name, AuditNames.Campaign, id, AuditNames.Approved, after: Describe(campaign));
            await db.SaveChangesAsync(cancellationToken);
            return campaign;
        }

        /// <summary>
        /// One completed run: the segments' members as of that day, the policy's decision for each, the
        /// chosen ones written to the outbox and handed over, then what the gateway reported.
        /// </summary>
        public async Task RunAsync(SeededCampaign campaign, DateOnly day, CancellationToken cancellationToken)
        {
            var at = At(day, campaign.Plan.At);
            await ApplyPendingAsync(at, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var run = new CampaignRun(campaign.Id, campaign.Revision, at, businessClock.EndOf(day), at);
            db.CampaignRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);

            var sent = new List<(OutboxMessage Message, Contact Contact, Variant Variant)>();
            var taken = new HashSet<long>();
            foreach (var part in campaign.Parts)
            {
                var planned = 0;
                foreach (var customer in SegmentMembers.Members(contacts.Values.Select(c => c.Customer).AsQueryable(), part.Rules, part.Stage, day))
                {
                    var contact = contacts[customer.Id];
                    if (!taken.Add(customer.Id) || Plan(run, campaign, part, contact, day, at) is not { } message)
                    {
                        continue;
                    }
                    planned++;
                    if (message.Status == MessageStatus.Sending)
                    {
                        sent.Add((message, contact, message.Variant));
                    }
                }
                run.Advance(part.Planned.Position + 1, 0, planned);
            }
            run.FinishPlanning(at.AddSeconds(20));
            await db.SaveChangesAsync(cancellationToken);
            await ReportAsync(campaign, sent, at, cancellationToken);
            run.Complete(at.AddMinutes(3));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            runs++;
        }

        /// <summary>The customer's message in this run, claimed for sending; suppressed with the policy's reason; or none.</summary>
        private OutboxMessage? Plan(CampaignRun run, SeededCampaign campaign, SeededPart part, Contact contact, DateOnly day, DateTimeOffset at)
        {
            // The rules that do not depend on the text first: only the texts that may leave are written.
            var todayKind = new CandidateMessage("", day, contact.Customer.DaysOverdue(day));
            var decision = SendPolicy.Decide(contact.State(), todayKind, at, settings);
            // The planner's own rule: whoever the policy escalates goes on the phone follow-up list, so the
            // demo's list holds the customers its history left unanswered.
            if (decision.Escalate)
            {
                db.EscalationEntries.Add(new EscalationEntry(contact.Customer.Id, campaign.Id, contact.State().UnansweredOverdue, at));
                contact.Escalated = true;
            }
            var refused = decision.Reason;
            if (refused is null ? random.NextDouble() >= DailyShare : random.NextDouble() >= SuppressedShare)
            {
                return null;
            }
            var customer = contact.Customer;
            var variant = VariantAssignment.For(campaign.Id, part.Planned.SegmentId, customer.Id, part.Planned.SplitBPercent);
            var text = variant == Variant.B && part.B is not null ? part.B : part.A;
            if (writer.Write(text, variant, customer, day) is not { } rendered)
            {
                return null;
            }
            var to = MessageRecipient.For(run.Id, campaign.Id, part.Planned.SegmentId, customer);
            var reason = refused ?? SendPolicy.Decide(contact.State(),
                new CandidateMessage(TextFingerprint.Of(rendered.Body), rendered.RenderedFor, rendered.DaysOverdue), at, settings).Reason;
            var message = reason is { } suppressed
                ? OutboxMessage.SuppressedAtPlanning(to, rendered, suppressed, at)
                : OutboxMessage.Planned(to, rendered, at, at);
            if (reason is null)
            {
                message.Claim(customer.Phone, at.AddSeconds(30 + random.Next(60)));
            }
            db.OutboxMessages.Add(message);
            messages++;
            return message;
        }

        /// <summary>
        /// What the gateway and the carriers answered, as the dispatcher and the delivery reports write it
        /// (bulk updates guarded by the state they expect); then the replies and payments that follow.
        /// </summary>
        private async Task ReportAsync(SeededCampaign campaign, List<(OutboxMessage Message, Contact Contact, Variant Variant)> sent,
            DateTimeOffset at, CancellationToken cancellationToken)
        {
            var sentAt = at.AddMinutes(1);
            var reportedAt = sentAt.AddSeconds(40);
            var delivered = new List<long>();
            var undelivered = new List<long>();
            var rejected = new List<long>();
            var refused = new List<long>();
            foreach (var (message, contact, variant) in sent)
            {
                var roll = random.NextDouble();
                var list = roll < 0.955 ? delivered : roll < 0.985 ? undelivered : roll < 0.993 ? rejected : refused;
                list.Add(message.Id);
                if (list == refused)
                {
                    continue;
                }
                contact.Sent.Add(new SentMessage(sentAt, message.RenderedFor, message.DaysOverdue, message.Fingerprint));
                if (list == delivered)
                {
                    Follow(campaign, message, contact, variant, reportedAt);
                }
            }
            var outbox = db.OutboxMessages.Where(m => m.Status == MessageStatus.Sending);
            await outbox.Where(m => delivered.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Delivered)
                .SetProperty(m => m.DeliveryStatus, DeliveryStatus.Delivered)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.ReportedAt, reportedAt)
                .SetProperty(m => m.DeliveredAt, reportedAt)
                .SetProperty(m => m.FinishedAt, reportedAt), cancellationToken);
            foreach (var (ids, status) in new[] { (undelivered, DeliveryStatus.Failed), (rejected, DeliveryStatus.Rejected) })
            {
                await outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.Failed)
                    .SetProperty(m => m.DeliveryStatus, status)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.ReportedAt, reportedAt)
                    .SetProperty(m => m.FailureReason, DeliveryReports.FailureReason(status))
                    .SetProperty(m => m.FinishedAt, reportedAt), cancellationToken);
            }
            await outbox.Where(m => refused.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Failed)
                .SetProperty(m => m.FailureReason, FailureReasons.GatewayBadNumber)
                .SetProperty(m => m.FinishedAt, sentAt), cancellationToken);
        }

        /// <summary>Whether the delivered message draws a reply, and whether a payment follows it (variant B of the split persuades more).</summary>
        private void Follow(SeededCampaign campaign, OutboxMessage message, Contact contact, Variant variant, DateTimeOffset deliveredAt)
        {
            if (random.NextDouble() < ReplyRate)
            {
                var text = Pick(ReplyTexts);
                pending.Add(new PendingReply(deliveredAt.AddMinutes(3 + random.Next(240)), message.Id, contact, text));
            }
            var rate = variant == Variant.B ? campaign.Plan.RepaymentB : campaign.Plan.RepaymentA;
            if (contact.PaymentPending || random.NextDouble() >= rate)
            {
                return;
            }
            // Most pay within a day or two of the reminder; a few take most of the attribution window.
            var hours = 1 + 140 * Math.Pow(random.NextDouble(), 2.5);
            contact.PaymentPending = true;
            pending.Add(new PendingRepayment(deliveredAt.AddHours(hours), $"DEMO-{message.Id:D7}", contact, Amount(contact)));
        }

        private decimal Amount(Contact contact)
        {
            var due = contact.AmountDue;
            var minimum = contact.Customer.MinimumDue;
            var roll = random.NextDouble();
            var amount = roll < 0.45 ? due
                : roll < 0.8 && minimum > 0 && minimum < due ? minimum
                : Math.Max(10m, Math.Round(due * (decimal)(0.2 + 0.5 * random.NextDouble()) / 10m) * 10m);
            return Math.Min(amount, due);
        }

        /// <summary>Applies, in time order, the replies and payments that happened before <paramref name="until"/>.</summary>
        private async Task ApplyPendingAsync(DateTimeOffset until, CancellationToken cancellationToken)
        {
            var due = pending.Where(p => p.At < until && p.At <= clock.RealNow).OrderBy(p => p.At).ToList();
            pending.RemoveAll(p => p.At < until);
            foreach (var reply in due.OfType<PendingReply>())
            {
                clock.At = reply.At;
                var contact = reply.Contact;
                var receipt = await replies.ReceiveAsync(
                    new InboundSms(contact.Customer.Phone, null, reply.Text, DevelopmentGateway.GatewayName, MessageId: reply.MessageId),
                    cancellationToken);
                if (receipt.Category != ReplyCategory.WrongNumber)
                {
                    contact.RepliedAt = reply.At;
                }
                contact.WrongNumber |= receipt.Category == ReplyCategory.WrongNumber;
                contact.OptedOut |= receipt.OptedOut;
                if (receipt.ComplaintId is not null)
                {
                    contact.Hold = CustomerHold.Complaint;
                }
                if (receipt.Category is ReplyCategory.PromiseToPay or ReplyCategory.AlreadyPaid)
                {
                    contact.PromisedAt = reply.At;
                }
                replyCount++;
            }
            var payments = due.OfType<PendingRepayment>().Where(p => p.Amount > 0).ToList();
            if (payments.Count > 0)
            {
                // The lender's system reports the day's payments in one batch, before the next reminders go out.
                clock.At = until.AddMinutes(-30);
                var receipt = await repayments.RecordAsync(
                    payments.Select(p => new RepaymentRecord(p.PaymentId, p.Contact.Customer.AccountRef, p.Amount, p.At)).ToList(),
                    "upload", AuditNames.SystemActor, cancellationToken);
                foreach (var index in receipt.Recorded)
                {
                    payments[index].Contact.AmountDue -= payments[index].Amount;
                    payments[index].Contact.RepaidAt = clock.At;
                }
                repaymentCount += receipt.Recorded.Count;
            }
            foreach (var payment in payments)
            {
                payment.Contact.PaymentPending = false;
            }
            db.ChangeTracker.Clear();
        }

        /// <summary>What happened up to now is applied; the campaigns have had their last firing and are completed.</summary>
        public async Task FinishAsync(IReadOnlyList<SeededCampaign> campaigns, CancellationToken cancellationToken)
        {
            await ApplyPendingAsync(clock.RealNow, cancellationToken);
            clock.At = businessClock.EndOf(Days[^1]);
            var ids = campaigns.Select(c => c.Id).ToList();
            foreach (var campaign in await db.Campaigns.Include(c => c.Segments).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                campaign.Complete(clock.At);
                audit.Add(AuditNames.SystemActor, AuditNames.Campaign, campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    AuditNames.Completed, after: Describe(campaign));
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        private DateTimeOffset At(DateOnly day, TimeOnly time) => businessClock.ToInstant(day.ToDateTime(time));

        private string Pick((string Text, int Weight)[] choices)
        {
            var roll = random.Next(choices.Sum(c => c.Weight));
            foreach (var (text, weight) in choices)
            {
                if ((roll -= weight) < 0)
                {
                    return text;
                }
            }
            return choices[^1].Text;
        }

        private static object Describe(Campaign c) => new { c.Name, Status = c.Status.ToString(), c.Revision };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No demo outcome history: {Reason}")]
    private static partial void LogNoHistory(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seeded demo outcome history: {Campaigns} campaigns, {Runs} runs, {Messages} messages, {Replies} replies, {Repayments} repayments in {Took} ms")]
    private static partial void LogSeeded(ILogger logger, int campaigns, int runs, int messages, int replies, int repayments, int took);
}
