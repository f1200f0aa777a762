namespace OverdueSmsPortal.Core.Templates;

/// <summary>
/// The template of one segment in one tone (DESIGN §2.4): a history of immutable versions, each
/// drafted, reviewed, then approved or rejected.
/// </summary>
public class MessageTemplate
{
    private readonly List<TemplateVersion> versions = [];

    public long Id { get; private set; }
    public long SegmentId { get; private set; }
    public Tone Tone { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<TemplateVersion> Versions => versions;

    private MessageTemplate()
    {
    }

    public MessageTemplate(long segmentId, Tone tone, DateTimeOffset now)
    {
        SegmentId = segmentId;
        Tone = tone;
        CreatedAt = now;
    }

    /// <summary>The newest version, whatever its state; null before the first save.</summary>
    public TemplateVersion? Latest => versions.MaxBy(v => v.Number);

    /// <summary>The newest approved version: the one a campaign would use.</summary>
    public TemplateVersion? LatestApproved =>
        versions.Where(v => v.Status == TemplateVersionStatus.Approved).MaxBy(v => v.Number);

    /// <summary>
    /// Who wrote the text of <paramref name="version"/> that nobody has approved yet: its author and the
    /// authors of the drafts it was based on, back to the last approved version it grew from.
    /// </summary>
    public IEnumerable<string> UnapprovedAuthorsOf(TemplateVersion version)
    {
        for (var current = version; current is not null; current = Parent(current))
        {
            if (current != version && current.Status == TemplateVersionStatus.Approved)
            {
                yield break;
            }
            yield return current.AuthorId;
        }
    }

    private TemplateVersion? Parent(TemplateVersion version) =>
        version.BasedOnNumber is { } number && number < version.Number ? versions.FirstOrDefault(v => v.Number == number) : null;

    /// <summary>Saving always makes a new draft version; no version's text ever changes.</summary>
    public TemplateVersion SaveDraft(string body, Access.Actor author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        var basedOn = Latest;
        var version = new TemplateVersion(this, (basedOn?.Number ?? 0) + 1, body, author, basedOn?.Number, now);
        versions.Add(version);
        return version;
    }
}
