namespace OverdueSmsPortal.Core.Outcomes;

public enum ComplaintCategory
{
    Other = 0,
    Frequency = 1,
    Tone = 2,
    WrongPerson = 3,
    Privacy = 4,
}

public enum ComplaintSeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
}

public enum ComplaintStatus
{
    Open = 1,
    InProgress = 2,
    Closed = 3,
}

public enum ComplaintSource
{
    Reply = 1,
    Hotline = 2,
    Regulator = 3,
    Upload = 4,
    Api = 5,
    /// <summary>A reply threatening the regulator, the police or a lawsuit (12378, 银保监, 报警, 起诉你们): serious, and it holds the customer.</summary>
    RegulatorThreat = 6,
}

public static class ComplaintSources
{
    /// <summary>The source's code: regulator_threat, hotline…</summary>
    public static string Code(this ComplaintSource source) => source switch
    {
        ComplaintSource.RegulatorThreat => "regulator_threat",
        _ => source.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether a reply opened it (a plain reply complaint or a regulator threat), not a person or the lender's systems.</summary>
    public static bool IsFromReply(this ComplaintSource source) => source is ComplaintSource.Reply or ComplaintSource.RegulatorThreat;
}

/// <summary>Why a step on a complaint was refused; the portal shows each as a sentence.</summary>
public enum ComplaintError
{
    /// <summary>No complaint has that id (a forged or stale address).</summary>
    NotFound = 1,
    /// <summary>Only an open complaint can be taken up: someone else took it up or closed it meanwhile.</summary>
    NotOpen = 2,
    /// <summary>A closed complaint is final.</summary>
    Closed = 3,
}

/// <summary>A step on a complaint that its state does not allow; <see cref="Error"/> says which.</summary>
public sealed class ComplaintException(ComplaintError error, long complaintId)
    : InvalidOperationException($"Complaint {complaintId}: step refused ({error}).")
{
    public ComplaintError Error { get; } = error;
}

/// <summary>
/// A customer's complaint (DESIGN §2.13), linked to the message that caused it where that is known.
/// One that holds the customer stops every message to them until it is closed.
/// </summary>
/// <remarks>
/// It moves Open → InProgress → Closed (Open → Closed too, for one settled at once). A closed complaint
/// is final: it is never reopened or edited, so what was decided stays as it was audited. When the
/// customer complains again, a new complaint is recorded, and with it the hold is decided afresh.
/// </remarks>
public class Complaint
{
    public const int MaxSummaryLength = 1000;
    public const int MaxComplaintRefLength = 64;

    /// <summary>A resolution note says what was done in a few sentences; a longer story belongs in the lender's case system.</summary>
    public const int MaxResolutionNoteLength = 500;

    public long Id { get; private set; }
    public long? CustomerId { get; private set; }
    public long? MessageId { get; private set; }
    public long? ReplyId { get; private set; }
    public ComplaintSource Source { get; private set; }
    public ComplaintCategory Category { get; private set; }
    public ComplaintSeverity Severity { get; private set; }
    public ComplaintStatus Status { get; private set; }
    public string Summary { get; private set; } = "";

    /// <summary>The customer is on complaint hold while this complaint is not closed.</summary>
    public bool HoldsCustomer { get; private set; }

    /// <summary>The lender's own id for it, when it came by upload or API: the same id recorded twice is stored once.</summary>
    public string? ComplaintRef { get; private set; }

    /// <summary>When the customer complained (the hotline call, the regulator's letter); the time it was recorded if not told.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset? StartedAt { get; private set; }
    public string? StartedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    /// <summary>What was done about the complaint, written by whoever closed it; null while it is not closed.</summary>
    public string? ResolutionNote { get; private set; }

    private Complaint()
    {
    }

    /// <summary>
    /// A complaint the customer made in a reply: it holds them until someone looks into it. A reply that
    /// threatens the regulator, the police or a lawsuit is of High severity with source <see cref="ComplaintSource.RegulatorThreat"/>;
    /// the category is what the words are about (<see cref="ComplaintWording"/>).
    /// </summary>
    public static Complaint FromReply(long? customerId, long? messageId, long replyId, string text, DateTimeOffset now,
        bool regulatorThreat = false) => new()
    {
        CustomerId = customerId,
        MessageId = messageId,
        ReplyId = replyId,
        Source = regulatorThreat ? ComplaintSource.RegulatorThreat : ComplaintSource.Reply,
        Category = ComplaintWording.CategoryOf(text),
        Severity = regulatorThreat ? ComplaintSeverity.High : ComplaintSeverity.Medium,
        Status = ComplaintStatus.Open,
        Summary = text.Length > MaxSummaryLength ? text[..MaxSummaryLength] : text,
        HoldsCustomer = customerId is not null,
        ReceivedAt = now,
        OpenedAt = now,
        OpenedBy = "system",
    };

