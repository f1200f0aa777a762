using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>
/// The built-in gateway for a portal with nothing else installed (DESIGN §2.10): it records each
/// message in the portal's database and nothing leaves this machine. A repeated message id is
/// recognised, so a message a crash left in doubt can be handed over again safely.
/// <see cref="DevelopmentGatewayDelivery"/> reports the messages delivered after a short delay.
/// </summary>
public sealed class DevelopmentGateway(IServiceScopeFactory scopes, TimeProvider clock) : ISmsGateway
{
    public const string GatewayName = "development";

    public string Name => GatewayName;

    public bool IsDevelopment => true;

    public bool DeduplicatesByMessageId => true;

    public async Task<SmsAccepted> SendAsync(SmsRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // A primary-key lookup first: inserting blindly would make every repeat a failed command that
        // EF Core logs as an error, and repeats are the normal path after a crash.
        var known = await KnownAsync(db, request.MessageId, cancellationToken);
        if (known is not null)
        {
            // Handed over again after a crash: report it again, the first report may have found it in doubt.
            await db.DevelopmentGatewayMessages.Where(m => m.MessageId == request.MessageId && m.ReportedAt != null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReportedAt, (DateTimeOffset?)null), cancellationToken);
            return new SmsAccepted(known);
        }
        var message = new DevelopmentGatewayMessage(request.MessageId, request.Phone, request.Text, clock.GetUtcNow());
        db.DevelopmentGatewayMessages.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new SmsAccepted(message.GatewayMessageId);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new SmsAccepted(await KnownAsync(db, request.MessageId, cancellationToken)
                ?? throw new SmsGatewayException("development_store", isTransient: true, "The development gateway could not record the message."));
        }
    }

    private static Task<string?> KnownAsync(PortalDbContext db, long messageId, CancellationToken cancellationToken) =>
        db.DevelopmentGatewayMessages.AsNoTracking().Where(m => m.MessageId == messageId)
            .Select(m => m.GatewayMessageId).FirstOrDefaultAsync(cancellationToken);
}
