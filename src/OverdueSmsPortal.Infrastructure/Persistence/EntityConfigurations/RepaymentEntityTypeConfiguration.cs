using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Outcomes;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal sealed class RepaymentEntityTypeConfiguration : IEntityTypeConfiguration<Repayment>
{
    public void Configure(EntityTypeBuilder<Repayment> repayment)
    {
        repayment.ToTable("Repayments");
        repayment.HasKey(r => r.Id);
        // The lender's payment id: the same payment reported twice is stored once.
        repayment.HasIndex(r => r.PaymentId).IsUnique();
        repayment.HasIndex(r => new { r.CustomerId, r.PaidAt });
        repayment.HasIndex(r => r.CreditedMessageId);
        repayment.Property(r => r.PaymentId).HasMaxLength(Repayment.MaxPaymentIdLength).IsRequired();
        repayment.Property(r => r.Amount).HasConversion(MoneyColumns.Fen);
        repayment.Property(r => r.Source).HasMaxLength(16).IsRequired();
        repayment.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        repayment.HasOne<OutboxMessage>().WithMany().HasForeignKey(r => r.CreditedMessageId).OnDelete(DeleteBehavior.Restrict);
    }
}