    /// <summary>
    /// A complaint someone recorded: by hand from a hotline call or a regulator's referral, or the
    /// lender's systems by upload or API. A reply's complaint comes from <see cref="FromReply"/> instead.
    /// </summary>
    public static Complaint Record(long customerId, long? messageId, ComplaintSource source, ComplaintCategory category,
        ComplaintSeverity severity, string summary, bool holdsCustomer, string openedBy, DateTimeOffset now,
        string? complaintRef = null, DateTimeOffset? receivedAt = null)
    {
        if (source.IsFromReply())
        {
            throw new ArgumentException("A reply's complaint is opened from the reply.", nameof(source));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        ArgumentException.ThrowIfNullOrWhiteSpace(openedBy);
        if (summary.Length > MaxSummaryLength || complaintRef?.Length > MaxComplaintRefLength)
        {
            throw new ArgumentException("The summary or the complaint reference is too long.");
        }
        return new Complaint
        {
            CustomerId = customerId,
            MessageId = messageId,
            Source = source,
            Category = Defined(category),
            Severity = Defined(severity),
            Status = ComplaintStatus.Open,
            Summary = summary.Trim(),
            HoldsCustomer = holdsCustomer,
            ComplaintRef = string.IsNullOrWhiteSpace(complaintRef) ? null : complaintRef.Trim(),
            ReceivedAt = receivedAt ?? now,
            OpenedAt = now,
            OpenedBy = openedBy,
        };
    }

    /// <summary>
    /// Whether a complaint holds the customer when whoever records it does not say: a serious one
    /// (High severity) and every referral from the regulator do, as no reminder may go out while
    /// either is looked into. The rest do not: the send policy's frequency caps already apply.
    /// </summary>
    public static bool HoldsByDefault(ComplaintSource source, ComplaintSeverity severity) =>
        severity == ComplaintSeverity.High || source is ComplaintSource.Regulator or ComplaintSource.RegulatorThreat;

    public bool IsOpen => Status != ComplaintStatus.Closed;

    /// <summary>Someone has taken the complaint up: Open → InProgress.</summary>
    public void StartWork(string by, DateTimeOffset now)
    {
        if (Status != ComplaintStatus.Open)
        {
            throw new ComplaintException(ComplaintError.NotOpen, Id);
        }
        Status = ComplaintStatus.InProgress;
        StartedBy = by;
        StartedAt = now;
    }

    /// <summary>A different category, while the complaint is not closed.</summary>
    public void Recategorise(ComplaintCategory category)
    {
        EnsureNotClosed();
        Category = Defined(category);
    }

    /// <summary>A different severity, while the complaint is not closed.</summary>
    public void SetSeverity(ComplaintSeverity severity)
    {
        EnsureNotClosed();
        Severity = Defined(severity);
    }

    /// <summary>
    /// Closes the complaint with what was done about it: a closed complaint is final, so the note is
    /// the only account a later reader (or the regulator) gets of how it was settled.
    /// </summary>
    /// <exception cref="ArgumentException">The note is blank or longer than <see cref="MaxResolutionNoteLength"/> once trimmed.</exception>
    public void Close(string by, string resolutionNote, DateTimeOffset now)
    {
        EnsureNotClosed();
        ArgumentException.ThrowIfNullOrWhiteSpace(resolutionNote);
        var note = resolutionNote.Trim();
        if (note.Length > MaxResolutionNoteLength)
        {
            throw new ArgumentException($"The resolution note has {MaxResolutionNoteLength} characters at most.", nameof(resolutionNote));
        }
        Status = ComplaintStatus.Closed;
        ResolutionNote = note;
        ClosedBy = by;
        ClosedAt = now;
    }

    private void EnsureNotClosed()
    {
        if (Status == ComplaintStatus.Closed)
        {
            throw new ComplaintException(ComplaintError.Closed, Id);
        }
    }

    private static T Defined<T>(T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a known value.");
}
