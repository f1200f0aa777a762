using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Importing;

namespace OverdueSmsPortal.Infrastructure.Importing;

/// <summary>A data row of an import file: its spreadsheet row number and the record it holds.</summary>
internal readonly record struct CustomerRow(int Row, CustomerRecord Record);

/// <summary>
/// Reads the customers of an import file's rows (<see cref="ImportFile"/>). Columns are matched by the
/// API's field names, the labels the portal shows, or their synonyms (<see cref="ImportVocabulary.Customers"/>),
/// in any order.
/// </summary>
internal static class CustomerRowReaders
{
    /// <summary>The fields a file must have a column for; the others may be left out.</summary>
    public static IReadOnlyList<string> RequiredColumns => ImportVocabulary.Customers.Required;

    /// <summary>Maps headings to field names; returns the required fields that have no column.</summary>
    public static (Dictionary<string, int> Columns, List<string> Missing) MatchHeader(IReadOnlyList<string?> headings) =>
        ImportFile.MatchHeader(headings, heading => ImportVocabulary.Customers.ColumnHeaded(heading)?.Field, RequiredColumns);

    public static CustomerRecord ToRecord(Dictionary<string, int> columns, Func<int, string?> cell) =>
        CustomerRecord.FromFields(field => columns.TryGetValue(field, out var index) ? cell(index) : null);
}
