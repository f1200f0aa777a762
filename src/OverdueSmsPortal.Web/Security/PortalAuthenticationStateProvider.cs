using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OverdueSmsPortal.Infrastructure.Identity;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Web.Security;

/// <summary>
/// Keeps an open page (a circuit) signed in only while its session stands (<see cref="SessionStamp"/>):
/// at once when this node signs the user out, resets their password, changes their roles or locks them
/// (<see cref="SessionRevocations"/>), and every few seconds for changes made on another node.
/// </summary>
public sealed partial class PortalAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IdentityOptions options;
    private readonly SessionRevocations revocations;
    private readonly ILogger logger;

    public PortalAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, SessionRevocations revocations)
        : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options.Value;
        this.revocations = revocations;
        logger = loggerFactory.CreateLogger<PortalAuthenticationStateProvider>();
        revocations.Revoked += OnRevoked;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(15);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var stamps = scope.ServiceProvider.GetRequiredService<SecurityStamps>();
        return await SessionStamp.IsCurrentAsync(stamps, authenticationState.User, options, cancellationToken);
    }

    private void OnRevoked(string userId) => _ = RevalidateNowAsync(userId);

    private async Task RevalidateNowAsync(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(options.ClaimsIdentity.UserIdClaimType) != userId
                || await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                return;
            }
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The periodic re-check still runs; a failed immediate one must not take the circuit down.
            LogRecheckFailed(logger, exception, userId);
        }
    }

    protected override void Dispose(bool disposing)
    {
        revocations.Revoked -= OnRevoked;
        base.Dispose(disposing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The immediate session re-check of user {UserId} failed.")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string userId);
}
