using System.Globalization;
using System.Text;
using OverdueSmsPortal.Core.Campaigns;

namespace OverdueSmsPortal.Infrastructure.Gateways.Kannel;

/// <summary>
/// The fields of one Kannel callback (a DLR or an MO), from its query string or its form body, kept
/// percent-encoded until their charset is known: Kannel sends an MO's text in the charset it names
/// (UTF-8 after <c>mo-recode</c>, else possibly UTF-16BE for UCS-2 messages), not always in UTF-8.
/// </summary>
public sealed class KannelCallback
{
    public const int MaxFieldLength = 4096;

    private readonly Dictionary<string, string> raw = new(StringComparer.OrdinalIgnoreCase);

    private KannelCallback()
    {
    }

    /// <summary>Reads <c>a=1&amp;b=2</c> pairs from the query string and, for a POST form, the body; the first of a name wins.</summary>
    public static KannelCallback Parse(params string?[] sources)
    {
        var callback = new KannelCallback();
        foreach (var source in sources)
        {
            if (string.IsNullOrEmpty(source))
            {
                continue;
            }
            foreach (var pair in source.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                if (value.Length <= MaxFieldLength)
                {
                    callback.raw.TryAdd(name, value);
                }
            }
        }
        return callback;
    }

    public bool Has(string name) => raw.ContainsKey(name);

    /// <summary>The field as UTF-8 text (Kannel's numbers, ids and codes); null when absent.</summary>
    public string? Text(string name) => Text(name, null);

    /// <summary>The field decoded in <paramref name="charset"/> (UTF-8 when unknown); null when absent.</summary>
    public string? Text(string name, string? charset)
    {
        if (!raw.TryGetValue(name, out var escaped))
        {
            return null;
        }
        var bytes = PercentDecode(escaped);
        return EncodingOf(charset).GetString(bytes);
    }

    public long? LongValue(string name) =>
        long.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public int? IntValue(string name) =>
        int.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A Unix time in seconds (Kannel's %T), when present and sensible.</summary>
    public DateTimeOffset? UnixTime(string name) => LongValue(name) is { } seconds && seconds is > 0 and < 32_503_680_000
        ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : null;

    private static byte[] PercentDecode(string escaped)
    {
        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < escaped.Length && IsHex(escaped[i + 1]) && IsHex(escaped[i + 2]))
            {
                bytes.Add(Convert.ToByte(escaped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return [.. bytes];
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static Encoding EncodingOf(string? charset) => charset?.Trim().ToUpperInvariant() switch
    {
        null or "" or "UTF-8" or "UTF8" => Encoding.UTF8,
        "UTF-16BE" or "UCS-2" or "UCS2" or "UTF-16" => Encoding.BigEndianUnicode,
        "UTF-16LE" => Encoding.Unicode,
        "ISO-8859-1" or "LATIN1" => Encoding.Latin1,
        "US-ASCII" or "ASCII" => Encoding.ASCII,
        // Anything else Kannel names is read as UTF-8, which is what mo-recode gives.
        _ => Encoding.UTF8,
    };
}

/// <summary>Kannel's delivery report values (the <c>%d</c> of a dlr-url) in the portal's words.</summary>
public static class KannelDeliveryStatus
{
    /// <summary>The status a Kannel value stands for; null for a value Kannel does not send.</summary>
    public static DeliveryStatus? From(int value) => value switch
    {
        KannelDlrMask.Delivered => DeliveryStatus.Delivered,
        KannelDlrMask.Failed => DeliveryStatus.Failed,
        KannelDlrMask.Buffered => DeliveryStatus.Buffered,
        KannelDlrMask.Submitted => DeliveryStatus.Submitted,
        KannelDlrMask.Rejected => DeliveryStatus.Rejected,
        _ => null,
    };
}
