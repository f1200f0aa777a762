using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Core.Replies;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>
/// Lets an operator play the customer with the development gateway: a reply to any message, stored as
/// a real reply would be, matched to the message and its customer.
/// </summary>
public sealed class DevelopmentReplies(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<InboundReply> SimulateAsync(long messageId, string text, Actor by, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A reply needs some text.", nameof(text));
        }
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken)
            ?? throw new InvalidOperationException($"Message {messageId} does not exist.");
        var customer = await db.Customers.FirstAsync(c => c.Id == message.CustomerId, cancellationToken);
        var now = clock.GetUtcNow();
        var reply = new InboundReply(customer.Id, message.Id, message.Phone ?? customer.Phone, text.Trim(), DevelopmentGateway.GatewayName, now);
        db.InboundReplies.Add(reply);
        customer.RecordReply(now);
        audit.Add(by.Name, AuditNames.Reply, messageId.ToString(), AuditNames.Simulated, after: new { messageId, customer.AccountRef });
        await db.SaveChangesAsync(cancellationToken);
        return reply;
    }
}
