using OverdueSmsPortal.Core.Importing;
using OverdueSmsPortal.Infrastructure.Exporting;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>
/// The downloadable template of an upload, written from <see cref="ImportVocabulary"/> so that it can only
/// hold headings and values the import reads: in Chinese (the portal's labels) or English, as CSV with a
/// byte order mark so that Excel opens the Chinese right.
/// </summary>
public static class ImportTemplate
{
    public static byte[] Csv(ImportSheet sheet, bool chinese)
    {
        using var output = new MemoryStream();
        CsvTable.Write(output,
            sheet.Columns.Select(c => chinese ? c.Chinese : c.English).ToList(),
            [sheet.Columns.Select(c => chinese ? c.ExampleChinese : c.ExampleEnglish)]);
        return output.ToArray();
    }
}
