using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OverdueSmsPortal.Infrastructure.Gateways;

/// <summary>
/// What the development gateway "sent": kept in the portal's own database, keyed by the outbox id so
/// that a message handed over twice is recorded once.
/// </summary>
public class DevelopmentGatewayMessage
{
    public long MessageId { get; private set; }
    public string GatewayMessageId { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset? ReportedAt { get; private set; }

    private DevelopmentGatewayMessage()
    {
    }

    public DevelopmentGatewayMessage(long messageId, string phone, string text, DateTimeOffset now)
    {
        MessageId = messageId;
        GatewayMessageId = $"dev-{messageId}";
        Phone = phone;
        Text = text;
        ReceivedAt = now;
    }
}

internal sealed class DevelopmentGatewayMessageEntityTypeConfiguration : IEntityTypeConfiguration<DevelopmentGatewayMessage>
{
    public void Configure(EntityTypeBuilder<DevelopmentGatewayMessage> message)
    {
        message.ToTable("DevelopmentGatewayMessages");
        message.HasKey(m => m.MessageId);
        message.Property(m => m.MessageId).ValueGeneratedNever();
        message.Property(m => m.GatewayMessageId).HasMaxLength(64).IsRequired();
        message.Property(m => m.Phone).HasMaxLength(20).IsRequired();
        message.Property(m => m.Text).HasMaxLength(2000).IsRequired();
        // The delivery loop's question: what has not been reported yet?
        message.HasIndex(m => new { m.ReportedAt, m.ReceivedAt });
    }
}
