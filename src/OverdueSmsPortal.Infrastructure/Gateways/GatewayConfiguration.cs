using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>The gateway settings as the gateways and the callback endpoints use them: secrets unprotected, in memory only.</summary>
public sealed record GatewaySnapshot(GatewaySettings Settings, string? KannelPassword, string? CallbackToken,
    string? PreviousCallbackToken, DateTimeOffset LoadedAt)
{
    public bool UsesKannel => Settings.Provider == GatewayProvider.Kannel;
}

/// <summary>
/// The current gateway settings for the whole process, read from the database and kept for a short
/// while (another node's change shows within <see cref="MaxAge"/>; this node's at once). It also
/// checks the callback token the DLR and MO endpoints are called with, in constant time.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim is only awaited; its wait handle is never created, so there is nothing to free, and disposing a gate still shared by running work would fault it.")]
public sealed class GatewayConfiguration(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string ProtectionPurpose = "OverdueSmsPortal.Gateway.v1";

    /// <summary>How long a rotated-out token is still taken: reports of messages that left before the rotation.</summary>
    public static readonly TimeSpan PreviousTokenGrace = TimeSpan.FromDays(1);

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile GatewaySnapshot? current;

    /// <summary>The settings as last read; read now if never read or stale.</summary>
    public async ValueTask<GatewaySnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = current;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            snapshot = current;
            if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < MaxAge)
            {
                return snapshot;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var row = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == GatewaySettingsStore.Key, cancellationToken);
            var settings = row is null ? GatewaySettings.Default : JsonSerializer.Deserialize<GatewaySettings>(row.Json) ?? GatewaySettings.Default;
            current = snapshot = Unprotect(settings);
            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The settings as last read, for callers that cannot wait (a gateway's name on a page). The first
    /// read runs on the thread pool: blocking a Blazor circuit's own context on it would deadlock.
    /// </summary>
    public GatewaySnapshot Current => current ?? Task.Run(() => GetAsync().AsTask()).GetAwaiter().GetResult();

    /// <summary>Forgets what was read: the next use reads the database again.</summary>
    public void Invalidate() => current = null;

    /// <summary>Whether <paramref name="presented"/> is the callback token (or the previous one, for a day after a rotation).</summary>
    public async ValueTask<bool> AcceptsTokenAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }
        var snapshot = await GetAsync(cancellationToken);
        var accepted = FixedTimeEquals(presented, snapshot.CallbackToken);
        var previousValid = snapshot.Settings.CallbackTokenIssuedAt is { } issued && clock.GetUtcNow() - issued < PreviousTokenGrace;
        // Both comparisons always run, so the time taken says nothing about which token was close.
        accepted |= FixedTimeEquals(presented, snapshot.PreviousCallbackToken) & previousValid;
        return accepted;
    }

    internal IDataProtector Protector => protection.CreateProtector(ProtectionPurpose);

    private GatewaySnapshot Unprotect(GatewaySettings settings) => new(settings,
        TryUnprotect(settings.ProtectedKannelPassword), TryUnprotect(settings.ProtectedCallbackToken),
        TryUnprotect(settings.ProtectedPreviousCallbackToken), clock.GetUtcNow());

    private string? TryUnprotect(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            return Protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            // The keys it was protected with are gone (a new database, keys lost): as if never set.
            return null;
        }
    }

    private static bool FixedTimeEquals(string presented, string? expected)
    {
        // Hashing first gives both sides the same length, so the comparison's time does not depend on it.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? "\0no token\0"));
        return CryptographicOperations.FixedTimeEquals(a, b) && expected is not null;
    }
}
