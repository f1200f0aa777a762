using System.Globalization;
using System.Text;

namespace OverdueSmsPortal.Tests.Shared;

/// <summary>
/// A seeded source of hostile input for the fuzz tests. Each test starts from a fixed seed so CI is
/// repeatable; <c>FUZZ_SEED</c> replaces it to explore further or to replay a failure, and the seed in
/// use is printed with every failing case. Linked into the unit, integration and web tests.
/// </summary>
public sealed class Fuzz
{
    public const string SeedVariable = "FUZZ_SEED";

    private static readonly string[] Scripts =
    [
        "张伟李娜王小明还款逾期请尽快", "محمد علي دفع", "Иван Петров долг", "ＡＢＣ１２３（全角）", "Ñandú €uro ¥en",
        "Ελληνικά", "हिन्दी", "한국어", "日本語のテキスト",
    ];

    private static readonly string[] Specials =
    [
        "\0", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001b", "\u001f", "\u007f", "\u200b", "\u200d", "\u202e", "\u2066",
        "\ufeff", "\ufffd", "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "\ud83c\uddE8\ud83c\uddF3",
        "\ud800", "\udc00", "\udbff\udfff", "e\u0301", "𠀀", "\"", "'", ",", ";", "\\", "{{", "}}", "{%", "%}", "<script>",
    ];

    private readonly Random random;

    public Fuzz(int seed)
    {
        Seed = seed;
        random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>The test's own seed, unless <c>FUZZ_SEED</c> names another.</summary>
    public static Fuzz From(int defaultSeed) =>
        new(int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture,
            out var seed) ? seed : defaultSeed);

    /// <summary>How to replay: names the seed and the case.</summary>
    public string Replay(int caseNumber) => $"{SeedVariable}={Seed}, case {caseNumber}";

    public int Next(int maxExclusive) => random.Next(maxExclusive);
    public int Next(int min, int maxExclusive) => random.Next(min, maxExclusive);
    public bool Chance(double probability) => random.NextDouble() < probability;
    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A short piece of text: plain letters, digits, another script, or a control/format character.</summary>
    public string Piece() => Next(6) switch
    {
        0 => Pick(Specials),
        1 => Pick(Scripts)[..Next(1, 4)],
        2 => Next(-1000, 100_000).ToString(CultureInfo.InvariantCulture),
        3 => ((char)Next(0x20, 0x7f)).ToString(),
        4 => char.ConvertFromUtf32(Next(2) == 0 ? Next(0x4e00, 0x9fff) : Next(0x1f300, 0x1faff)),
        _ => ((char)Next(0x0000, 0xffff)).ToString(),
    };

    /// <summary>A string of about <paramref name="pieces"/> pieces: any UTF-16 content, lone surrogates included.</summary>
    public string Text(int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(Piece());
        }
        return text.ToString();
    }
}
