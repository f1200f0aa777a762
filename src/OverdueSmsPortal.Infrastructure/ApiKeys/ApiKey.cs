namespace OverdueSmsPortal.Infrastructure.ApiKeys;

/// <summary>
/// A key the lender's systems send in <c>X-Api-Key</c>. Only a SHA-256 hash is stored; the key itself
/// is shown once, when issued. The prefix lets an admin tell keys apart.
/// </summary>
public class ApiKey
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    public bool IsActive => RevokedAt is null;

    private ApiKey()
    {
    }

    public ApiKey(string name, string prefix, string hash, string createdBy, DateTimeOffset createdAt)
    {
        Name = name;
        Prefix = prefix;
        Hash = hash;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public void Revoke(string by, DateTimeOffset at)
    {
        if (RevokedAt is not null)
        {
            return;
        }
        RevokedAt = at;
        RevokedBy = by;
    }

    public void MarkUsed(DateTimeOffset at) => LastUsedAt = at;
}
