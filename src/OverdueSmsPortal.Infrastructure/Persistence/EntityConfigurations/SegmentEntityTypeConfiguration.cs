using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Segments;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal sealed class StageDefinitionEntityTypeConfiguration : IEntityTypeConfiguration<StageDefinition>
{
    public void Configure(EntityTypeBuilder<StageDefinition> stage)
    {
        stage.ToTable("StageDefinitions");
        stage.HasKey(s => s.Id);
        stage.Property(s => s.Key).HasMaxLength(StageDefinition.MaxKeyLength).IsRequired();
        stage.HasIndex(s => s.Key).IsUnique();
        stage.Property(s => s.NameZh).HasMaxLength(StageDefinition.MaxNameLength).IsRequired();
        stage.Property(s => s.NameEn).HasMaxLength(StageDefinition.MaxNameLength).IsRequired();
        stage.Ignore(s => s.AllowsLegalNotice);
    }
}

internal sealed class SegmentEntityTypeConfiguration : IEntityTypeConfiguration<Segment>
{
    private static readonly ValueConverter<decimal?, long?> Fen =
        new(yuan => yuan == null ? null : (long)Math.Round(yuan.Value * 100m, MidpointRounding.AwayFromZero),
            fen => fen == null ? null : fen.Value / 100m);

    public void Configure(EntityTypeBuilder<Segment> segment)
    {
        segment.ToTable("Segments");
        segment.HasKey(s => s.Id);
        segment.Property(s => s.Name).HasMaxLength(Segment.MaxNameLength).IsRequired();
        segment.HasIndex(s => s.Name).IsUnique();
        segment.Property(s => s.StageKey).HasMaxLength(StageDefinition.MaxKeyLength).IsRequired();
        segment.HasOne<StageDefinition>().WithMany().HasForeignKey(s => s.StageKey).HasPrincipalKey(s => s.Key)
            .OnDelete(DeleteBehavior.Restrict);
        // Rule sets are short lists read with the segment, never queried by element: a compact text column.
        segment.Property(s => s.CustomerTypes).HasConversion(ListOf<CustomerType>()).Metadata.SetValueComparer(ListComparer<CustomerType>());
        segment.Property(s => s.Products).HasConversion(ListOf<LoanProduct>()).Metadata.SetValueComparer(ListComparer<LoanProduct>());
        segment.Property(s => s.Tones).HasConversion(ListOf<Tone>()).Metadata.SetValueComparer(ListComparer<Tone>());
        segment.Property(s => s.Regions).HasConversion(
                regions => string.Join('\n', regions),
                text => text.Length == 0 ? new List<string>() : text.Split('\n', StringSplitOptions.None).ToList())
            .Metadata.SetValueComparer(ListComparer<string>());
        segment.Property(s => s.AmountMin).HasConversion(Fen);
        segment.Property(s => s.AmountMax).HasConversion(Fen);
    }

    private static ValueConverter<List<T>, string> ListOf<T>() where T : struct, Enum => new(
        values => string.Join(',', values.Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))),
        text => text.Length == 0
            ? new List<T>()
            : text.Split(',', StringSplitOptions.None).Select(v => (T)Enum.ToObject(typeof(T), int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))).ToList());

    private static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        list => list.ToList());
}
