using System.Xml.Linq;
using OverdueSmsPortal.Web.Tests.Hosting;

namespace OverdueSmsPortal.Web.Tests.Localization;

/// <summary>The portal's resource files, read as the XML they are.</summary>
public static class ResourceFiles
{
    public const string Chinese = "SharedResource.resx";
    public const string English = "SharedResource.en.resx";

    public static IReadOnlyDictionary<string, string> Read(string fileName)
    {
        var path = Path.Combine(SourceTree.WebProject.FullName, "Resources", fileName);
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }

    public static IReadOnlyDictionary<string, string> ChineseEntries { get; } = Read(Chinese);
    public static IReadOnlyDictionary<string, string> EnglishEntries { get; } = Read(English);

    /// <summary>The keys that are missing from either language.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> keys) =>
        keys.Distinct().Where(k => !ChineseEntries.ContainsKey(k) || !EnglishEntries.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
}
