using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace OverdueSmsPortal.Core.Audit;

public enum AuditChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One value that differs between an entry's Before and After; <see cref="Path"/> is e.g. <c>window.start</c> or <c>tones[1]</c>.</summary>
public sealed record AuditChange(string Path, AuditChangeKind Kind, string? Before, string? After);

/// <summary>One line of pretty-printed JSON; <see cref="Changed"/> when the value on it is one of the changes.</summary>
public sealed record AuditJsonLine(int Depth, string Text, bool Changed);

/// <summary>An entry's Before and After as pretty-printed lines side by side, and what changed between them.</summary>
public sealed record AuditComparison(IReadOnlyList<AuditChange> Changes, IReadOnlyList<AuditJsonLine> Before,
    IReadOnlyList<AuditJsonLine> After);

/// <summary>
/// Compares the Before and After JSON of an audit entry value by value, through nested objects and
/// arrays (by position), so the page can highlight what changed. Text that is not JSON is compared whole.
/// </summary>
public static class AuditDiff
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static AuditComparison Compare(string? before, string? after)
    {
        using var beforeDocument = Parse(before);
        using var afterDocument = Parse(after);
        var changes = new List<AuditChange>();
        Walk("", Root(beforeDocument, before), Root(afterDocument, after), changes);
        var changed = changes.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        return new AuditComparison(changes, Lines(beforeDocument, before, changed), Lines(afterDocument, after, changed));
    }

    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The value to compare: the parsed root, the raw text as a string when it is not JSON, or nothing.</summary>
    private static JsonElement? Root(JsonDocument? document, string? text) =>
        document is not null ? document.RootElement
        : string.IsNullOrWhiteSpace(text) ? null
        : JsonSerializer.SerializeToElement(text);

    private static void Walk(string path, JsonElement? before, JsonElement? after, List<AuditChange> changes)
    {
        if (IsContainer(before) || IsContainer(after))
        {
            if (before?.ValueKind == after?.ValueKind || before is null || after is null)
            {
                foreach (var (child, b, a) in Children(path, before, after))
                {
                    Walk(child, b, a, changes);
                }
                return;
            }
        }
        switch (before, after)
        {
            case (null, null):
                return;
            case (null, { } added):
                changes.Add(new AuditChange(path, AuditChangeKind.Added, null, Text(added)));
                return;
            case ({ } removed, null):
                changes.Add(new AuditChange(path, AuditChangeKind.Removed, Text(removed), null));
                return;
            case ({ } b, { } a) when !JsonElement.DeepEquals(b, a):
                changes.Add(new AuditChange(path, AuditChangeKind.Changed, Text(b), Text(a)));
                return;
        }
    }

    /// <summary>An object or array with something in it; an empty one is compared as a value.</summary>
    private static bool IsContainer(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Any(),
        { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() > 0,
        _ => false,
    };

    private static IEnumerable<(string Path, JsonElement? Before, JsonElement? After)> Children(string path, JsonElement? before,
        JsonElement? after)
    {
        var kind = (before ?? after)!.Value.ValueKind;
        if (kind == JsonValueKind.Array)
        {
            var b = before is { ValueKind: JsonValueKind.Array } ba ? ba.EnumerateArray().ToList() : [];
            var a = after is { ValueKind: JsonValueKind.Array } aa ? aa.EnumerateArray().ToList() : [];
            for (var i = 0; i < Math.Max(b.Count, a.Count); i++)
            {
                yield return ($"{path}[{i}]", i < b.Count ? b[i] : null, i < a.Count ? a[i] : null);
            }
            yield break;
        }
        var beforeProperties = Properties(before);
        var afterProperties = Properties(after);
        foreach (var name in beforeProperties.Keys.Concat(afterProperties.Keys).Distinct(StringComparer.Ordinal))
        {
            yield return (Join(path, name), beforeProperties.GetValueOrDefault(name), afterProperties.GetValueOrDefault(name));
        }
    }

    private static Dictionary<string, JsonElement?> Properties(JsonElement? value)
    {
        var properties = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        if (value is { ValueKind: JsonValueKind.Object } o)
        {
            foreach (var property in o.EnumerateObject())
            {
                properties[property.Name] = property.Value;
            }
        }
        return properties;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : JsonSerializer.Serialize(value, Compact);

    private static List<AuditJsonLine> Lines(JsonDocument? document, string? text, IReadOnlySet<string> changed)
    {
        var lines = new List<AuditJsonLine>();
        if (document is not null)
        {
            Print(lines, document.RootElement, "", 0, "", "", changed, false);
        }
        else if (!string.IsNullOrWhiteSpace(text))
        {
            lines.Add(new AuditJsonLine(0, text, changed.Contains("")));
        }
        return lines;
    }

    // Inside a value that changed as a whole (e.g. an object that became a string) every line is highlighted.
    private static void Print(List<AuditJsonLine> lines, JsonElement value, string path, int depth, string label, string comma,
        IReadOnlySet<string> changed, bool inChange)
    {
        var highlighted = inChange || changed.Contains(path);
        if (!IsContainer(value))
        {
            lines.Add(new AuditJsonLine(depth, label + JsonSerializer.Serialize(value, Compact) + comma, highlighted));
            return;
        }
        var isArray = value.ValueKind == JsonValueKind.Array;
        lines.Add(new AuditJsonLine(depth, label + (isArray ? "[" : "{"), highlighted));
        if (isArray)
        {
            var items = value.EnumerateArray().ToList();
            for (var i = 0; i < items.Count; i++)
            {
                Print(lines, items[i], $"{path}[{i}]", depth + 1, "", i < items.Count - 1 ? "," : "", changed, highlighted);
            }
        }
        else
        {
            var properties = value.EnumerateObject().ToList();
            for (var i = 0; i < properties.Count; i++)
            {
                var name = properties[i].Name;
                Print(lines, properties[i].Value, Join(path, name), depth + 1, JsonSerializer.Serialize(name, Compact) + ": ",
                    i < properties.Count - 1 ? "," : "", changed, highlighted);
            }
        }
        lines.Add(new AuditJsonLine(depth, (isArray ? "]" : "}") + comma, highlighted));
    }
}
