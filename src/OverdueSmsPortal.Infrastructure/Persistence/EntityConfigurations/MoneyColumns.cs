using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OverdueSmsPortal.Infrastructure.Persistence.EntityConfigurations;

internal static class MoneyColumns
{
    /// <summary>Money is stored as whole fen: exact, and it sorts and sums on every provider.</summary>
    public static readonly ValueConverter<decimal, long> Fen =
        new(yuan => (long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero), fen => fen / 100m);
}
