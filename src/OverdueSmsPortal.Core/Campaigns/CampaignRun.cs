namespace OverdueSmsPortal.Core.Campaigns;

public enum RunStatus
{
    /// <summary>Taking the segment members and writing the outbox.</summary>
    Planning = 1,
    /// <summary>Dispatching the outbox (messages may wait for their window).</summary>
    Sending = 2,
    /// <summary>Every message is in a final state or has left and awaits its delivery report.</summary>
    Completed = 3,
    Cancelled = 4,
}

/// <summary>
/// One firing of a campaign's trigger (DESIGN §2.8). Its state is in the database, so a run that a
/// crash interrupted carries on from where it stood: planning from its cursor, sending from its outbox.
/// </summary>
public class CampaignRun
{
    public long Id { get; private set; }
    public long CampaignId { get; private set; }
    public int CampaignRevision { get; private set; }

    /// <summary>The firing time the scheduler intended; one run per campaign and firing time.</summary>
    public DateTimeOffset ScheduledFor { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }
    public RunStatus Status { get; private set; }

    /// <summary>After this instant no message of the run may leave; those still waiting expire.</summary>
    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>Planning's cursor: the campaign segment being planned and the last customer id done in it.</summary>
    public int PlanSegmentPosition { get; private set; }
    public long PlanAfterCustomerId { get; private set; }

    /// <summary>How many messages planning wrote (sent, waiting and suppressed together).</summary>
    public int Planned { get; private set; }

    public DateTimeOffset? PlannedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>
    /// Since when the gateway could not be reached, while it cannot (null when it answers): the run
    /// page says so, and messages wait and are tried again rather than fail.
    /// </summary>
    public DateTimeOffset? GatewayDownSince { get; private set; }

    /// <summary>What the gateway failed with last while it was down, e.g. "unreachable".</summary>
    public string? GatewayProblem { get; private set; }

    /// <summary>
    /// For a run that sends again messages an Approver took out of doubt: the run they were in doubt in.
    /// Such a run plans nothing; its messages are written when it opens.
    /// </summary>
    public long? ResendOfRunId { get; private set; }

    private CampaignRun()
    {
    }

    public CampaignRun(long campaignId, int revision, DateTimeOffset scheduledFor, DateTimeOffset endsAt, DateTimeOffset now)
    {
        CampaignId = campaignId;
        CampaignRevision = revision;
        ScheduledFor = scheduledFor;
        EndsAt = endsAt;
        StartedAt = now;
        Status = RunStatus.Planning;
    }

    public bool IsFinished => Status is RunStatus.Completed or RunStatus.Cancelled;

    /// <summary>
    /// A run of <paramref name="original"/>'s campaign (at its current <paramref name="revision"/>) for
    /// <paramref name="messages"/> messages sent again: planned as it opens, sending until <paramref name="endsAt"/>.
    /// <paramref name="openedFor"/> is the instant it is known by, one no other run of the campaign has.
    /// </summary>
    public static CampaignRun ForResend(CampaignRun original, int revision, int messages, DateTimeOffset endsAt, DateTimeOffset openedFor,
        DateTimeOffset now) =>
        new(original.CampaignId, revision, openedFor, endsAt, now)
        {
            Status = RunStatus.Sending,
            PlannedAt = now,
            Planned = messages,
            ResendOfRunId = original.Id,
        };

    /// <summary>Records a planned batch: the cursor moves with the messages in one transaction.</summary>
    public void Advance(int segmentPosition, long afterCustomerId, int planned)
    {
        PlanSegmentPosition = segmentPosition;
        PlanAfterCustomerId = afterCustomerId;
        Planned += planned;
    }

    public void FinishPlanning(DateTimeOffset now)
    {
        if (Status == RunStatus.Planning)
        {
            Status = RunStatus.Sending;
            PlannedAt = now;
        }
    }

    /// <summary>The gateway could not be reached; the first moment of an outage is kept.</summary>
    public void GatewayDown(string problem, DateTimeOffset now)
    {
        GatewayDownSince ??= now;
        GatewayProblem = problem;
    }

    public void GatewayUp()
    {
        GatewayDownSince = null;
        GatewayProblem = null;
    }

    public void Complete(DateTimeOffset now)
    {
        if (!IsFinished)
        {
            Status = RunStatus.Completed;
            FinishedAt = now;
        }
    }

    public void Cancel(DateTimeOffset now)
    {
        if (!IsFinished)
        {
            Status = RunStatus.Cancelled;
            FinishedAt = now;
        }
    }
}
