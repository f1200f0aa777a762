namespace OverdueSmsPortal.Core.Audit;

/// <summary>
/// One recorded change (DESIGN §2.15): who did what to which entity, when, and the entity's state
/// before and after as JSON. Entries are never updated or deleted.
/// </summary>
public class AuditEntry
{
    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The user name, or <c>api:&lt;key name&gt;</c> for the API, or <c>system</c>.</summary>
    public string Actor { get; private set; } = "";

    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }

    private AuditEntry()
    {
    }

    public AuditEntry(DateTimeOffset at, string actor, string entityType, string entityId, string action,
        string? before, string? after)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        At = at;
        Actor = actor;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Before = before;
        After = after;
    }
}

/// <summary>The entity types and actions audit entries use; later features add theirs.</summary>
public static class AuditNames
{
    public const string Customer = "Customer";
    public const string CustomerImport = "CustomerImport";
    /// <summary>The refused rows of an upload, downloaded as CSV.</summary>
    public const string ImportErrors = "ImportErrors";
    public const string User = "User";
    public const string ApiKey = "ApiKey";
    public const string TemplateVersion = "TemplateVersion";
    public const string Segment = "Segment";
    public const string StageLadder = "StageLadder";
    public const string LintTerm = "LintTerm";
    public const string LinkDomain = "LinkDomain";
    public const string Campaign = "Campaign";
    public const string SendPolicy = "SendPolicy";
    public const string Escalation = "Escalation";
    /// <summary>An outbox message (the in-doubt decisions).</summary>
    public const string Message = "Message";
    public const string Reply = "Reply";
    public const string ReplyRule = "ReplyRule";
    public const string Gateway = "Gateway";
    public const string Complaint = "Complaint";
    public const string Repayments = "Repayments";
    public const string OutcomeSettings = "OutcomeSettings";

    /// <summary>The audit trail itself: its exports are recorded with the filters used.</summary>
    public const string Audit = "Audit";

    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Imported = "Imported";
    public const string RolesChanged = "RolesChanged";
    public const string PasswordReset = "PasswordReset";
    public const string Locked = "Locked";
    public const string Unlocked = "Unlocked";
    public const string Issued = "Issued";
    public const string Revoked = "Revoked";
    public const string Deleted = "Deleted";
    public const string Submitted = "Submitted";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Paused = "Paused";
    public const string Resumed = "Resumed";
    public const string Cancelled = "Cancelled";
    public const string Completed = "Completed";
    public const string Resolved = "Resolved";
    /// <summary>An in-doubt message an Approver had sent again.</summary>
    public const string Resent = "Resent";
    /// <summary>An in-doubt message an Approver left as it was.</summary>
    public const string LeftInDoubt = "LeftInDoubt";
    public const string Simulated = "Simulated";
    public const string HoldPlaced = "HoldPlaced";
    public const string HoldReleased = "HoldReleased";
    public const string OptedOut = "OptedOut";
    public const string WrongNumberMarked = "WrongNumberMarked";
    public const string NumberCorrected = "NumberCorrected";
    public const string NumberConfirmed = "NumberConfirmed";
    public const string Received = "Received";
    public const string Reclassified = "Reclassified";
    public const string Opened = "Opened";
    public const string Closed = "Closed";
    public const string Exported = "Exported";
    public const string WorkStarted = "WorkStarted";
    public const string SignedIn = "SignedIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignedOut = "SignedOut";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordChangeFailed = "PasswordChangeFailed";
    public const string SystemActor = "system";
}
