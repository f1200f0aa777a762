using Microsoft.EntityFrameworkCore;
using OverdueSmsPortal.Core.Access;
using OverdueSmsPortal.Core.Audit;
using OverdueSmsPortal.Infrastructure.Audit;
using OverdueSmsPortal.Infrastructure.Persistence;
using OverdueSmsPortal.Infrastructure.Replies;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>
/// Lets an operator play the customer with the development gateway: a reply to any message, taken in
/// as a real reply would be (matched, classified, its opt-out or complaint applied).
/// </summary>
public sealed class DevelopmentReplies(PortalDbContext db, ReplyIntake intake, AuditTrail audit)
{
    public async Task<ReplyReceipt> SimulateAsync(long messageId, string text, Actor by, CancellationToken cancellationToken = default)
    {
        by.Demand(PortalAction.OperateCampaigns);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A reply needs some text.", nameof(text));
        }
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken)
            ?? throw new InvalidOperationException($"Message {messageId} does not exist.");
        var phone = message.Phone ?? await db.Customers.Where(c => c.Id == message.CustomerId).Select(c => c.Phone).FirstAsync(cancellationToken);
        // The reply and the entry saying an operator played the customer are kept together or not at all.
        return await audit.TogetherAsync(async () =>
        {
            var receipt = await intake.ReceiveAsync(new InboundSms(phone, null, text.Trim(), DevelopmentGateway.GatewayName, MessageId: messageId),
                cancellationToken);
            await audit.RecordAsync(by.Name, AuditNames.Reply, receipt.ReplyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AuditNames.Simulated, after: new { messageId, category = receipt.Category.ToString() }, cancellationToken: cancellationToken);
            return receipt;
        }, cancellationToken: cancellationToken);
    }
}
