using System.Text;
using System.Web;

namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>One SMS as a phone behind the fake SMSC got it, the parts of a split message joined.</summary>
/// <param name="Complete">False while (or if) some part of a split message is missing.</param>
public sealed record PhoneMessage(string Sender, string Receiver, string Text, bool Complete = true);

/// <summary>
/// Reads what Kannel's fakesmsc client logged as received: lines such as
/// <c>DEBUG: Got message 7: &lt;10690000 +8613900000001 ucs-2 0%10...&gt;</c> with sender, receiver, the
/// coding and the text (URL-encoded; UTF-16BE for <c>ucs-2</c>, as is for <c>text</c>). A split message
/// comes as one line per part, <c>udh &lt;header&gt; data &lt;bytes&gt;</c>, joined here by its
/// concatenation header. The log does not say a split message's coding: its parts are read as UCS-2,
/// which is what the portal sends for every text that is not GSM-7 (and GSM-7 texts here fit one SMS).
/// </summary>
public static class FakeSmscLog
{
    private const string Marker = "Got message ";

    private sealed record Part(int Reference, int Total, int Sequence, byte[] Data);

    /// <summary>The messages in the log's <paramref name="lines"/>, in the order they arrived.</summary>
    public static IReadOnlyList<PhoneMessage> Read(IEnumerable<string> lines)
    {
        var messages = new List<PhoneMessage>();
        var pending = new Dictionary<(string Sender, string Receiver, int Reference, int Total), SortedDictionary<int, byte[]>>();
        foreach (var line in lines)
        {
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            var open = at < 0 ? -1 : line.IndexOf('<', at);
            // A line still being written has no closing bracket yet: the next reading gets it whole.
            if (open < 0 || !line.EndsWith('>'))
            {
                continue;
            }
            var fields = line[(open + 1)..^1].Split(' ', 4);
            if (fields.Length < 4)
            {
                continue;
            }
            var (sender, receiver, coding, rest) = (fields[0], fields[1], fields[2], fields[3]);
            if (coding != "udh")
            {
                messages.Add(new PhoneMessage(sender, receiver, Decode(coding, rest)));
                continue;
            }
            var part = SplitPart(rest);
            var key = (sender, receiver, part.Reference, part.Total);
            if (pending.Remove(key, out var earlier) && !earlier.TryAdd(part.Sequence, part.Data))
            {
                // The same part again: what came before is one message (short of parts), this starts another.
                messages.Add(Joined(sender, receiver, earlier, part.Total));
                earlier = new SortedDictionary<int, byte[]> { [part.Sequence] = part.Data };
            }
            earlier ??= new SortedDictionary<int, byte[]> { [part.Sequence] = part.Data };
            if (earlier.Count == part.Total)
            {
                messages.Add(Joined(sender, receiver, earlier, part.Total));
            }
            else
            {
                pending[key] = earlier;
            }
        }
        messages.AddRange(pending.Select(p => Joined(p.Key.Sender, p.Key.Receiver, p.Value, p.Key.Total)));
        return messages;
    }

    private static string Decode(string coding, string text) => coding switch
    {
        "ucs-2" => Encoding.BigEndianUnicode.GetString(HttpUtility.UrlDecodeToBytes(text)),
        "data" => Encoding.Latin1.GetString(HttpUtility.UrlDecodeToBytes(text)),
        _ => text,
    };

    /// <summary>Reads <c>&lt;udh&gt; data &lt;bytes&gt;</c>; the header's concatenation element has an 8- or 16-bit reference.</summary>
    private static Part SplitPart(string rest)
    {
        var fields = rest.Split(' ', 3);
        var header = HttpUtility.UrlDecodeToBytes(fields[0]);
        var data = fields.Length == 3 ? HttpUtility.UrlDecodeToBytes(fields[2]) : [];
        for (var i = 1; i + 1 < header.Length; i += 2 + header[i + 1])
        {
            switch (header[i])
            {
                case 0x00 when header[i + 1] == 3:
                    return new Part(header[i + 2], header[i + 3], header[i + 4], data);
                case 0x08 when header[i + 1] == 4:
                    return new Part(header[i + 2] << 8 | header[i + 3], header[i + 4], header[i + 5], data);
            }
        }
        throw new FormatException($"A split message part without a concatenation header: {fields[0]}");
    }

    private static PhoneMessage Joined(string sender, string receiver, SortedDictionary<int, byte[]> parts, int total) =>
        new(sender, receiver, Encoding.BigEndianUnicode.GetString(parts.Values.SelectMany(p => p).ToArray()), parts.Count == total);
}
