using OverdueSmsPortal.Infrastructure.Importing;

namespace OverdueSmsPortal.IntegrationTests.Support;

public static class ImportAssert
{
    /// <summary>Asserts the row counts of <paramref name="report"/>, all at once so a failure shows them all.</summary>
    public static void Counts(ImportReport report, int rowsRead, int inserted, int updated, int rejected) =>
        Assert.Equal((rowsRead, inserted, updated, rejected),
            (report.RowsRead, report.Inserted, report.Updated, report.RejectedRows));
}
