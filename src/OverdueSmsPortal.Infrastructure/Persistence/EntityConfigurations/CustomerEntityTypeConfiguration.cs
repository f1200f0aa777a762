using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OverdueSmsPortal.Core.Customers;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.ToTable("Customers");
        customer.HasKey(c => c.Id);
        customer.Property(c => c.AccountRef).HasMaxLength(CustomerRecordValidator.MaxAccountRefLength).IsRequired();
        customer.HasIndex(c => c.AccountRef).IsUnique();
        customer.Property(c => c.Name).HasMaxLength(CustomerRecordValidator.MaxNameLength).IsRequired();
        customer.Property(c => c.Phone).HasMaxLength(20).IsRequired();
        customer.Property(c => c.Region).HasMaxLength(CustomerRecordValidator.MaxRegionLength).IsRequired();
        customer.Property(c => c.TimeZone).HasMaxLength(64).IsRequired();
        customer.Property(c => c.AmountDue).HasConversion(MoneyColumns.Fen);
        customer.Property(c => c.MinimumDue).HasConversion(MoneyColumns.Fen);
        customer.Property(c => c.DailyPenaltyRate).HasPrecision(9, 6);

        // The customer list sorts and filters on these; each index keeps a page fast at a million rows.
        customer.HasIndex(c => c.Name);
        customer.HasIndex(c => c.Phone);
        customer.HasIndex(c => c.DueDate);
        customer.HasIndex(c => c.AmountDue);
        customer.HasIndex(c => new { c.Region, c.DueDate });
        customer.HasIndex(c => new { c.CustomerType, c.DueDate });
        customer.HasIndex(c => new { c.Product, c.DueDate });
        // Two filters together: without an index on both, counting the matches reads a table row for
        // every customer matching the first (0.6 s and more at a million customers, docs/benchmarks.md).
        customer.HasIndex(c => new { c.Region, c.Product, c.DueDate });
        customer.HasIndex(c => new { c.Region, c.CustomerType, c.DueDate });
        customer.HasIndex(c => new { c.Product, c.CustomerType, c.DueDate });
    }
}
