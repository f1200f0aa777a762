using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OverdueSmsPortal.Core.Access;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

/// <summary>
/// How a <see cref="Review"/> is stored, the same for every table that has one: in the owner's own row,
/// under the column names it had before it was one value.
/// </summary>
internal static class ReviewMapping
{
    public static void Columns(ComplexPropertyBuilder<Review> review)
    {
        review.Property(r => r.SubmittedById).HasColumnName("SubmittedById").HasMaxLength(64);
        review.Property(r => r.SubmittedByName).HasColumnName("SubmittedByName").HasMaxLength(256);
        review.Property(r => r.SubmittedAt).HasColumnName("SubmittedAt");
        review.Property(r => r.ReviewerId).HasColumnName("ReviewerId").HasMaxLength(64);
        review.Property(r => r.ReviewerName).HasColumnName("ReviewerName").HasMaxLength(256);
        review.Property(r => r.ReviewedAt).HasColumnName("ReviewedAt");
        review.Property(r => r.Comment).HasColumnName("ReviewComment").HasMaxLength(Review.MaxCommentLength);
    }
}

/// <summary>
/// A list of user ids in one text column, each between bars (<c>|id1|id2|</c>), the form it was stored in
/// before the model had a list. Ids are ASP.NET Identity keys, which never hold a bar.
/// </summary>
internal static class UserIdList
{
    private const char Bar = '|';

    public static readonly ValueConverter<IReadOnlyList<string>, string> Converter = new(
        ids => ids.Count == 0 ? "" : Bar + string.Join(Bar, ids) + Bar,
        text => text.Split(Bar, StringSplitOptions.RemoveEmptyEntries));

    public static readonly ValueComparer<IReadOnlyList<string>> Comparer = new(
        (left, right) => left!.SequenceEqual(right!),
        ids => ids.Aggregate(0, (hash, id) => HashCode.Combine(hash, id.GetHashCode(StringComparison.Ordinal))),
        ids => ids.ToArray());
}
