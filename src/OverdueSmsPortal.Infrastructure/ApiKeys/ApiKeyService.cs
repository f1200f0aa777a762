using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.ApiKeys;

/// <summary>Issues, verifies and revokes the keys of the JSON API.</summary>
public sealed class ApiKeyService(PortalDbContext db, AuditTrail audit, TimeProvider clock, IOptions<ApiOptions> options)
{
    private const string KeyPrefix = "osp_";
    private const int PrefixLength = 10;

    /// <summary>The name a configured bootstrap key is known by in audit entries.</summary>
    public const string BootstrapKeyName = "bootstrap";

    public sealed record IssuedKey(ApiKey Key, string Secret);

    public async Task<IssuedKey> IssueAsync(string name, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var secret = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = new ApiKey(name.Trim(), secret[..PrefixLength], Hash(secret), by.Name, clock.GetUtcNow());
        // The entry names the key by the id its insert gets: both saves in one transaction.
        await audit.TogetherAsync(async () =>
        {
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(by.Name, AuditNames.ApiKey, key.Id.ToString(CultureInfo.InvariantCulture), AuditNames.Issued,
                after: new { key.Name, key.Prefix }, cancellationToken: cancellationToken);
            return key;
        }, cancellationToken: cancellationToken);
        return new IssuedKey(key, secret);
    }

    public async Task RevokeAsync(int id, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.ManageSettings);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException($"API key {id} does not exist.");
        if (!key.IsActive)
        {
            return;
        }
        key.Revoke(by.Name, clock.GetUtcNow());
        audit.Add(by.Name, AuditNames.ApiKey, key.Id.ToString(CultureInfo.InvariantCulture), AuditNames.Revoked,
            before: new { key.Name, key.Prefix });
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(cancellationToken);

    /// <summary>The name of the active key that <paramref name="presented"/> is, or null.</summary>
    public async Task<string?> VerifyAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200)
        {
            return null;
        }
        var hash = Hash(presented);
        var bootstrap = options.Value.BootstrapKey;
        if (!string.IsNullOrEmpty(bootstrap) && SameHash(hash, Hash(bootstrap)))
        {
            return BootstrapKeyName;
        }
        // Found by the prefix (not secret: it is shown in Settings), then compared in constant time,
        // so that the answer's timing says nothing about how close a guess came to a stored hash.
        var prefix = presented.Length >= PrefixLength ? presented[..PrefixLength] : presented;
        var candidates = await db.ApiKeys.Where(k => k.Prefix == prefix && k.RevokedAt == null).ToListAsync(cancellationToken);
        var key = candidates.FirstOrDefault(k => SameHash(k.Hash, hash));
        if (key is null)
        {
            return null;
        }
        // Last use is a hint for admins, not an audit fact: one write per minute at most.
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            key.MarkUsed(now);
            await db.SaveChangesAsync(cancellationToken);
        }
        return key.Name;
    }

    private static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>Settings of the JSON API (<c>Portal:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Portal:Api";

    /// <summary>Shorter, a key from configuration could be guessed: issued keys are far longer.</summary>
    public const int MinBootstrapKeyLength = 24;

    /// <summary>A key accepted besides the issued ones, so a first key exists before anyone signs in.</summary>
    public string? BootstrapKey { get; set; }

    /// <summary>None, or long enough and free of spaces (a key pasted with a line break would never match).</summary>
    public static bool IsAcceptableBootstrapKey(string? key) =>
        string.IsNullOrEmpty(key) || (key.Length >= MinBootstrapKeyLength && !key.Any(char.IsWhiteSpace));
}
